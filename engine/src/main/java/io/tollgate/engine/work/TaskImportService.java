package io.tollgate.engine.work;

import io.tollgate.engine.project.Project;
import io.tollgate.engine.project.ProjectContext;
import io.tollgate.engine.project.ProjectService;
import io.tollgate.engine.project.ProjectStage;
import io.tollgate.engine.project.ProjectView;
import io.tollgate.engine.project.StageService;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.support.Problems;
import io.tollgate.engine.template.TaskImport;
import io.tollgate.engine.template.TaskListImport;
import io.tollgate.engine.template.TaskListImport.RowError;
import io.tollgate.engine.template.TaskListImports;
import io.tollgate.engine.template.TaskListReader;
import io.tollgate.engine.work.internal.WorkItems;
import io.tollgate.modeler.model.Durations;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.Template;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A project manager imports extra tasks into a running project from a task list in the same layout
 * as the template import: each row names one of the project's stages that is not done yet, the task,
 * the workspace member who does it, its duration (a due date on the workspace calendar) and the other
 * imported tasks it waits for. A preview answers what would be created and every problem by row and
 * column; the confirmation creates the tasks as work items of the project, which block their stage's
 * gate until they are done.
 */
@Service
@Transactional
public class TaskImportService {

    private static final Pattern SEPARATORS = Pattern.compile("[,;，；、]");

    private final TaskListReader reader;
    private final TaskListImports imports;
    private final ProjectService projects;
    private final StageService stages;
    private final WorkItems items;
    private final ImportedTasks imported;
    private final Actors actors;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TaskImportService(TaskListReader reader, TaskListImports imports, ProjectService projects, StageService stages,
                      WorkItems items, ImportedTasks imported, Actors actors, ApplicationEventPublisher events, Clock clock) {
        this.reader = reader;
        this.imports = imports;
        this.projects = projects;
        this.stages = stages;
        this.items = items;
        this.imported = imported;
        this.actors = actors;
        this.events = events;
        this.clock = clock;
    }

    /** One task the import would create, or created: where, what, for whom, by when, after what. */
    public record PlannedTask(int row, String stageKey, String stageName, String name, String assignee, String duration,
                              List<String> requires, String status, Instant dueAt) {
    }

    /** How many tasks go to one stage. */
    public record StageCount(String key, String name, String status, int tasks) {
    }

    /** What the import would create and every problem by row and column, with the preview's id. */
    public record Preview(String id, Instant expiresAt, String projectId, String format, String charset,
                          List<StageCount> stages, List<PlannedTask> tasks, List<String> assignees, int prerequisites,
                          List<RowError> problems, boolean confirmable) {
    }

    /** The tasks created, as the project page shows them. */
    public record Confirmed(String importId, String projectId, List<ProjectView.TaskView> tasks) {
    }

    private record Plan(List<StageCount> stages, List<PlannedTask> tasks, int prerequisites, List<RowError> problems) {
    }

    public Preview preview(String projectId, byte[] file, TaskListReader.Format format, Actor actor) {
        ProjectContext project = managed(projectId, actor);
        TaskListReader.TaskList list = reader.read(file, format);
        Plan plan = plan(project, list.lines(), list.letters(), list.errors());
        TaskImport stored = imports.store(TaskImport.Kind.PROJECT, project.id(), project.project().name(), list, actor);
        Set<String> assignees = new java.util.TreeSet<>();
        plan.tasks().forEach(t -> assignees.add(t.assignee()));
        return new Preview(stored.id(), stored.expiresAt(), project.id(), list.charset() == null ? "xlsx" : "csv",
                list.charset(), plan.stages(), plan.tasks(), List.copyOf(assignees), plan.prerequisites(), plan.problems(),
                plan.problems().isEmpty());
    }

    public Confirmed confirm(String projectId, String importId, Actor actor) {
        ProjectContext project = managed(projectId, actor);
        TaskListImports.Stored stored = imports.take(importId, TaskImport.Kind.PROJECT, project.id(), actor);
        Plan plan = plan(project, stored.lines(), stored.letters(), List.of());
        if (!plan.problems().isEmpty()) {
            throw TaskListImport.rowsInvalid(plan.problems());
        }
        Instant now = clock.instant();
        String prefix = "import-" + importId.substring(0, Math.min(8, importId.length())) + "-";
        Map<String, String> keyByName = new HashMap<>();
        plan.tasks().forEach(t -> keyByName.putIfAbsent(t.name(), prefix + t.row()));
        List<WorkItem> created = new ArrayList<>();
        for (PlannedTask t : plan.tasks()) {
            List<String> requires = t.requires().stream().map(keyByName::get).toList();
            created.add(items.save(WorkItem.imported(UUID.randomUUID().toString(), project.id(), t.stageKey(),
                    prefix + t.row(), t.name(), t.assignee(), stored.preview().id(), requires,
                    t.duration(), now)));
        }
        items.flush();
        projects.addParticipants(project.id(), plan.tasks().stream().map(PlannedTask::assignee).distinct().toList());
        imported.openReady(project.id(), project.workspaceId(), now);
        events.publishEvent(new WorkEvents.TasksImported(project.workspaceId(), project.id(), stored.preview().id(),
                created.stream().map(w -> new WorkEvents.ImportedTask(w.stageKey(), w.itemKey(), w.name(), w.assignee(),
                        WorkService.lower(w.status().name()), w.dueAt())).toList(), actor.username(), now));
        return new Confirmed(stored.preview().id(), project.id(), created.stream().map(WorkReadModel::taskView).toList());
    }

    /** The project, when the caller manages it (an admin, a project manager, or who created it) and it runs. */
    private ProjectContext managed(String projectId, Actor actor) {
        ProjectContext project = projects.context(projectId, actor);
        Project p = project.project();
        boolean manager = actor.isAdmin() || actor.roles().contains("pm") || actor.username().equals(p.createdBy())
                || p.roles().getOrDefault("pm", List.of()).contains(actor.username());
        if (!manager) {
            throw Problems.forbidden("Only the project's manager or an admin imports tasks into it.");
        }
        p.assertActive();
        return project;
    }

    private Plan plan(ProjectContext project, List<TaskListReader.Line> lines, Map<String, String> letters,
                      List<RowError> readErrors) {
        Template template = project.template();
        Map<String, ProjectStage> rows = stages.byKey(project.id());
        List<RowError> errors = new ArrayList<>(readErrors);
        record Row(TaskListReader.Line line, Stage stage, String duration, List<String> predecessors) {
        }
        List<Row> good = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        Set<String> names = new HashSet<>();
        Map<String, Boolean> members = new HashMap<>();
        for (TaskListReader.Line line : lines) {
            int r = line.row();
            boolean bad = false;
            String stageText = line.get("stage");
            Stage stage = null;
            if (stageText.isEmpty()) {
                errors.add(new RowError(r, letters.get("stage"), "stage", "empty", "", "The stage is empty."));
                bad = true;
            } else {
                stage = stageNamed(template, stageText).orElse(null);
                if (stage == null) {
                    errors.add(new RowError(r, letters.get("stage"), "stage", "stage-unknown", stageText, "There is no stage '"
                            + stageText + "' in this project; its stages are " + String.join(", ",
                            template.stages().stream().map(Stage::label).toList()) + "."));
                    bad = true;
                } else {
                    ProjectStage row = rows.get(stage.key());
                    if (row == null || row.status() == ProjectStage.Status.DONE || row.status() == ProjectStage.Status.SKIPPED) {
                        errors.add(new RowError(r, letters.get("stage"), "stage", "stage-done", stageText, "Stage '"
                                + stage.label() + "' is " + (row == null ? "not part of this project"
                                : WorkService.lower(row.status().name())) + "; tasks go only to stages not yet done."));
                        bad = true;
                    }
                }
            }
            String task = line.get("task");
            if (task.isEmpty()) {
                errors.add(new RowError(r, letters.get("task"), "task", "empty", "", "The task is empty."));
                bad = true;
            } else if (task.length() > 300) {
                errors.add(new RowError(r, letters.get("task"), "task", "too-long", "", "At most 300 characters."));
                bad = true;
            }
            String assignee = line.get("assignee");
            if (assignee.isEmpty()) {
                errors.add(new RowError(r, letters.getOrDefault("assignee", "?"), "assignee", "empty", "",
                        "Name the workspace member who does the task."));
                bad = true;
            } else if (assignee.length() > 100 || !members.computeIfAbsent(assignee,
                    a -> actors.exists(a, project.workspaceId()))) {
                errors.add(new RowError(r, letters.get("assignee"), "assignee", "assignee-unknown", assignee,
                        "'" + assignee + "' is not a member of this workspace."));
                bad = true;
            }
            String duration = line.get("duration");
            if (!duration.isEmpty() && (duration.length() > 40 || TaskListImport.duration(duration) == null
                    || Durations.parse(TaskListImport.duration(duration)).isEmpty())) {
                errors.add(new RowError(r, letters.get("duration"), "duration", "duration", duration, "'" + duration
                        + "' is not a number of days from 1 to 3650 or an ISO duration such as P5D."));
                bad = true;
            }
            List<String> predecessors = SEPARATORS.splitAsStream(line.get("predecessor")).map(String::trim)
                    .filter(s -> !s.isEmpty()).distinct().toList();
            if (!bad && !names.add(task)) {
                errors.add(new RowError(r, letters.get("task"), "task", "duplicate", task, "The task '" + task
                        + "' is listed twice; name imported tasks apart so others can wait for them."));
                bad = true;
            }
            if (bad) {
                reported.add(task);
            } else {
                good.add(new Row(line, stage, duration.isEmpty() ? null : TaskListImport.duration(duration), predecessors));
            }
        }
        Map<String, Row> byName = new LinkedHashMap<>();
        good.forEach(row -> byName.put(row.line().get("task"), row));
        int prerequisites = 0;
        for (Row row : good) {
            for (String p : row.predecessors()) {
                Row theirs = byName.get(p);
                String column = letters.getOrDefault("predecessor", "?");
                if (theirs == null && reported.contains(p)) {
                    continue;
                } else if (theirs == null) {
                    errors.add(new RowError(row.line().row(), column, "predecessor", "predecessor-unknown", p,
                            "There is no imported task '" + p + "' in the list."));
                } else if (theirs == row) {
                    errors.add(new RowError(row.line().row(), column, "predecessor", "predecessor-self", p,
                            "A task cannot wait for itself."));
                } else if (template.stagesAfter(row.stage().key()).contains(theirs.stage().key())) {
                    errors.add(new RowError(row.line().row(), column, "predecessor", "predecessor-later", p,
                            "'" + p + "' is in a later stage; a task can only wait for tasks of its own or earlier stages."));
                } else {
                    prerequisites++;
                }
            }
        }
        // tasks waiting for each other in a circle would never open
        Map<String, List<String>> waits = new HashMap<>();
        good.forEach(row -> waits.put(row.line().get("task"), row.predecessors().stream().filter(byName::containsKey).toList()));
        for (Row row : good) {
            if (reaches(row.line().get("task"), row.line().get("task"), waits, new HashSet<>())) {
                errors.add(new RowError(row.line().row(), letters.getOrDefault("predecessor", "?"), "predecessor",
                        "predecessor-cycle", line(row.predecessors()), "The task waits, through others, for itself."));
            }
        }
        errors.sort(Comparator.comparingInt(RowError::row).thenComparing(e -> e.column() == null ? "" : e.column()));
        Instant now = clock.instant();
        List<PlannedTask> tasks = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Row row : good) {
            ProjectStage stage = rows.get(row.stage().key());
            List<String> requires = row.predecessors().stream().filter(byName::containsKey).toList();
            boolean opens = ImportedTasks.running(stage) && requires.isEmpty();
            tasks.add(new PlannedTask(row.line().row(), row.stage().key(), row.stage().label(), row.line().get("task"),
                    row.line().get("assignee"), row.duration(), requires, opens ? "open" : "waiting",
                    opens ? imported.dueAt(project.workspaceId(), row.duration(), now, stage.dueAt()) : null));
            counts.merge(row.stage().key(), 1, Integer::sum);
        }
        List<StageCount> stageCounts = new ArrayList<>();
        for (Stage s : template.stages()) {
            if (counts.containsKey(s.key())) {
                stageCounts.add(new StageCount(s.key(), s.label(), WorkService.lower(rows.get(s.key()).status().name()),
                        counts.get(s.key())));
            }
        }
        if (lines.isEmpty() && errors.isEmpty()) {
            throw Problems.badRequest("import-empty", "The task list has no rows below the header.");
        }
        return new Plan(stageCounts, tasks, prerequisites, List.copyOf(errors));
    }

    private static boolean reaches(String from, String target, Map<String, List<String>> waits, Set<String> seen) {
        for (String next : waits.getOrDefault(from, List.of())) {
            if (next.equals(target)) {
                return true;
            }
            if (seen.add(next) && reaches(next, target, waits, seen)) {
                return true;
            }
        }
        return false;
    }

    private static String line(List<String> values) {
        return String.join(", ", values);
    }

    /** The stage a cell names: by key, name or any translated name, ignoring case. */
    private static Optional<Stage> stageNamed(Template template, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return template.stages().stream().filter(s -> s.key().toLowerCase(Locale.ROOT).equals(t)
                || s.label().toLowerCase(Locale.ROOT).equals(t)
                || s.names().values().stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(t))).findFirst();
    }
}
