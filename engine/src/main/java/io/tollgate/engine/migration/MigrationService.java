package io.tollgate.engine.migration;

import io.tollgate.engine.project.Project;
import io.tollgate.engine.project.ProjectContext;
import io.tollgate.engine.project.ProjectService;
import io.tollgate.engine.project.ProjectStage;
import io.tollgate.engine.project.StageService;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.support.Problems;
import io.tollgate.engine.work.WorkService;
import io.tollgate.engine.workflow.Retries;
import io.tollgate.engine.workflow.Workflow;
import io.tollgate.modeler.model.FieldDef;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.TaskDef;
import io.tollgate.modeler.model.Template;
import io.tollgate.modeler.store.PublishedTemplate;
import io.tollgate.modeler.store.TemplateNotFoundException;
import io.tollgate.modeler.store.TemplateStore;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

import java.time.Clock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Plans and carries out the move of running projects from one published version of a template to
 * another. The plan says, per project, where each running stage goes, which tasks close and which
 * open, which fields come and go, and whether the engine can move it; nothing moves in a dry run.
 */
@Service
public class MigrationService {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MigrationService.class);

    private final TemplateStore templates;
    private final ProjectService projects;
    private final StageService stages;
    private final WorkService work;
    private final Workflow workflow;
    private final Retries retries;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    MigrationService(TemplateStore templates, ProjectService projects, StageService stages, WorkService work,
                     Workflow workflow, Retries retries, ApplicationEventPublisher events, Clock clock) {
        this.templates = templates;
        this.projects = projects;
        this.stages = stages;
        this.work = work;
        this.workflow = workflow;
        this.retries = retries;
        this.events = events;
        this.clock = clock;
    }

    /** What to migrate: versions, optionally which projects, and how renamed fields and stages map. */
    public record MigrationRequest(Integer fromVersion, Integer toVersion, List<String> projects,
                                   Map<String, String> fieldMapping, Map<String, String> stageMapping) {
    }

    /** One task that closes or opens. */
    public record TaskChange(String stage, String task, String name) {
    }

    /** Where a running stage goes. */
    public record StageMove(String from, String to) {
    }

    /** The plan for one project. */
    public record ProjectPlan(String projectId, String name, int fromVersion, int toVersion, List<String> runningStages,
                              List<StageMove> stageMapping, List<TaskChange> tasksClosing, List<TaskChange> tasksOpening,
                              List<String> stagesAdded, List<String> stagesRemoved, List<String> fieldsAdded,
                              List<String> fieldsRemoved, Map<String, String> fieldsRenamed, boolean canMigrate,
                              List<String> problems) {
    }

    /** The plans of a dry run. */
    public record DryRun(String template, int fromVersion, int toVersion, List<ProjectPlan> projects) {
    }

    /** What a migration did. */
    public record Outcome(String template, int fromVersion, int toVersion, List<String> migrated,
                          List<ProjectPlan> notMigrated) {
    }

    private record Versions(PublishedTemplate from, PublishedTemplate to) {
    }

    public DryRun dryRun(String key, MigrationRequest request, Actor actor) {
        Versions v = versions(actor.workspaceId(), key, request);
        List<ProjectPlan> plans = retries.inTransaction(() -> selected(key, v, request, actor).stream()
                .map(p -> plan(p, v, request).plan()).toList());
        return new DryRun(key, v.from().version(), v.to().version(), plans);
    }

    public Outcome migrate(String key, MigrationRequest request, Actor actor) {
        Versions v = versions(actor.workspaceId(), key, request);
        List<String> ids = retries.inTransaction(() -> selected(key, v, request, actor).stream().map(Project::id).toList());
        List<String> migrated = new ArrayList<>();
        List<ProjectPlan> skipped = new ArrayList<>();
        for (String id : ids) {
            // each project moves in its own transaction: one that cannot move does not hold back the rest
            ProjectPlan refused;
            try {
                refused = retries.inTransaction(() -> {
                    ProjectContext project = projects.context(id, actor);
                    Planned planned = plan(project.project(), v, request);
                    if (!planned.plan().canMigrate()) {
                        return planned.plan();
                    }
                    Template to = v.to().template();
                    List<String> gone = projects.adoptVersion(project, to, v.to().version(), planned.fieldRenames(),
                            planned.stageRenames());
                    ProjectContext adopted = new ProjectContext(project.project(), to, project.fields());
                    work.adoptVersion(adopted, planned.stageRenames(), gone);
                    workflow.migrate(id, v.to().processDefinitionId(), planned.move(), to,
                            projects.assignments(to, project.project().roles(), actor.workspaceId()),
                            planned.plan().runningStages(), project.project().fieldsJson());
                    events.publishEvent(new MigrationEvents.ProjectMigrated(project.workspaceId(), id, actor.username(),
                            key, v.from().version(), v.to().version(), planned.fieldRenames(), planned.stageRenames(),
                            clock.instant()));
                    return null;
                });
            } catch (ErrorResponseException e) {
                throw e;
            } catch (RuntimeException e) {
                // the project's transaction rolled back: it stays on its version, whole
                log.warn("Migration of project {} failed", id, e);
                refused = new ProjectPlan(id, null, v.from().version(), v.to().version(), List.of(), List.of(), List.of(),
                        List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), false,
                        List.of("The engine could not move this project: " + e.getMessage()));
            }
            if (refused == null) {
                migrated.add(id);
            } else {
                skipped.add(refused);
            }
        }
        return new Outcome(key, v.from().version(), v.to().version(), migrated, skipped);
    }

    private Versions versions(String workspace, String key, MigrationRequest request) {
        if (request == null || request.fromVersion() == null || request.toVersion() == null) {
            throw Problems.invalidFields("Say which versions: {fromVersion, toVersion}.", List.of(
                    new Problems.FieldError("fromVersion", "Required."), new Problems.FieldError("toVersion", "Required.")));
        }
        if (request.fromVersion().equals(request.toVersion())) {
            throw Problems.invalidFields("The versions are the same.", List.of(new Problems.FieldError("toVersion",
                    "Choose a version other than " + request.fromVersion() + ".")));
        }
        try {
            return new Versions(templates.published(workspace, key, request.fromVersion()),
                    templates.published(workspace, key, request.toVersion()));
        } catch (TemplateNotFoundException e) {
            throw Problems.invalidFields("No such version.", List.of(new Problems.FieldError("version", e.getBody().getDetail())));
        }
    }

    private List<Project> selected(String key, Versions v, MigrationRequest request, Actor actor) {
        List<Project> all = projects.activeOn(key, v.from().version(), actor.workspaceId());
        if (request.projects() == null || request.projects().isEmpty()) {
            return all;
        }
        Set<String> wanted = new LinkedHashSet<>(request.projects());
        List<Project> chosen = all.stream().filter(p -> wanted.contains(p.id())).toList();
        if (chosen.size() < wanted.size()) {
            Set<String> found = chosen.stream().map(Project::id).collect(Collectors.toSet());
            throw Problems.invalidFields("Some projects are not active on version " + v.from().version() + ".",
                    wanted.stream().filter(id -> !found.contains(id))
                            .map(id -> new Problems.FieldError("projects", "'" + id + "' is not an active project on version "
                                    + v.from().version() + " of " + key + ".")).toList());
        }
        return chosen;
    }

    private record Planned(ProjectPlan plan, Workflow.Move move, Map<String, String> fieldRenames,
                           Map<String, String> stageRenames) {
    }

    private Planned plan(Project project, Versions v, MigrationRequest request) {
        Template from = v.from().template();
        Template to = v.to().template();
        List<String> problems = new ArrayList<>();
        Map<String, String> stageRenames = new LinkedHashMap<>();
        Map<String, String> stageMapping = request.stageMapping() == null ? Map.of() : request.stageMapping();
        stageMapping.forEach((a, b) -> {
            if (from.stage(a).isEmpty()) {
                problems.add("stageMapping: '" + a + "' is not a stage of version " + v.from().version() + ".");
            } else if (to.stage(b).isEmpty()) {
                problems.add("stageMapping: '" + b + "' is not a stage of version " + v.to().version() + ".");
            } else if (!a.equals(b)) {
                stageRenames.put(a, b);
            }
        });
        Map<String, String> fieldRenames = new LinkedHashMap<>();
        Map<String, String> fieldMapping = request.fieldMapping() == null ? Map.of() : request.fieldMapping();
        fieldMapping.forEach((a, b) -> {
            if (from.field(a).isEmpty()) {
                problems.add("fieldMapping: '" + a + "' is not a field of version " + v.from().version() + ".");
            } else if (to.field(b).isEmpty()) {
                problems.add("fieldMapping: '" + b + "' is not a field of version " + v.to().version() + ".");
            } else if (!a.equals(b)) {
                fieldRenames.put(a, b);
            }
        });

        List<String> running = stages.stagesOf(project.id()).stream()
                .filter(s -> s.status() == ProjectStage.Status.ACTIVE || s.status() == ProjectStage.Status.APPROVAL
                        || s.status() == ProjectStage.Status.SENT_BACK)
                .map(ProjectStage::stageKey).toList();
        List<StageMove> moves = new ArrayList<>();
        for (String stage : running) {
            String target = stageMapping.getOrDefault(stage, to.stage(stage).isPresent() ? stage : null);
            moves.add(new StageMove(stage, target));
            if (target == null) {
                problems.add("Stage '" + stage + "' is running and version " + v.to().version()
                        + " has no stage of that key; map it with stageMapping.");
            }
        }
        Workflow.Move move = workflow.planMove(project.id(), to, v.to().version(), v.to().processDefinitionId(),
                stageMapping);
        problems.addAll(move.problems());
        List<TaskChange> closing = move.closing().stream().map(t -> new TaskChange(t.stage(), t.task(),
                from.stage(t.stage()).flatMap(s -> s.task(t.task())).map(TaskDef::label).orElse(t.task()))).toList();
        List<TaskChange> opening = new ArrayList<>();
        for (StageMove stageMove : moves) {
            if (stageMove.to() == null) {
                continue;
            }
            Set<String> before = from.stage(stageMove.from()).map(s -> s.tasks().stream().map(TaskDef::key)
                    .collect(Collectors.toSet())).orElse(Set.of());
            to.stage(stageMove.to()).ifPresent(s -> s.tasks().stream().filter(t -> !before.contains(t.key()))
                    .forEach(t -> opening.add(new TaskChange(s.key(), t.key(), t.label()))));
        }
        Set<String> mappedTargets = new LinkedHashSet<>(stageRenames.values());
        List<String> stagesAdded = to.stages().stream().map(Stage::key)
                .filter(k -> from.stage(k).isEmpty() && !mappedTargets.contains(k)).toList();
        List<String> stagesRemoved = from.stages().stream().map(Stage::key)
                .filter(k -> to.stage(k).isEmpty() && !stageRenames.containsKey(k)).toList();
        Set<String> fromFields = from.allFields().map(FieldDef::key).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> toFields = to.allFields().map(FieldDef::key).collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> fieldsAdded = toFields.stream().filter(k -> !fromFields.contains(k) && !fieldRenames.containsValue(k)).toList();
        List<String> fieldsRemoved = fromFields.stream().filter(k -> !toFields.contains(k) && !fieldRenames.containsKey(k)).toList();
        Map<String, List<String>> roles = project.roles();
        to.roles().keySet().stream().filter(r -> !roles.containsKey(r) && ProjectService.usedRoles(to).contains(r))
                .forEach(r -> problems.add("Role '" + r + "' is new in version " + v.to().version()
                        + " and the project has nobody in it."));
        if (problems.isEmpty()) {
            workflow.checkMove(project.id(), v.to().processDefinitionId(), move).forEach(m -> problems.add("Engine: " + m));
        }
        ProjectPlan plan = new ProjectPlan(project.id(), project.name(), v.from().version(), v.to().version(), running,
                moves, closing, opening, stagesAdded, stagesRemoved, fieldsAdded, fieldsRemoved, fieldRenames,
                problems.isEmpty(), problems);
        return new Planned(plan, move, fieldRenames, stageRenames);
    }
}
