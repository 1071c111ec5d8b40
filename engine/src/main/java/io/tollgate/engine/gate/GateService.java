package io.tollgate.engine.gate;

import io.tollgate.engine.gate.internal.Decisions;
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
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.Template;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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

    GateService(WorkService work, ProjectService projects, StageService stages, Decisions decisions, GateEvaluator gates, Workflow workflow,
                Rework rework, Actors actors, ApplicationEventPublisher events, Clock clock) {
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

    /** One approver's decision. */
    public record DecisionRequest(String decision, String comment, String sendBackTo) {
    }

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
        if (kind != Decision.Kind.APPROVE && (comment == null || comment.isEmpty())) {
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
        if (kind == Decision.Kind.APPROVE) {
            List<Problems.Unmet> unmet = gates.evaluate(template, stage, project.fields(), stageItems).stream()
                    .filter(c -> !c.met()).map(c -> new Problems.Unmet(c.kind(), c.key(), c.message())).toList();
            if (!unmet.isEmpty()) {
                throw Problems.unmet("The gate's criteria are not met; approve once they are.", unmet);
            }
        }

        Instant now = clock.instant();
        decisions.save(new Decision(project.id(), stage.key(), item.round(), item.id(), actor.username(), kind, comment, now));
        work.finish(item, actor.username());
        events.publishEvent(new GateEvents.GateDecided(project.workspaceId(), project.id(), stage.key(), item.round(),
                actor.username(), kind.spelling(), comment, now));

        if (kind == Decision.Kind.SEND_BACK) {
            rework.sendBack(project, stage.key(), target, actor.username());
            return project;
        }
        ProjectStage projectStage = stages.stage(project.id(), stage.key());
        List<Decision> round = decisions.findByProjectIdAndStageKeyAndRound(project.id(), stage.key(), item.round());
        int kept = projectStage.keptApprovals();
        int approvals = kept + (int) round.stream().filter(d -> d.decision() == Decision.Kind.APPROVE).count();
        int rejections = (int) round.stream().filter(d -> d.decision() != Decision.Kind.APPROVE).count();
        int instances = workflow.approvers(project.id(), stage.key()).size();
        ApprovalMode mode = stage.gate().approval().mode();
        ApprovalMode.Outcome outcome = mode.outcome(new ApprovalMode.Tally(approvals, rejections, instances, kept));
        String rejectTo = stage.gate().onReject() == null ? stage.key() : stage.gate().onReject();
        if (kind == Decision.Kind.REJECT && outcome == ApprovalMode.Outcome.REJECTED && !rejectTo.equals(stage.key())) {
            rework.sendBack(project, stage.key(), rejectTo, actor.username());
            return project;
        }
        if (kind == Decision.Kind.APPROVE && outcome == ApprovalMode.Outcome.APPROVED && rework.resubmitIfWaiting(project, stage.key())) {
            return project;
        }
        workflow.completeVote(item.engineTaskId(), stage.key(), approvals, rejections);
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
                    "decision is approve, reject or send_back.")));
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "approve" -> Decision.Kind.APPROVE;
            case "reject" -> Decision.Kind.REJECT;
            case "send_back", "sendback", "send-back" -> Decision.Kind.SEND_BACK;
            default -> throw Problems.invalidFields("Unknown decision '" + text + "'.", List.of(new Problems.FieldError(
                    "decision", "decision is approve, reject or send_back.")));
        };
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
