package io.tollgate.engine.project;

import io.tollgate.engine.project.internal.ProjectStages;
import io.tollgate.engine.project.internal.Projects;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.support.Problems;
import io.tollgate.modeler.store.PublishedTemplate;
import io.tollgate.modeler.store.TemplateNotFoundException;
import io.tollgate.modeler.store.TemplateStore;
import io.tollgate.modeler.model.FieldDef;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.Template;
import io.tollgate.modeler.validation.FieldValues;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Brings finished projects over from an earlier tool: each becomes a completed or cancelled project
 * of a published template, with its stages' times and the work its people did, so the forecast has
 * historical durations and the dashboard has a past from the first day. The whole batch is checked
 * before anything is written and is written in one transaction; the work and the dashboard's rows
 * are written by their own features from {@link ProjectEvents.HistoryImported}. No engine process
 * runs for an imported project: it has ended.
 */
@Service
@Transactional
public class ProjectHistory {

    /** At most this many projects in one request. */
    public static final int MAX_PROJECTS = 200;
    /** At most this many pieces of work per project. */
    public static final int MAX_WORK = 200;
    private static final int MAX_NAME = 255;
    private static final int MAX_USER = 100;
    private static final int MAX_REASON = 1000;
    private static final int MAX_ERRORS = 100;

    private final Projects projects;
    private final ProjectStages stages;
    private final TemplateStore templates;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProjectHistory(Projects projects, ProjectStages stages, TemplateStore templates, ApplicationEventPublisher events,
                   Clock clock) {
        this.projects = projects;
        this.stages = stages;
        this.templates = templates;
        this.events = events;
        this.clock = clock;
    }

    /** A batch of finished projects. */
    public record ImportHistory(List<PastProject> projects) {
    }

    /**
     * A finished project: its template (latest published version unless {@code version}), name, field
     * values, role holders, {@code outcome} ({@code completed}, the default, or {@code cancelled} with a
     * {@code reason}), when it was created and ended, its stages and its work.
     */
    public record PastProject(String template, Integer version, String name, Map<String, Object> fields,
                              Map<String, List<String>> roles, String outcome, String reason, String createdBy,
                              Instant createdAt, Instant completedAt, List<PastStage> stages, List<PastWork> work) {
    }

    /**
     * A stage that ran: its key, when it first started and when its gate finally passed, how many rounds
     * it took (1 when it was never sent back). Stages of the template not listed were skipped.
     */
    public record PastStage(String key, Instant startedAt, Instant completedAt, Integer rounds) {
    }

    /** A piece of work: a {@code task} (by its key) or an {@code approval} of the stage's gate, by whom, when. */
    public record PastWork(String stage, String kind, String key, String user, Instant openedAt, Instant completedAt) {
    }

    /** What was imported: how many projects and their new ids, in the order sent. */
    public record Imported(int count, List<String> ids) {
    }

    public Imported importHistory(ImportHistory command, Actor actor) {
        if (!actor.isAdmin()) {
            throw Problems.forbidden("Only admins import project history.");
        }
        List<PastProject> sent = command == null ? null : command.projects();
        if (sent == null || sent.isEmpty()) {
            throw Problems.invalidFields("Send at least one project.",
                    List.of(new Problems.FieldError("projects", "At least one project is required.")));
        }
        if (sent.size() > MAX_PROJECTS) {
            throw Problems.invalidFields("Too many projects in one request.", List.of(new Problems.FieldError(
                    "projects", "At most " + MAX_PROJECTS + " projects per request; send the rest in more requests.")));
        }
        Instant now = clock.instant();
        Map<String, PublishedTemplate> published = new HashMap<>();
        List<Problems.FieldError> errors = new ArrayList<>();
        List<ProjectEvents.ImportedProject> checked = new ArrayList<>();
        for (int i = 0; i < sent.size() && errors.size() < MAX_ERRORS; i++) {
            ProjectEvents.ImportedProject p = check("projects[" + i + "]", sent.get(i), actor, published, now, errors);
            if (p != null) {
                checked.add(p);
            }
        }
        if (!errors.isEmpty()) {
            throw Problems.invalidFields("Nothing was imported: " + errors.size() + " problem(s).", errors);
        }

        List<Project> rows = new ArrayList<>(checked.size());
        List<ProjectStage> stageRows = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            ProjectEvents.ImportedProject p = checked.get(i);
            PastProject source = sent.get(i);
            Template template = published.get(p.templateKey() + "@" + p.templateVersion()).template();
            Map<String, List<String>> roles = source.roles() == null ? Map.of() : source.roles();
            String creator = source.createdBy() == null || source.createdBy().isBlank() ? actor.username()
                    : source.createdBy().trim();
            Project project = Project.imported(p.projectId(), actor.workspaceId(), p.name(), p.templateKey(),
                    p.templateVersion(), source.fields() == null ? Map.of() : new LinkedHashMap<>(source.fields()),
                    roles, p.createdAt(), creator,
                    p.status().equals("cancelled") ? Project.Status.CANCELLED : Project.Status.COMPLETED,
                    p.completedAt(), p.status().equals("cancelled") ? source.reason() : null);
            Set<String> people = new java.util.LinkedHashSet<>(ProjectService.participants(template, roles, creator));
            p.work().forEach(w -> people.add("user:" + w.user()));
            project.addParticipants(people);
            rows.add(project);
            for (ProjectEvents.ImportedStage s : p.stages()) {
                stageRows.add(ProjectStage.imported(UUID.randomUUID().toString(), p.projectId(), s.stageKey(), s.name(),
                        s.seq(), s.status().equals("done") ? ProjectStage.Status.DONE : ProjectStage.Status.SKIPPED,
                        s.startedAt(), s.dueAt(), s.completedAt(), s.rounds(), s.reworkCount()));
            }
        }
        projects.saveAll(rows);
        stages.saveAll(stageRows);
        events.publishEvent(new ProjectEvents.HistoryImported(actor.workspaceId(), actor.username(), now,
                List.copyOf(checked)));
        return new Imported(checked.size(), checked.stream().map(ProjectEvents.ImportedProject::projectId).toList());
    }

    private ProjectEvents.ImportedProject check(String path, PastProject p, Actor actor,
                                                Map<String, PublishedTemplate> published, Instant now,
                                                List<Problems.FieldError> errors) {
        if (p == null) {
            errors.add(new Problems.FieldError(path, "A project is required."));
            return null;
        }
        int before = errors.size();
        PublishedTemplate template = null;
        if (p.template() == null || p.template().isBlank()) {
            errors.add(new Problems.FieldError(path + ".template", "A template key is required."));
        } else {
            String cacheKey = p.template() + "@" + (p.version() == null ? "latest" : p.version());
            template = published.get(cacheKey);
            if (template == null) {
                try {
                    template = templates.published(actor.workspaceId(), p.template(), p.version());
                    published.put(cacheKey, template);
                    published.put(template.key() + "@" + template.version(), template);
                } catch (TemplateNotFoundException e) {
                    errors.add(new Problems.FieldError(path + ".template", e.getBody().getDetail()));
                }
            }
        }
        if (p.name() == null || p.name().isBlank()) {
            errors.add(new Problems.FieldError(path + ".name", "A project needs a name."));
        } else if (p.name().length() > MAX_NAME) {
            errors.add(new Problems.FieldError(path + ".name", "A project name has at most " + MAX_NAME + " characters."));
        }
        String outcome = p.outcome() == null ? "completed" : p.outcome().toLowerCase(Locale.ROOT);
        if (!outcome.equals("completed") && !outcome.equals("cancelled")) {
            errors.add(new Problems.FieldError(path + ".outcome", "An imported project is completed or cancelled."));
        }
        if (p.reason() != null && p.reason().length() > MAX_REASON) {
            errors.add(new Problems.FieldError(path + ".reason", "A reason has at most " + MAX_REASON + " characters."));
        }
        if (p.createdBy() != null && p.createdBy().length() > MAX_USER) {
            errors.add(new Problems.FieldError(path + ".createdBy", "A user name has at most " + MAX_USER + " characters."));
        }
        if (p.createdAt() == null || p.completedAt() == null) {
            errors.add(new Problems.FieldError(path, "Say when the project was created and when it ended."));
        } else if (p.completedAt().isBefore(p.createdAt())) {
            errors.add(new Problems.FieldError(path + ".completedAt", "A project ends after it was created."));
        } else if (p.completedAt().isAfter(now)) {
            errors.add(new Problems.FieldError(path + ".completedAt", "An imported project has ended: not in the future."));
        }
        if (template == null) {
            return null;
        }
        Template t = template.template();
        checkFields(path, p, t, errors);
        checkRoles(path, p, t, errors);

        Map<String, PastStage> ran = new LinkedHashMap<>();
        List<PastStage> stagesSent = p.stages() == null ? List.of() : p.stages();
        if (stagesSent.size() > t.stages().size()) {
            errors.add(new Problems.FieldError(path + ".stages", "The template has " + t.stages().size() + " stages."));
        }
        for (int j = 0; j < stagesSent.size() && j <= t.stages().size(); j++) {
            PastStage s = stagesSent.get(j);
            String at = path + ".stages[" + j + "]";
            if (s == null || s.key() == null || t.stage(s.key()).isEmpty()) {
                errors.add(new Problems.FieldError(at + ".key", "Not a stage of template '" + t.key() + "'."));
            } else if (ran.putIfAbsent(s.key(), s) != null) {
                errors.add(new Problems.FieldError(at + ".key", "Stage '" + s.key() + "' is listed twice."));
            } else if (s.startedAt() == null || s.completedAt() == null || s.completedAt().isBefore(s.startedAt())) {
                errors.add(new Problems.FieldError(at, "A stage that ran has a start and a later end."));
            } else if (p.createdAt() != null && p.completedAt() != null
                    && (s.startedAt().isBefore(p.createdAt()) || s.completedAt().isAfter(p.completedAt()))) {
                errors.add(new Problems.FieldError(at, "A stage runs between the project's creation and its end."));
            } else if (s.rounds() != null && (s.rounds() < 1 || s.rounds() > 100)) {
                errors.add(new Problems.FieldError(at + ".rounds", "A stage ran 1 to 100 rounds."));
            }
        }

        List<PastWork> workSent = p.work() == null ? List.of() : p.work();
        if (workSent.size() > MAX_WORK) {
            errors.add(new Problems.FieldError(path + ".work", "At most " + MAX_WORK + " pieces of work per project."));
        }
        List<ProjectEvents.ImportedWork> work = new ArrayList<>();
        for (int j = 0; j < workSent.size() && j < MAX_WORK; j++) {
            PastWork w = workSent.get(j);
            String at = path + ".work[" + j + "]";
            Stage stage = w == null || w.stage() == null ? null : t.stage(w.stage()).orElse(null);
            if (stage == null || !ran.containsKey(stage.key())) {
                errors.add(new Problems.FieldError(at + ".stage", "Name a stage listed under stages."));
                continue;
            }
            boolean approval = "approval".equals(w.kind());
            String name;
            String key;
            if (approval) {
                if (stage.gate() == null || stage.gate().approval() == null) {
                    errors.add(new Problems.FieldError(at + ".kind", "Stage '" + stage.key() + "' has no approval."));
                    continue;
                }
                key = stage.key();
                name = "Approve " + stage.label();
            } else if ("task".equals(w.kind())) {
                var task = w.key() == null ? null : stage.task(w.key()).orElse(null);
                if (task == null) {
                    errors.add(new Problems.FieldError(at + ".key", "Not a task of stage '" + stage.key() + "'."));
                    continue;
                }
                key = task.key();
                name = task.label();
            } else {
                errors.add(new Problems.FieldError(at + ".kind", "A piece of work is a task or an approval."));
                continue;
            }
            if (w.user() == null || w.user().isBlank() || w.user().length() > MAX_USER) {
                errors.add(new Problems.FieldError(at + ".user", "Who did it: a user name of 1 to " + MAX_USER
                        + " characters."));
                continue;
            }
            PastStage ranStage = ran.get(stage.key());
            if (w.openedAt() == null || w.completedAt() == null || w.completedAt().isBefore(w.openedAt())) {
                errors.add(new Problems.FieldError(at, "Work has an opening time and a later completion."));
            } else if (ranStage.startedAt() != null && ranStage.completedAt() != null
                    && (w.openedAt().isBefore(ranStage.startedAt()) || w.completedAt().isAfter(ranStage.completedAt()))) {
                errors.add(new Problems.FieldError(at, "Work is done while its stage runs."));
            } else {
                work.add(new ProjectEvents.ImportedWork(stage.key(), approval, key, name, w.user().trim(), w.openedAt(),
                        w.completedAt()));
            }
        }
        if (errors.size() > before) {
            return null;
        }
        List<ProjectEvents.ImportedStage> stageList = new ArrayList<>();
        int seq = 0;
        int reworks = 0;
        for (Stage s : t.stages()) {
            PastStage r = ran.get(s.key());
            int rounds = r == null ? 0 : r.rounds() == null ? 1 : r.rounds();
            reworks += Math.max(0, rounds - 1);
            stageList.add(new ProjectEvents.ImportedStage(s.key(), s.label(), seq++, r == null ? "skipped" : "done",
                    r == null ? null : r.startedAt(), null, r == null ? null : r.completedAt(), rounds,
                    Math.max(0, rounds - 1)));
        }
        return new ProjectEvents.ImportedProject(UUID.randomUUID().toString(), template.key(), template.version(),
                p.name().trim(), outcome, p.createdAt(), p.completedAt(), reworks, stageList, work);
    }

    private static void checkFields(String path, PastProject p, Template t, List<Problems.FieldError> errors) {
        if (p.fields() == null || p.fields().isEmpty()) {
            return;
        }
        Map<String, FieldDef> known = t.fields().stream().collect(Collectors.toMap(FieldDef::key, f -> f, (a, b) -> a));
        FieldValues.Result values = FieldValues.check(p.fields(), known, user -> true);
        values.violations().forEach(v -> errors.add(new Problems.FieldError(path + ".fields." + v.field(), v.message())));
    }

    private static void checkRoles(String path, PastProject p, Template t, List<Problems.FieldError> errors) {
        if (p.roles() == null) {
            return;
        }
        Set<String> roles = t.roles().keySet();
        p.roles().forEach((role, users) -> {
            if (!roles.contains(role)) {
                errors.add(new Problems.FieldError(path + ".roles." + role, "Not a role of template '" + t.key() + "'."));
            } else if (users == null || users.size() > 50
                    || users.stream().anyMatch(u -> u == null || u.isBlank() || u.length() > MAX_USER)) {
                errors.add(new Problems.FieldError(path + ".roles." + role, "1 to 50 user names of at most " + MAX_USER
                        + " characters."));
            }
        });
    }
}
