package io.tollgate.engine.task;

import io.tollgate.engine.audit.AuditLog;
import io.tollgate.engine.project.GateEvaluator;
import io.tollgate.engine.project.Project;
import io.tollgate.engine.project.Rework;
import io.tollgate.engine.project.ProjectService;
import io.tollgate.engine.project.ProjectStage;
import io.tollgate.engine.project.WorkItem;
import io.tollgate.engine.project.WorkItems;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.support.Problems;
import io.tollgate.engine.workflow.Workflow;
import io.tollgate.modeler.model.FieldDef;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.TaskDef;
import io.tollgate.modeler.model.Template;
import io.tollgate.modeler.validation.FieldValues;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The caller's open work, and completing tasks with their field values. */
@Service
@Transactional
public class TaskService {

    private final WorkItems items;
    private final ProjectService projects;
    private final Workflow workflow;
    private final Actors actors;
    private final AuditLog audit;
    private final GateEvaluator gates;
    private final Rework rework;

    TaskService(WorkItems items, ProjectService projects, Workflow workflow, Actors actors, AuditLog audit,
                GateEvaluator gates, Rework rework) {
        this.gates = gates;
        this.rework = rework;
        this.items = items;
        this.projects = projects;
        this.workflow = workflow;
        this.actors = actors;
        this.audit = audit;
    }

    /** One line of the inbox. */
    public record InboxItem(String id, String kind, String projectId, String projectName, String stageKey, String key,
                            String name, Instant dueAt, Instant openedAt, List<FieldView> fields) {
    }

    @Transactional(readOnly = true)
    public List<InboxItem> inbox(Actor actor, String projectFilter) {
        List<WorkItem> open = items.inbox(actor.username(), actor.principals(), blankToNull(projectFilter));
        Map<String, Project> cache = new HashMap<>();
        List<InboxItem> out = new ArrayList<>();
        for (WorkItem w : open) {
            Project p = cache.computeIfAbsent(w.projectId(), id -> projects.load(id, actor));
            if (!p.workspaceId().equals(actor.workspaceId())) {
                continue;
            }
            Template template = projects.templateOf(p);
            Map<String, Object> values = projects.fieldsOf(p);
            List<FieldView> fields = w.kind() == WorkItem.Kind.TASK
                    ? editableFields(template, w).map(f -> FieldView.of(f, values.get(f.key()))).toList() : List.of();
            out.add(new InboxItem(w.id(), w.kind().name().toLowerCase(java.util.Locale.ROOT), p.id(), p.name(),
                    w.stageKey(), w.itemKey(), w.name(), w.dueAt(), w.openedAt(), fields));
        }
        return out;
    }

    /** A task's own fields, then its stage's fields: what completing it may fill in. */
    static Stream<FieldDef> editableFields(Template template, WorkItem item) {
        Stage stage = template.stage(item.stageKey()).orElseThrow();
        List<FieldDef> own = stage.task(item.itemKey()).map(TaskDef::fields).orElse(List.of());
        return Stream.concat(own.stream(), stage.fields().stream());
    }

    /** Loads a work item the caller may see: in their workspace, or it does not exist for them. */
    @Transactional(readOnly = true)
    public WorkItem load(String id, Actor actor) {
        WorkItem item = items.findById(id).orElseThrow(() -> Problems.notFound("task", "There is no task '" + id + "'."));
        projects.load(item.projectId(), actor);
        return item;
    }

    /** Completes a task; answers the project's id. */
    public String complete(String id, Map<String, Object> given, Actor actor) {
        WorkItem item = load(id, actor);
        if (item.kind() != WorkItem.Kind.TASK) {
            throw Problems.conflict("use-decision", "This is an approval: approve or reject it with /api/tasks/" + id + "/decision.");
        }
        if (!item.offeredTo(actor.username(), actor.principals())) {
            throw Problems.forbidden("This task is not yours: it is for " + offeredTo(item) + ".");
        }
        Project project = projects.load(item.projectId(), actor);
        if (!project.active()) {
            throw Problems.conflict("project-not-active", "The project is " + project.status().name().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        if (item.status() == WorkItem.Status.DONE) {
            throw Problems.conflict("task-done", "This task is already done.");
        }
        Template template = projects.templateOf(project);
        if (item.status() == WorkItem.Status.WAITING) {
            throw Problems.unmet("This task cannot be completed yet.", unmet(template, project, item));
        }
        Map<String, FieldDef> defs = editableFields(template, item)
                .collect(Collectors.toMap(FieldDef::key, f -> f, (a, b) -> a, LinkedHashMap::new));
        FieldValues.Result result = FieldValues.check(given, defs, user -> actors.exists(user, actor.workspaceId()));
        List<Problems.FieldError> errors = new ArrayList<>();
        result.violations().forEach(v -> errors.add(new Problems.FieldError("fields." + v.field(), v.message())));
        Map<String, Object> merged = new HashMap<>(projects.fieldsOf(project));
        merged.putAll(result.values());
        List<FieldDef> ownFields = template.stage(item.stageKey()).flatMap(s -> s.task(item.itemKey()))
                .map(TaskDef::fields).orElse(List.of());
        FieldValues.missingRequired(merged, ownFields).stream()
                .filter(v -> errors.stream().noneMatch(e -> e.path().equals("fields." + v.field())))
                .forEach(v -> errors.add(new Problems.FieldError("fields." + v.field(), v.message())));
        if (!errors.isEmpty()) {
            throw Problems.invalidFields("Some values are missing or break their field's rules.", errors);
        }
        Stage stage = template.stage(item.stageKey()).orElseThrow();
        boolean finishesStage = (stage.gate() == null || stage.gate().approval() == null)
                && items.findByProjectIdAndStageKey(project.id(), stage.key()).stream()
                .filter(w -> w.kind() == WorkItem.Kind.TASK && !w.id().equals(item.id()))
                .allMatch(w -> w.status() == WorkItem.Status.DONE);
        if (finishesStage) {
            // without an approval, the last task passes the gate: its criteria must hold first
            List<WorkItem> after = items.findByProjectIdAndStageKey(project.id(), stage.key());
            List<Problems.Unmet> unmet = gates.evaluate(template, stage, merged, after).stream()
                    .filter(c -> !c.met() && !c.kind().equals("tasks"))
                    .map(c -> new Problems.Unmet(c.kind(), c.key(), c.message())).toList();
            if (!unmet.isEmpty()) {
                throw Problems.unmet("Completing this task would pass the gate of stage '" + stage.label()
                        + "', whose criteria are not met.", unmet);
            }
        }
        projects.writeFields(project, result.values(), actor, "task.fields-written");
        Instant now = Instant.now();
        item.complete(actor.username(), now);
        items.saveAndFlush(item);
        audit.record(project.workspaceId(), project.id(), actor.username(), "task.completed",
                item.stageKey() + "/" + item.itemKey(), item.name());
        if (finishesStage && rework.resubmitIfWaiting(project, template, stage.key())) {
            return project.id();
        }
        workflow.complete(item.engineTaskId(), Map.of());
        return project.id();
    }

    /** Hands a task or an approval to another member of the workspace; answers the project's id. */
    public String delegate(String id, String to, Actor actor) {
        WorkItem item = load(id, actor);
        if (!item.offeredTo(actor.username(), actor.principals())) {
            throw Problems.forbidden("Only who the item is for can hand it on: it is for " + offeredTo(item) + ".");
        }
        if (to == null || to.isBlank()) {
            throw Problems.invalidFields("Say who takes it over.", List.of(new Problems.FieldError("to", "A user name is required.")));
        }
        if (!actors.exists(to, actor.workspaceId())) {
            throw Problems.invalidFields("No such user.", List.of(new Problems.FieldError("to",
                    "There is no user '" + to + "' in this workspace.")));
        }
        if (to.equals(actor.username())) {
            throw Problems.invalidFields("It is yours already.", List.of(new Problems.FieldError("to", "Choose someone else.")));
        }
        if (item.status() != WorkItem.Status.OPEN && item.status() != WorkItem.Status.WAITING) {
            throw Problems.conflict("task-closed", "This item is " + item.status().name().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        Project project = projects.load(item.projectId(), actor);
        item.delegate(to);
        if (item.status() == WorkItem.Status.OPEN) {
            workflow.reassign(item.engineTaskId(), to);
        }
        audit.record(project.workspaceId(), project.id(), actor.username(), "task.delegated",
                item.stageKey() + "/" + item.itemKey(), actor.username() + " -> " + to);
        return project.id();
    }

    private List<Problems.Unmet> unmet(Template template, Project project, WorkItem item) {
        List<Problems.Unmet> out = new ArrayList<>();
        Stage stage = template.stage(item.stageKey()).orElseThrow();
        Map<String, ProjectStage> stages = projects.stagesOf(project.id()).stream()
                .collect(Collectors.toMap(ProjectStage::stageKey, s -> s));
        ProjectStage own = stages.get(stage.key());
        if (own.status() == ProjectStage.Status.WAITING || own.status() == ProjectStage.Status.SKIPPED) {
            for (String before : template.prerequisites(stage)) {
                ProjectStage s = stages.get(before);
                if (s != null && !s.finished()) {
                    out.add(new Problems.Unmet("stage", before, "Stage '" + s.name() + "' is not done yet ("
                            + s.status().name().toLowerCase(java.util.Locale.ROOT) + ")."));
                }
            }
            if (out.isEmpty()) {
                out.add(new Problems.Unmet("stage", stage.key(), "Stage '" + own.name() + "' has not started."));
            }
            return out;
        }
        TaskDef task = stage.task(item.itemKey()).orElseThrow();
        for (String required : task.requires()) {
            items.findByProjectIdAndStageKeyAndKindAndItemKey(project.id(), stage.key(), WorkItem.Kind.TASK, required)
                    .filter(w -> w.status() != WorkItem.Status.DONE)
                    .ifPresent(w -> out.add(new Problems.Unmet("task", required, "Task '" + w.name() + "' must be done first.")));
        }
        if (out.isEmpty()) {
            out.add(new Problems.Unmet("stage", stage.key(), "Stage '" + own.name() + "' is "
                    + own.status().name().toLowerCase(java.util.Locale.ROOT) + "; this task is not open."));
        }
        return out;
    }

    private static String offeredTo(WorkItem item) {
        if (item.assignee() != null) {
            return item.assignee();
        }
        return item.candidates().stream().sorted().map(c -> c.substring(c.indexOf(':') + 1)).collect(Collectors.joining(", "));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
