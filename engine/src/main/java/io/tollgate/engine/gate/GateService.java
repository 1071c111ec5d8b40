package io.tollgate.engine.gate;

import io.tollgate.engine.gate.internal.Decisions;
import io.tollgate.engine.gate.internal.Waivers;
import io.tollgate.engine.project.ProjectView;
import io.tollgate.engine.project.ProjectContext;
import io.tollgate.engine.project.ProjectService;
import io.tollgate.engine.project.ProjectStage;
import io.tollgate.engine.project.StageService;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.support.Problems;
import io.tollgate.engine.work.WorkItem;
import io.tollgate.engine.work.WorkService;
import io.tollgate.engine.workflow.Workflow;
import io.tollgate.modeler.model.ApprovalMode;
import io.tollgate.modeler.model.Outcome;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.Template;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;

/**
 * Decisions on gates. Votes are counted from the recorded decisions of the stage's current round;
 * the approval mode's own rule says whether they decide the gate, and the engine's completion
 * condition, compiled from the same rule, agrees. A rejection that decides the gate sends the
 * project back to the gate's {@code onReject} stage; a send-back goes where the approver says.
 */
@Service
@Transactional
public class GateService {

    private final WorkService work;
    private final ProjectService projects;
    private final StageService stages;
    private final Decisions decisions;
    private final GateEvaluator gates;
    private final Workflow workflow;
    private final Rework rework;
    private final Actors actors;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Waivers waivers;
    private final io.tollgate.engine.workflow.Watches watches;

    GateService(WorkService work, ProjectService projects, StageService stages, Decisions decisions, GateEvaluator gates, Workflow workflow,
                Rework rework, Actors actors, ApplicationEventPublisher events, Clock clock, Waivers waivers,
                io.tollgate.engine.workflow.Watches watches) {
        this.waivers = waivers;
        this.watches = watches;
        this.work = work;
        this.projects = projects;
        this.stages = stages;
        this.decisions = decisions;
        this.gates = gates;
        this.workflow = workflow;
        this.rework = rework;
        this.actors = actors;
        this.events = events;
        this.clock = clock;
    }

    /** One approver's decision; {@code conditions} go with a conditional go. */
    public record DecisionRequest(String decision, String comment, String sendBackTo, List<ConditionRequest> conditions) {

        public DecisionRequest(String decision, String comment, String sendBackTo) {
            this(decision, comment, sendBackTo, null);
        }
    }

    /** A condition of a conditional go: what, who sees to it (a user of the workspace), and by when. */
    public record ConditionRequest(String text, String owner, String dueAt) {
    }

    /** Most conditions one conditional go may set, and the longest text of one. */
    static final int MAX_CONDITIONS = 20;
    static final int MAX_CONDITION_TEXT = 1000;

    /** Records the decision and moves the project on; answers the project. */
    public ProjectContext decide(String id, DecisionRequest request, Actor actor) {
        WorkService.Claim claim = lockedClaim(id, actor);
        WorkItem item = claim.item();
        if (item.kind() != WorkItem.Kind.APPROVAL) {
            throw Problems.conflict("not-an-approval", "This is a task, not an approval: complete it with /api/tasks/" + id + "/complete.");
        }
        claim.offeredTo(actor, who -> "This approval is for " + who + ", not for you.");
        if (item.status() != WorkItem.Status.OPEN) {
            throw Problems.conflict("approval-closed", "This approval is already " + lower(item.status().name()) + ".");
        }
        Decision.Kind kind = kind(request.decision());
        String comment = request.comment() == null ? null : request.comment().trim();
        if (!kind.approves() && (comment == null || comment.isEmpty())) {
            throw Problems.invalidFields("Say why: a " + kind.words() + " needs a comment.",
                    List.of(new Problems.FieldError("comment", "A comment is required to " + kind.words() + ".")));
        }
        if (comment != null && comment.length() > 4000) {
            throw Problems.invalidFields("The comment is too long.", List.of(new Problems.FieldError("comment", "At most 4000 characters.")));
        }
        ProjectContext project = claim.project();
        project.project().assertActive();
        Template template = project.template();
        Stage stage = template.stage(item.stageKey()).orElseThrow();
        if (!stage.gate().offers(kind.outcome())) {
            throw Problems.conflict("outcome-not-offered", "The gate of '" + stage.label() + "' offers "
                    + stage.gate().outcomes().stream().map(Outcome::spelling).toList() + "; " + kind.outcome().spelling()
                    + " is not one of them.");
        }
        List<ProjectService.NewCondition> conditions = conditions(request.conditions(), kind, actor);
        // each person counts once per round, however the approval reached them twice
        if (decisions.findByProjectIdAndStageKeyAndRound(project.id(), stage.key(), item.round()).stream()
                .anyMatch(d -> d.username().equals(actor.username()))) {
            throw Problems.conflict("already-decided", "You have already decided on this gate in this round; "
                    + "each approver counts once.");
        }
        String target = null;
        if (kind == Decision.Kind.SEND_BACK) {
            target = request.sendBackTo() == null || request.sendBackTo().isBlank() ? stage.key() : request.sendBackTo();
            if (!target.equals(stage.key()) && !template.stagesBefore(stage.key()).contains(target)) {
                throw Problems.invalidFields("A project can only be sent back to this stage or one before it.",
                        List.of(new Problems.FieldError("sendBackTo", "'" + target + "' is not this stage or one before it; choose from "
                                + template.stagesBefore(stage.key()) + ".")));
            }
        }
        List<WorkItem> stageItems = work.itemsOf(project.id(), stage.key());
        if (kind.approves()) {
            List<Problems.Unmet> unmet = gates.evaluate(project, stage, project.fields(), stageItems).stream()
                    .filter(c -> !c.met()).map(c -> new Problems.Unmet(c.kind(), c.key(), c.message())).toList();
            if (!unmet.isEmpty()) {
                throw Problems.unmet("The gate's criteria are not met; approve once they are.", unmet);
            }
        }

        return record(project, stage, item, kind, comment, target, conditions, actor.username());
    }

    /** Records a checked decision and moves the project on as it says. */
    private ProjectContext record(ProjectContext project, Stage stage, WorkItem item, Decision.Kind kind, String comment,
                                  String target, List<ProjectService.NewCondition> conditions, String user) {
        Instant now = clock.instant();
        if (kind == Decision.Kind.HOLD) {
            // the approval stays open: its approver decides once the project goes on
            events.publishEvent(new GateEvents.GateDecided(project.workspaceId(), project.id(), stage.key(), item.round(),
                    user, kind.spelling(), comment, now));
            projects.hold(project, stage.key(), comment, user);
            return project;
        }
        decisions.save(new Decision(project.id(), stage.key(), item.round(), item.id(), user, kind, comment, now));
        events.publishEvent(new GateEvents.GateDecided(project.workspaceId(), project.id(), stage.key(), item.round(),
                user, kind.spelling(), comment, now));
        if (kind == Decision.Kind.KILL) {
            // the cancellation closes every open item, this one too
            projects.kill(project, stage.key(), comment, user);
            return project;
        }
        work.finish(item, user);
        if (kind == Decision.Kind.CONDITIONAL) {
            projects.addConditions(project, stage.key(), conditions, user);
        }

        if (kind == Decision.Kind.SEND_BACK) {
            rework.sendBack(project, stage.key(), target, user);
            return project;
        }
        ProjectStage projectStage = stages.stage(project.id(), stage.key());
        List<Decision> round = decisions.findByProjectIdAndStageKeyAndRound(project.id(), stage.key(), item.round());
        int kept = projectStage.keptApprovals();
        int approvals = kept + (int) round.stream().filter(d -> d.decision().approves()).count();
        int rejections = (int) round.stream().filter(d -> d.decision().rejects()).count();
        int instances = workflow.approvers(project.id(), stage.key()).size();
        ApprovalMode mode = stage.gate().approval().mode();
        ApprovalMode.Outcome outcome = mode.outcome(new ApprovalMode.Tally(approvals, rejections, instances, kept));
        String rejectTo = stage.gate().onReject() == null ? stage.key() : stage.gate().onReject();
        if (kind == Decision.Kind.REJECT && outcome == ApprovalMode.Outcome.REJECTED && !rejectTo.equals(stage.key())) {
            rework.sendBack(project, stage.key(), rejectTo, user);
            return project;
        }
        if (kind.approves() && outcome == ApprovalMode.Outcome.APPROVED && rework.resubmitIfWaiting(project, stage.key())) {
            return project;
        }
        workflow.completeVote(item.engineTaskId(), stage.key(), approvals, rejections);
        return project;
    }

    /**
     * Takes back a decision (撤回) while the gate is still open and nobody has acted on it since:
     * <ul>
     * <li>all (会签) and quorum: the vote is forgotten, the counters the engine's completion condition
     * reads are set again, and one more approval opens for the approver;</li>
     * <li>in order (依次): only until the next approver decides. The approval starts again at the
     * one who withdrew, followed by those after them, in a new round; the next approver's open
     * approval closes. Approvers before them stand and are not asked again.</li>
     * </ul>
     * An any-approve gate closed with the decision, and a Conditional Go, hold, kill or send-back acted
     * at once: those stand.
     */
    void withdrawDecision(ProjectContext project, WorkItem item, String user) {
        Stage stage = project.template().stage(item.stageKey()).orElseThrow();
        ProjectStage projectStage = stages.lockForDecision(project.id(), stage.key());
        if (projectStage.status() != ProjectStage.Status.APPROVAL || projectStage.round() != item.round()) {
            throw Problems.conflict("gate-closed", "The gate of '" + stage.label() + "' has closed since you decided, "
                    + "so the decision stands; ask for a send-back instead.");
        }
        List<Decision> round = decisions.findByProjectIdAndStageKeyAndRound(project.id(), stage.key(), item.round());
        Decision mine = round.stream().filter(d -> d.username().equals(user) && item.id().equals(d.workItemId()))
                .findFirst().orElseThrow(() -> Problems.conflict("not-yours-to-withdraw",
                        "There is no decision of yours on this approval to take back."));
        if (mine.decision() != Decision.Kind.APPROVE && mine.decision() != Decision.Kind.REJECT) {
            throw Problems.conflict("withdraw-outcome", "A " + mine.decision().words() + " acts at once and cannot be "
                    + "taken back; ask for a send-back instead.");
        }
        ApprovalMode mode = stage.gate().approval().mode();
        List<Decision> remaining = round.stream().filter(d -> d != mine).toList();
        if (mode.sequential()) {
            List<String> approvers = workflow.approvers(project.id(), stage.key());
            int at = approvers.indexOf(user);
            List<String> after = at < 0 ? List.of() : approvers.subList(at + 1, approvers.size());
            List<String> actedSince = remaining.stream().map(Decision::username).filter(after::contains).distinct().toList();
            if (at < 0 || !actedSince.isEmpty()) {
                throw Problems.unmet("The next approver has decided already, so your decision cannot be taken back.",
                        actedSince.stream().map(u -> new Problems.Unmet("approval", u, u + " has decided since.")).toList());
            }
            decisions.delete(mine);
            // a new round that starts at the one who withdrew: the next approver's open approval closes
            List<String> next = new java.util.ArrayList<>(approvers.subList(at, approvers.size()));
            workflow.resubmitTo(project.id(), stage.key(), stage.key(), next, 0);
            stages.resubmitted(projectStage, 0);
            work.moveOpenApprovals(project.id(), stage.key(), projectStage.round());
            return;
        }
        decisions.delete(mine);
        int approvals = projectStage.keptApprovals() + (int) remaining.stream().filter(d -> d.decision().approves()).count();
        int rejections = (int) remaining.stream().filter(d -> d.decision().rejects()).count();
        workflow.reopenVote(project.id(), stage.key(), user, approvals, rejections);
    }

    /** A granted waiver's expiry came (an engine timer): the criterion is judged on its own again. */
    public void waiverDue(String waiverId, Instant at) {
        waivers.findById(waiverId).filter(w -> w.status() == GateWaiver.Status.GRANTED && !at.isBefore(w.expiresAt()))
                .ifPresent(w -> {
                    ProjectContext project = projects.context(w.projectId());
                    events.publishEvent(new GateEvents.WaiverLapsed(project.workspaceId(), w.projectId(), w.stageKey(),
                            w.id(), w.criterion(), w.expiresAt(), at));
                });
    }

    /** The user in whose name a timed-out approval is decided. */
    public static final String SYSTEM = "system";

    /**
     * Nobody decided a stage's approval in time: the template's timeout says remind, approve or reject.
     * Approve and reject decide each open approval of the round in the name of {@link #SYSTEM} until
     * the gate is decided; an approval whose criteria are not met is not approved, and the time-out
     * says so.
     */
    public void timedOut(String projectId, String stageKey) {
        ProjectContext project = projects.context(projectId);
        if (!project.project().active()) {
            return;
        }
        Stage stage = project.template().stage(stageKey).orElseThrow();
        io.tollgate.modeler.model.Timeout timeout = stage.gate().approval().timeout();
        stages.lockForDecision(projectId, stageKey);
        List<WorkItem> open = work.itemsOf(projectId, stageKey).stream()
                .filter(w -> w.kind() == WorkItem.Kind.APPROVAL && w.status() == WorkItem.Status.OPEN).toList();
        if (timeout == null || open.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<String> pending = open.stream().map(WorkItem::assignee).toList();
        String action = timeout.action().spelling();
        if (timeout.action() == io.tollgate.modeler.model.Timeout.Action.REMIND) {
            events.publishEvent(new GateEvents.TimeoutFired(project.workspaceId(), projectId, stageKey, action, pending,
                    "Reminder: the approval of '" + stage.label() + "' waits for " + String.join(", ", pending) + ".", now));
            return;
        }
        Decision.Kind kind = timeout.action() == io.tollgate.modeler.model.Timeout.Action.APPROVE
                ? Decision.Kind.APPROVE : Decision.Kind.REJECT;
        if (kind == Decision.Kind.APPROVE) {
            List<String> unmet = gates.evaluate(project, stage, project.fields(), work.itemsOf(projectId, stageKey)).stream()
                    .filter(c -> !c.met()).map(ProjectView.CriterionView::message).toList();
            if (!unmet.isEmpty()) {
                events.publishEvent(new GateEvents.TimeoutFired(project.workspaceId(), projectId, stageKey, action, pending,
                        "Not approved on time-out: " + String.join(" ", unmet), now));
                return;
            }
        }
        String comment = "Nobody decided within " + timeout.after() + "; " + (kind == Decision.Kind.APPROVE ? "approved"
                : "rejected") + " on time-out.";
        events.publishEvent(new GateEvents.TimeoutFired(project.workspaceId(), projectId, stageKey, action, pending,
                comment, now));
        for (WorkItem item : open) {
            if (item.status() == WorkItem.Status.OPEN && project.project().active()) {
                record(project, stage, item, kind, comment, null, List.of(), SYSTEM);
            }
        }
    }

    /** The conditions of a conditional go, checked; none for any other decision. */
    private List<ProjectService.NewCondition> conditions(List<ConditionRequest> given, Decision.Kind kind, Actor actor) {
        List<ConditionRequest> list = given == null ? List.of() : given;
        if (kind != Decision.Kind.CONDITIONAL) {
            if (!list.isEmpty()) {
                throw Problems.invalidFields("Only a conditional decision has conditions.", List.of(new Problems.FieldError(
                        "conditions", "Leave conditions out, or decide 'conditional'.")));
            }
            return List.of();
        }
        if (list.isEmpty() || list.size() > MAX_CONDITIONS) {
            throw Problems.invalidFields("A conditional go needs its conditions.", List.of(new Problems.FieldError(
                    "conditions", "Between 1 and " + MAX_CONDITIONS + " conditions, each {text, owner, dueAt}.")));
        }
        Instant now = clock.instant();
        List<Problems.FieldError> errors = new ArrayList<>();
        List<ProjectService.NewCondition> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ConditionRequest c = list.get(i);
            String path = "conditions[" + i + "]";
            if (c == null) {
                errors.add(new Problems.FieldError(path, "A condition is {text, owner, dueAt}."));
                continue;
            }
            String text = c.text() == null ? "" : c.text().trim();
            if (text.isEmpty() || text.length() > MAX_CONDITION_TEXT) {
                errors.add(new Problems.FieldError(path + ".text", "Say what must be done, in at most "
                        + MAX_CONDITION_TEXT + " characters."));
            } else if (text.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n' && ch != '\t' && ch != '\r')) {
                errors.add(new Problems.FieldError(path + ".text", "No control characters."));
            }
            if (c.owner() == null || c.owner().length() > 100 || !actors.exists(c.owner(), actor.workspaceId())) {
                errors.add(new Problems.FieldError(path + ".owner", "There is no user '" + c.owner() + "' in this workspace."));
            }
            Instant due = null;
            try {
                due = c.dueAt() == null || c.dueAt().length() > 40 ? null : java.time.OffsetDateTime.parse(c.dueAt()).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                due = null;
            }
            if (due == null) {
                errors.add(new Problems.FieldError(path + ".dueAt", "A date and time such as 2027-01-31T17:00:00Z."));
            } else if (!due.isAfter(now)) {
                errors.add(new Problems.FieldError(path + ".dueAt", "The due date must lie ahead."));
            }
            out.add(new ProjectService.NewCondition(text, c.owner(), due));
        }
        if (!errors.isEmpty()) {
            throw Problems.invalidFields("Some conditions cannot be set that way.", errors);
        }
        return out;
    }

    /** The people who approve a stage's gate in this project: as assigned, and as handed on since. */
    Set<String> approversOf(ProjectContext project, String stageKey) {
        Set<String> out = new LinkedHashSet<>(projects.assignments(project.template(), project.project().roles(),
                project.workspaceId()).approvers().getOrDefault(stageKey, List.of()));
        work.itemsOf(project.id(), stageKey).stream().filter(w -> w.kind() == WorkItem.Kind.APPROVAL && w.assignee() != null)
                .map(WorkItem::assignee).forEach(out::add);
        return out;
    }

    /**
     * Resumes a project on hold: by a project manager, an admin or an approver of the gate that held
     * it. Every due date still ahead moves later by the time it was held.
     */
    public ProjectContext resume(String projectId, Actor actor) {
        ProjectContext project = projects.context(projectId, actor);
        if (project.project().status() != io.tollgate.engine.project.Project.Status.ON_HOLD) {
            throw Problems.conflict("project-not-on-hold", "The project is " + lower(project.project().status().name())
                    + ", not on hold.");
        }
        String stageKey = project.project().heldStage();
        boolean manager = actor.isAdmin() || actor.roles().contains("pm");
        if (!manager && !approversOf(project, stageKey).contains(actor.username())) {
            throw Problems.forbidden("Only a project manager, an admin or an approver of the gate that held it can resume "
                    + "the project.");
        }
        java.time.Duration held = projects.resume(project, actor.username());
        work.postponeOpen(project.id(), held);
        return project;
    }

    /** A project manager's request to waive one criterion of a stage's gate. */
    public record WaiverRequest(String criterion, String reason, String expiresAt) {
    }

    /** A grant or refusal, with an optional comment. */
    public record WaiverDecision(String comment) {
    }

    /** Asks to count one criterion of a gate as met until a date; by a project manager or an admin. */
    public ProjectContext requestWaiver(String projectId, String stageKey, WaiverRequest request, Actor actor) {
        ProjectContext project = projects.context(projectId, actor);
        if (!actor.isAdmin() && !actor.roles().contains("pm")) {
            throw Problems.forbidden("Only a project manager or an admin asks for a waiver.");
        }
        project.project().assertActive();
        Stage stage = project.template().stage(stageKey).orElseThrow(() -> Problems.notFound("stage",
                "There is no stage '" + stageKey + "' in this project."));
        if (request == null) {
            throw Problems.invalidFields("Send {criterion, reason, expiresAt}.", List.of(new Problems.FieldError("criterion",
                    "The key of a criterion of the gate.")));
        }
        // an imported task is done or handed on, never waived
        List<ProjectView.CriterionView> criteria = gates.evaluate(project, stage, project.fields(),
                work.itemsOf(projectId, stageKey)).stream().filter(c -> !c.kind().equals("extraTask")).toList();
        List<Problems.FieldError> errors = new ArrayList<>();
        if (request.criterion() == null || criteria.stream().noneMatch(c -> c.key().equals(request.criterion()))) {
            errors.add(new Problems.FieldError("criterion", "Name a criterion of this gate: one of "
                    + criteria.stream().map(ProjectView.CriterionView::key).toList() + "."));
        }
        String reason = request.reason() == null ? "" : request.reason().trim();
        if (reason.isEmpty() || reason.length() > 1000) {
            errors.add(new Problems.FieldError("reason", "Say why, in at most 1000 characters."));
        }
        Instant now = clock.instant();
        Instant expires = null;
        try {
            expires = request.expiresAt() == null || request.expiresAt().length() > 40 ? null
                    : java.time.OffsetDateTime.parse(request.expiresAt()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            expires = null;
        }
        if (expires == null || !expires.isAfter(now)) {
            errors.add(new Problems.FieldError("expiresAt", "A date and time ahead, such as 2027-01-31T17:00:00Z."));
        }
        if (!errors.isEmpty()) {
            throw Problems.invalidFields("The waiver cannot be asked for that way.", errors);
        }
        if (waivers.findByProjectIdAndStageKeyOrderByRequestedAtAscIdAsc(projectId, stageKey).size() >= 100) {
            throw Problems.conflict("too-many-waivers", "This gate has 100 waivers already.");
        }
        GateWaiver waiver = waivers.save(new GateWaiver(java.util.UUID.randomUUID().toString(), projectId, stageKey,
                request.criterion(), reason, expires, actor.username(), now));
        events.publishEvent(new GateEvents.WaiverRequested(project.workspaceId(), projectId, stageKey, waiver.id(),
                waiver.criterion(), reason, expires, actor.username(), now));
        return project;
    }

    /** Grants or refuses a waiver; by an approver of that gate. */
    public ProjectContext decideWaiver(String projectId, String stageKey, String waiverId, boolean grant,
                                       WaiverDecision body, Actor actor) {
        ProjectContext project = projects.context(projectId, actor);
        GateWaiver waiver = waivers.findById(waiverId).filter(w -> w.projectId().equals(projectId) && w.stageKey().equals(stageKey))
                .orElseThrow(() -> Problems.notFound("waiver", "There is no waiver '" + waiverId + "' at this gate."));
        if (!approversOf(project, stageKey).contains(actor.username())) {
            throw Problems.forbidden("Only an approver of this gate grants or refuses its waivers.");
        }
        String comment = body == null || body.comment() == null ? null : body.comment().trim();
        if (comment != null && comment.length() > 1000) {
            throw Problems.invalidFields("The comment is too long.", List.of(new Problems.FieldError("comment", "At most 1000 characters.")));
        }
        project.project().assertActive();
        Instant now = clock.instant();
        waiver.decide(grant, actor.username(), comment, now);
        waivers.flush();
        if (grant) {
            watches.watch("waiver", waiverId, waiver.expiresAt());
            events.publishEvent(new GateEvents.WaiverGranted(project.workspaceId(), projectId, stageKey, waiverId,
                    waiver.criterion(), waiver.expiresAt(), actor.username(), comment, now));
        } else {
            events.publishEvent(new GateEvents.WaiverRefused(project.workspaceId(), projectId, stageKey, waiverId,
                    waiver.criterion(), actor.username(), comment, now));
        }
        return project;
    }

    /** Approvers to add to, or remove from, a running approval. */
    public record SignersRequest(List<String> add, List<String> remove) {
    }

    /**
     * Adds signers to the running approval the caller is part of (加签), or removes signers who have
     * not decided (减签). Sequential approvals keep their order as published, so they refuse both.
     */
    public ProjectContext changeSigners(String id, SignersRequest request, Actor actor) {
        WorkService.Claim claim = lockedClaim(id, actor);
        WorkItem item = claim.item();
        if (item.kind() != WorkItem.Kind.APPROVAL) {
            throw Problems.conflict("not-an-approval", "Signers belong to approvals; this is a task.");
        }
        boolean manager = actor.isAdmin() || actor.roles().contains("pm");
        if (!manager) {
            claim.offeredTo(actor, who -> "Only an approver of this gate, a project manager or an admin can change its signers.");
        }
        if (item.status() != WorkItem.Status.OPEN) {
            throw Problems.conflict("approval-closed", "This approval is already " + lower(item.status().name()) + ".");
        }
        List<String> add = request == null || request.add() == null ? List.of() : request.add();
        List<String> remove = request == null || request.remove() == null ? List.of() : request.remove();
        if (!remove.isEmpty() && !manager) {
            // removing someone's vote changes who decides the gate: that is the project manager's call
            throw Problems.forbidden("Only a project manager or an admin can remove a signer.");
        }
        if (add.isEmpty() && remove.isEmpty()) {
            throw Problems.invalidFields("Say whom to add or remove.", List.of(new Problems.FieldError("add",
                    "A list of user names to add, or 'remove' with a list to remove.")));
        }
        if (add.size() + remove.size() > 50) {
            throw Problems.invalidFields("Too many signers at once.", List.of(new Problems.FieldError("add",
                    "At most 50 names to add and remove together.")));
        }
        ProjectContext project = claim.project();
        project.project().assertActive();
        Stage stage = project.template().stage(item.stageKey()).orElseThrow();
        if (stage.gate().approval().mode().sequential()) {
            throw Problems.conflict("sequential-approval", "A sequential approval keeps its published order; "
                    + "signers can be added to any, all and quorum approvals.");
        }
        List<WorkItem> round = work.itemsOf(project.id(), stage.key()).stream()
                .filter(w -> w.kind() == WorkItem.Kind.APPROVAL && w.round() == item.round()).toList();
        List<Problems.FieldError> errors = new ArrayList<>();
        for (String user : add) {
            if (user == null || !actors.exists(user, actor.workspaceId())) {
                errors.add(new Problems.FieldError("add", "There is no user '" + user + "' in this workspace."));
            } else if (round.stream().anyMatch(w -> user.equals(w.assignee()) && w.status() != WorkItem.Status.CANCELLED)) {
                errors.add(new Problems.FieldError("add", "'" + user + "' already approves this gate."));
            }
        }
        for (String user : remove) {
            boolean undecided = round.stream().anyMatch(w -> w.assignee() != null && w.assignee().equals(user)
                    && w.status() == WorkItem.Status.OPEN);
            if (!undecided) {
                errors.add(new Problems.FieldError("remove", "'" + user + "' is not an approver who has yet to decide."));
            } else if (user.equals(actor.username())) {
                errors.add(new Problems.FieldError("remove", "Hand your approval on with delegate instead of removing yourself."));
            }
        }
        if (!errors.isEmpty()) {
            throw Problems.invalidFields("The signers cannot change that way.", errors);
        }
        Instant now = clock.instant();
        if (!add.isEmpty()) {
            projects.addParticipants(project.id(), add);
        }
        for (String user : add) {
            workflow.addApprover(project.id(), stage.key(), user);
            events.publishEvent(new GateEvents.SignerAdded(project.workspaceId(), project.id(), stage.key(),
                    actor.username(), user, now));
        }
        for (String user : remove) {
            WorkItem theirs = round.stream().filter(w -> user.equals(w.assignee()) && w.status() == WorkItem.Status.OPEN)
                    .findFirst().orElseThrow();
            workflow.removeApprover(project.id(), stage.key(), user, theirs.engineTaskId());
            events.publishEvent(new GateEvents.SignerRemoved(project.workspaceId(), project.id(), stage.key(),
                    actor.username(), user, now));
        }
        return project;
    }

    /**
     * Takes the gate's lock first, then reads the item and its project: whatever another approver or
     * a cancellation committed while this one waited is what it sees.
     */
    private WorkService.Claim lockedClaim(String id, Actor actor) {
        WorkService.Place place = work.placeOf(id);
        stages.lockForDecision(place.projectId(), place.stageKey());
        return work.claim(id, actor);
    }

    private static Decision.Kind kind(String text) {
        if (text == null) {
            throw Problems.invalidFields("Say what you decide.", List.of(new Problems.FieldError("decision",
                    "decision is approve, conditional, hold, kill, reject or send_back (recycle).")));
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "approve" -> Decision.Kind.APPROVE;
            case "reject" -> Decision.Kind.REJECT;
            case "send_back", "sendback", "send-back", "recycle" -> Decision.Kind.SEND_BACK;
            case "conditional", "conditional_go" -> Decision.Kind.CONDITIONAL;
            case "hold" -> Decision.Kind.HOLD;
            case "kill" -> Decision.Kind.KILL;
            default -> throw Problems.invalidFields("Unknown decision.", List.of(new Problems.FieldError(
                    "decision", "decision is approve, conditional, hold, kill, reject or send_back (recycle).")));
        };
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
