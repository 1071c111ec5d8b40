package io.tollgate.engine.work;

import io.tollgate.engine.project.ProjectContext;
import io.tollgate.engine.project.ProjectService;
import io.tollgate.engine.project.ProjectStage;
import io.tollgate.engine.project.StageService;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.support.Problems;
import io.tollgate.engine.work.internal.WorkItems;
import io.tollgate.engine.workflow.Workflow;
import io.tollgate.modeler.model.FieldDef;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.TaskDef;
import io.tollgate.modeler.model.Template;
import io.tollgate.modeler.validation.FieldValues;
import io.tollgate.engine.attachment.FileRef;
import org.springframework.beans.factory.ObjectProvider;
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
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The caller's open work, completing tasks with their field values, and handing work on. */
@Service
@Transactional
public class WorkService {

    private final WorkItems items;
    private final ProjectService projects;
    private final StageService stages;
    private final Workflow workflow;
    private final Actors actors;
    // resolved on use: the gate feature depends on this service
    private final ObjectProvider<GateKeeper> gate;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ImportedTasks imported;

    WorkService(WorkItems items, ProjectService projects, StageService stages, Workflow workflow, Actors actors,
                ObjectProvider<GateKeeper> gate, ApplicationEventPublisher events, Clock clock, ImportedTasks imported) {
        this.imported = imported;
        this.items = items;
        this.projects = projects;
        this.stages = stages;
        this.workflow = workflow;
        this.actors = actors;
        this.gate = gate;
        this.events = events;
        this.clock = clock;
    }

    /**
     * One line of the inbox. {@code names} and {@code stageNames} are the item's and its stage's names
     * in each language the template gives, so a list shows without loading each project's template;
     * {@code projectStatus} tells an item of a project on hold (nothing in it moves until it resumes).
     */
    public record InboxItem(String id, String kind, String projectId, String projectName, String stageKey, String key,
                            String name, Map<String, String> names, String stageName, Map<String, String> stageNames,
                            Instant dueAt, Instant openedAt, List<FieldView> fields, String onBehalfOf, String projectStatus) {
    }

    /** A work item and its project, loaded once for a command on it. */
    public record Claim(WorkItem item, ProjectContext project) {

        /** Refuses, with the message made from who the item is for, unless it is offered to the caller. */
        public Claim offeredTo(Actor actor, java.util.function.UnaryOperator<String> refusal) {
            if (!item.offeredTo(actor.username(), actor.principals())) {
                throw Problems.forbidden(refusal.apply(WorkService.offeredTo(item)));
            }
            return this;
        }
    }

    @Transactional(readOnly = true)
    public List<InboxItem> inbox(Actor actor, String projectFilter) {
        List<WorkItem> open = actor.groups().isEmpty()
                ? items.inboxOfUser(actor.username(), "user:" + actor.username(), blankToNull(projectFilter))
                : items.inbox(actor.username(), actor.principals(), blankToNull(projectFilter));
        // the projects of all items in one query, not one per item
        Map<String, ProjectContext> contexts = projects.contexts(open.stream().map(WorkItem::projectId).distinct().toList());
        List<InboxItem> out = new ArrayList<>(open.size());
        for (WorkItem w : open) {
            ProjectContext p = contexts.get(w.projectId());
            if (p == null || !p.workspaceId().equals(actor.workspaceId())) {
                continue;
            }
            Optional<Stage> stage = p.template().stage(w.stageKey());
            Optional<TaskDef> task = w.kind() == WorkItem.Kind.TASK ? stage.flatMap(s -> s.task(w.itemKey())) : Optional.empty();
            Map<String, FileRef> files = w.kind() == WorkItem.Kind.TASK && !w.imported() ? projects.files(p) : Map.of();
            List<FieldView> fields = w.kind() == WorkItem.Kind.TASK && !w.imported()
                    ? editableFields(p.template(), w).map(f -> FieldView.of(f, p.fields().get(f.key()), files)).toList()
                    : List.of();
            out.add(new InboxItem(w.id(), lower(w.kind().name()), p.id(), p.project().name(),
                    w.stageKey(), w.itemKey(), w.name(), task.map(TaskDef::names).orElse(Map.of()),
                    stage.map(Stage::name).orElse(w.stageKey()), stage.map(Stage::names).orElse(Map.of()),
                    w.dueAt(), w.openedAt(), fields, w.onBehalfOf(), lower(p.project().status().name())));
        }
        return out;
    }

    /** The short answer to a command on the item: its state and its project's, as they are now. */
    @Transactional(readOnly = true)
    public WorkAnswer answer(String itemId, ProjectContext project) {
        WorkItem item = items.findById(itemId).orElseThrow(() -> Problems.notFound("task", "There is no task '" + itemId + "'."));
        return new WorkAnswer(item.id(), lower(item.kind().name()), lower(item.status().name()), project.id(),
                lower(project.project().status().name()));
    }

    /** A task's own fields, then its stage's fields: what completing it may fill in. */
    static Stream<FieldDef> editableFields(Template template, WorkItem item) {
        Stage stage = template.stage(item.stageKey()).orElseThrow();
        List<FieldDef> own = stage.task(item.itemKey()).map(TaskDef::fields).orElse(List.of());
        return Stream.concat(own.stream(), stage.fields().stream());
    }

    /** Loads a work item the caller may see (in their workspace, or it does not exist for them) with its project. */
    @Transactional(readOnly = true)
    public Claim claim(String id, Actor actor) {
        WorkItem item = items.findById(id).orElseThrow(() -> Problems.notFound("task", "There is no task '" + id + "'."));
        return new Claim(item, projects.context(item.projectId(), actor));
    }

    /** Completes a task; answers its project. */
    public ProjectContext complete(String id, Map<String, Object> given, Actor actor) {
        Claim claim = claim(id, actor);
        if (claim.item().kind() != WorkItem.Kind.TASK) {
            throw Problems.conflict("use-decision", "This is an approval: approve or reject it with /api/tasks/" + id + "/decision.");
        }
        claim.offeredTo(actor, who -> "This task is not yours: it is for " + who + ".");
        WorkItem item = claim.item();
        ProjectContext project = claim.project();
        project.project().assertActive();
        if (item.status() == WorkItem.Status.DONE) {
            throw Problems.conflict("task-done", "This task is already done.");
        }
        if (item.imported()) {
            return completeImported(item, project, actor);
        }
        Template template = project.template();
        List<WorkItem> stageItems = items.findByProjectIdAndStageKey(project.id(), item.stageKey());
        if (item.status() == WorkItem.Status.WAITING) {
            List<Problems.Unmet> unmet = new ArrayList<>(unmet(template, project, item, stageItems));
            Stage own = template.stage(item.stageKey()).orElseThrow();
            boolean last = (own.gate() == null || own.gate().approval() == null)
                    && own.tasks().stream().noneMatch(t -> t.requires().contains(item.itemKey()))
                    && unmet.stream().noneMatch(u -> u.kind().equals("stage"));
            if (last) {
                // this task finishes the stage once its prerequisites are done: say what its gate still lacks too
                gate.getObject().unmetToPass(project, own, stageItems).stream()
                        .filter(u -> unmet.stream().noneMatch(x -> x.kind().equals(u.kind()) && x.key().equals(u.key())))
                        .forEach(unmet::add);
            }
            throw Problems.unmet("This task cannot be completed yet.", unmet);
        }
        item.assertOpen();
        Map<String, FieldDef> defs = editableFields(template, item)
                .collect(Collectors.toMap(FieldDef::key, f -> f, (a, b) -> a, LinkedHashMap::new));
        FieldValues.Result result = FieldValues.check(given, defs, user -> actors.exists(user, actor.workspaceId()));
        List<Problems.FieldError> errors = new ArrayList<>();
        result.violations().forEach(v -> errors.add(new Problems.FieldError("fields." + v.field(), v.message())));
        errors.addAll(projects.attachmentErrors(result.values(), defs, project.id(), actor));
        Map<String, Object> merged = new HashMap<>(project.fields());
        merged.putAll(result.values());
        Stage stage = template.stage(item.stageKey()).orElseThrow();
        List<FieldDef> ownFields = stage.task(item.itemKey()).map(TaskDef::fields).orElse(List.of());
        FieldValues.missingRequired(merged, ownFields).stream()
                .filter(v -> errors.stream().noneMatch(e -> e.path().equals("fields." + v.field())))
                .forEach(v -> errors.add(new Problems.FieldError("fields." + v.field(), v.message())));
        if (!errors.isEmpty()) {
            throw Problems.invalidFields("Some values are missing or break their field's rules.", errors);
        }
        boolean finishesStage = (stage.gate() == null || stage.gate().approval() == null)
                && stageItems.stream().filter(w -> w.kind() == WorkItem.Kind.TASK && !w.imported() && !w.id().equals(item.id()))
                .allMatch(w -> w.status() == WorkItem.Status.DONE);
        if (finishesStage) {
            // without an approval, the last task passes the gate: its criteria must hold first
            List<Problems.Unmet> unmet = gate.getObject().unmetToPass(new ProjectContext(project.project(), template, merged), stage,
                    stageItems);
            if (!unmet.isEmpty()) {
                throw Problems.unmet("Completing this task would pass the gate of stage '" + stage.label()
                        + "', whose criteria are not met.", unmet);
            }
        }
        projects.writeFields(project, result.values(), actor, true);
        Instant now = clock.instant();
        item.complete(actor.username(), now);
        items.flush();
        events.publishEvent(new WorkEvents.TaskCompleted(project.workspaceId(), project.id(), item.stageKey(),
                item.itemKey(), item.name(), actor.username(), now));
        if (finishesStage && gate.getObject().divertFinish(project, stage.key())) {
            return project;
        }
        workflow.completeTask(item.engineTaskId());
        return project;
    }

    /**
     * Completes a task imported into the running project: no engine step stands behind it, so only
     * Tollgate's rows change; imported tasks that waited for it open.
     */
    private ProjectContext completeImported(WorkItem item, ProjectContext project, Actor actor) {
        if (item.status() == WorkItem.Status.WAITING) {
            List<Problems.Unmet> unmet = new ArrayList<>();
            Map<String, WorkItem> byKey = items.findByProjectIdOrderByCreatedAt(project.id()).stream()
                    .collect(Collectors.toMap(WorkItem::itemKey, w -> w, (a, b) -> a));
            for (String required : item.requires()) {
                WorkItem before = byKey.get(required);
                if (before != null && before.status() != WorkItem.Status.DONE) {
                    unmet.add(new Problems.Unmet("task", required, "Task '" + before.name() + "' must be done first."));
                }
            }
            ProjectStage stage = stages.stage(project.id(), item.stageKey());
            if (!ImportedTasks.running(stage)) {
                unmet.add(new Problems.Unmet("stage", stage.stageKey(), "Stage '" + stage.name() + "' is "
                        + lower(stage.status().name()) + "; this task opens when it runs."));
            }
            throw Problems.unmet("This task cannot be completed yet.", unmet);
        }
        item.assertOpen();
        Instant now = clock.instant();
        item.complete(actor.username(), now);
        items.flush();
        events.publishEvent(new WorkEvents.TaskCompleted(project.workspaceId(), project.id(), item.stageKey(),
                item.itemKey(), item.name(), actor.username(), now));
        imported.openReady(project.id(), project.workspaceId(), now);
        return project;
    }

    /**
     * Takes back a task the caller completed (撤回), while nobody has acted on what came next in its
     * stage: the work that opened after it closes again and the task returns to the caller's inbox.
     */
    public ProjectContext withdraw(String id, Actor actor) {
        Claim claim = claim(id, actor);
        WorkItem item = claim.item();
        ProjectContext project = claim.project();
        if (item.status() != WorkItem.Status.DONE || !actor.username().equals(item.completedBy())) {
            throw Problems.conflict("not-yours-to-withdraw", "Only who completed a task or decided an approval takes it "
                    + "back, and only while it is done.");
        }
        if (item.kind() == WorkItem.Kind.APPROVAL) {
            project.project().assertActive();
            item.voidDecision();
            gate.getObject().withdrawDecision(project, item, actor.username());
            events.publishEvent(new WorkEvents.WorkWithdrawn(project.workspaceId(), project.id(), item.stageKey(),
                    item.itemKey(), item.name(), actor.username(), clock.instant(), true));
            return project;
        }
        project.project().assertActive();
        if (item.imported()) {
            throw Problems.conflict("withdraw-not-possible", "An imported task cannot be taken back once done.");
        }
        List<WorkItem> stageItems = items.findByProjectIdAndStageKey(project.id(), item.stageKey());
        List<WorkItem> later = stageItems.stream().filter(w -> !w.id().equals(item.id()) && w.status() == WorkItem.Status.DONE
                && w.completedAt() != null && w.completedAt().isAfter(item.completedAt())).toList();
        if (!later.isEmpty()) {
            throw Problems.unmet("The next step has been acted on already, so the task cannot be taken back.",
                    later.stream().map(w -> new Problems.Unmet(lower(w.kind().name()), w.itemKey(), w.completedBy()
                            + " already did '" + w.name() + "' at " + w.completedAt() + ".")).toList());
        }
        ProjectStage stage = stages.stage(project.id(), item.stageKey());
        if (stage.status() != ProjectStage.Status.ACTIVE && stage.status() != ProjectStage.Status.APPROVAL) {
            throw Problems.conflict("stage-passed", "Stage '" + stage.name() + "' is " + lower(stage.status().name())
                    + "; ask for a send-back instead.");
        }
        List<String> before = stageItems.stream().filter(w -> w.status() == WorkItem.Status.OPEN && w.openedAt() != null
                && w.openedAt().isBefore(item.completedAt()) && w.engineTaskId() != null).map(WorkItem::engineTaskId).toList();
        Instant now = clock.instant();
        item.reopenForWithdrawal();
        items.flush();
        if (!workflow.withdrawTo(project.id(), item.stageKey(), item.itemKey(), before)) {
            throw Problems.conflict("withdraw-not-possible", "Other work of this stage waits together with this task; "
                    + "it cannot be taken back alone.");
        }
        stages.backToWork(project.id(), item.stageKey());
        events.publishEvent(new WorkEvents.WorkWithdrawn(project.workspaceId(), project.id(), item.stageKey(), item.itemKey(),
                item.name(), actor.username(), now, false));
        return project;
    }

    /** Hands a task or an approval to another member of the workspace; answers its project. */
    public ProjectContext delegate(String id, String to, Actor actor) {
        Claim claim = claim(id, actor).offeredTo(actor, who -> "Only who the item is for can hand it on: it is for " + who + ".");
        WorkItem item = claim.item();
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
            throw Problems.conflict("task-closed", "This item is " + lower(item.status().name()) + ".");
        }
        if (item.kind() == WorkItem.Kind.APPROVAL && items.findByProjectIdAndStageKey(item.projectId(), item.stageKey()).stream()
                .anyMatch(w -> w.kind() == WorkItem.Kind.APPROVAL && w.round() == item.round()
                        && to.equals(w.assignee()) && w.status() != WorkItem.Status.CANCELLED)) {
            // handing a vote to someone who already has one would let one person decide twice
            throw Problems.invalidFields("'" + to + "' already approves this gate.", List.of(new Problems.FieldError("to",
                    "'" + to + "' already approves this gate; each approver counts once. Choose someone else.")));
        }
        item.delegate(to);
        projects.addParticipants(item.projectId(), List.of(to));
        if (item.status() == WorkItem.Status.OPEN && item.engineTaskId() != null) {
            workflow.reassign(item.engineTaskId(), to);
        }
        events.publishEvent(new WorkEvents.WorkDelegated(claim.project().workspaceId(), item.projectId(), item.stageKey(),
                item.itemKey(), actor.username(), to, clock.instant()));
        return claim.project();
    }

    /** Where a work item is: its project and stage. */
    public record Place(String projectId, String stageKey) {
    }

    /**
     * The project and stage of an item, read without loading the item, so a lock can be taken before
     * {@link #claim} reads the item as it is once the lock is held.
     */
    @Transactional(readOnly = true)
    public Place placeOf(String id) {
        return items.placeOf(id).stream().findFirst().map(row -> new Place((String) row[0], (String) row[1]))
                .orElseThrow(() -> Problems.notFound("task", "There is no task '" + id + "'."));
    }

    /** Records that the caller did an open item (a decided approval); the engine is told by the caller. */
    public void finish(WorkItem item, String user) {
        item.assertOpen();
        item.complete(user, clock.instant());
        items.flush();
    }

    /** The project was held for {@code held}: due dates of its open work move later by that much. */
    public void postponeOpen(String projectId, java.time.Duration held) {
        items.findByProjectIdOrderByCreatedAt(projectId).stream().filter(w -> w.status() == WorkItem.Status.OPEN)
                .forEach(w -> w.postpone(held));
    }

    @Transactional(readOnly = true)
    public List<WorkItem> itemsOf(String projectId) {
        return items.findByProjectIdOrderByCreatedAt(projectId);
    }

    @Transactional(readOnly = true)
    public List<WorkItem> itemsOf(String projectId, String stageKey) {
        return items.findByProjectIdAndStageKey(projectId, stageKey);
    }

    /** The project went back before this stage: its work waits to be done again. */
    public void restartStage(String projectId, String stageKey) {
        items.findByProjectIdAndStageKey(projectId, stageKey).forEach(WorkItem::resetToWaiting);
    }

    /** Open approvals of a gate that was resubmitted belong to its new round. */
    public void moveOpenApprovals(String projectId, String stageKey, int round) {
        items.findByProjectIdAndStageKey(projectId, stageKey).stream()
                .filter(w -> w.kind() == WorkItem.Kind.APPROVAL && w.status() == WorkItem.Status.OPEN)
                .forEach(w -> w.moveToRound(round));
    }

    /**
     * Brings the project's work onto another template version, after the project adopted it: items of
     * renamed stages move, new tasks get items, tasks the version dropped and open work in stages it
     * dropped go (done work stays, as history).
     */
    public void adoptVersion(ProjectContext project, Map<String, String> stageRenames, List<String> goneStages) {
        String id = project.id();
        stageRenames.forEach((from, to) -> items.findByProjectIdAndStageKey(id, from).forEach(w -> w.moveToStage(to)));
        Map<String, List<String>> roles = project.project().roles();
        Instant now = clock.instant();
        for (Stage stage : project.template().stages()) {
            List<WorkItem> existing = items.findByProjectIdAndStageKey(id, stage.key());
            for (TaskDef task : stage.tasks()) {
                boolean present = existing.stream().anyMatch(w -> w.kind() == WorkItem.Kind.TASK && w.itemKey().equals(task.key()));
                if (!present) {
                    items.save(new WorkItem(UUID.randomUUID().toString(), id, stage.key(), WorkItem.Kind.TASK,
                            task.key(), task.label(), candidates(task.assignee(), roles), now));
                }
            }
            Set<String> keys = stage.tasks().stream().map(TaskDef::key).collect(Collectors.toSet());
            existing.stream().filter(w -> w.kind() == WorkItem.Kind.TASK && !w.imported() && !keys.contains(w.itemKey())
                    && w.status() != WorkItem.Status.DONE).forEach(items::delete);
        }
        for (String gone : goneStages) {
            items.findByProjectIdAndStageKey(id, gone).stream().filter(w -> w.status() != WorkItem.Status.DONE)
                    .forEach(items::delete);
        }
        items.flush();
    }

    /** Who a task is offered to: the users of its role, or the user or group it names. */
    static Set<String> candidates(String assignee, Map<String, List<String>> roles) {
        if (assignee.startsWith("user:") || assignee.startsWith("group:")) {
            return Set.of(assignee);
        }
        return roles.getOrDefault(assignee, List.of()).stream().map(u -> "user:" + u)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    private List<Problems.Unmet> unmet(Template template, ProjectContext project, WorkItem item, List<WorkItem> stageItems) {
        List<Problems.Unmet> out = new ArrayList<>();
        Stage stage = template.stage(item.stageKey()).orElseThrow();
        Map<String, ProjectStage> rows = stages.byKey(project.id());
        ProjectStage own = rows.get(stage.key());
        if (own.status() == ProjectStage.Status.WAITING || own.status() == ProjectStage.Status.SKIPPED) {
            for (String before : template.prerequisites(stage)) {
                ProjectStage s = rows.get(before);
                if (s != null && !s.finished()) {
                    out.add(new Problems.Unmet("stage", before, "Stage '" + s.name() + "' is not done yet ("
                            + lower(s.status().name()) + ")."));
                }
            }
            if (out.isEmpty()) {
                out.add(new Problems.Unmet("stage", stage.key(), "Stage '" + own.name() + "' has not started."));
            }
            return out;
        }
        TaskDef task = stage.task(item.itemKey()).orElseThrow();
        for (String required : task.requires()) {
            stageItems.stream().filter(w -> w.kind() == WorkItem.Kind.TASK && w.itemKey().equals(required)
                            && w.status() != WorkItem.Status.DONE).findFirst()
                    .ifPresent(w -> out.add(new Problems.Unmet("task", required, "Task '" + w.name() + "' must be done first.")));
        }
        if (out.isEmpty()) {
            out.add(new Problems.Unmet("stage", stage.key(), "Stage '" + own.name() + "' is "
                    + lower(own.status().name()) + "; this task is not open."));
        }
        return out;
    }

    static String offeredTo(WorkItem item) {
        if (item.assignee() != null) {
            return item.assignee();
        }
        return item.candidates().stream().sorted().map(c -> c.substring(c.indexOf(':') + 1)).collect(Collectors.joining(", "));
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
