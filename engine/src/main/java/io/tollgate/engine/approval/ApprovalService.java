package io.tollgate.engine.approval;

import io.tollgate.engine.audit.AuditLog;
import io.tollgate.engine.project.Decision;
import io.tollgate.engine.project.Decisions;
import io.tollgate.engine.project.GateEvaluator;
import io.tollgate.engine.project.Project;
import io.tollgate.engine.project.ProjectService;
import io.tollgate.engine.project.ProjectStage;
import io.tollgate.engine.project.ProjectView;
import io.tollgate.engine.project.Rework;
import io.tollgate.engine.project.WorkItem;
import io.tollgate.engine.project.WorkItems;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.support.Problems;
import io.tollgate.engine.task.TaskService;
import io.tollgate.engine.workflow.Workflow;
import io.tollgate.modeler.compiler.BpmnIds;
import io.tollgate.modeler.model.ApprovalMode;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.Template;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decisions on gates. Votes are counted from the recorded decisions of the stage's current round and
 * handed to the engine, whose completion condition applies the mode. A rejection that decides the
 * gate sends the project back to the gate's {@code onReject} stage; a send-back goes where the
 * approver says.
 */
@Service
@Transactional
public class ApprovalService {

    private final TaskService tasks;
    private final WorkItems items;
    private final Decisions decisions;
    private final ProjectService projects;
    private final GateEvaluator gates;
    private final Workflow workflow;
    private final AuditLog audit;
    private final Rework rework;
    private final Actors actors;

    ApprovalService(TaskService tasks, WorkItems items, Decisions decisions, ProjectService projects,
                    GateEvaluator gates, Workflow workflow, AuditLog audit, Rework rework, Actors actors) {
        this.actors = actors;
        this.rework = rework;
        this.tasks = tasks;
        this.items = items;
        this.decisions = decisions;
        this.projects = projects;
        this.gates = gates;
        this.workflow = workflow;
        this.audit = audit;
    }

    /** One approver's decision. */
    public record DecisionRequest(String decision, String comment, String sendBackTo) {
    }

    /** Records the decision and moves the project on; answers the project's id. */
    public String decide(String id, DecisionRequest request, Actor actor) {
        WorkItem item = tasks.load(id, actor);
        if (item.kind() != WorkItem.Kind.APPROVAL) {
            throw Problems.conflict("not-an-approval", "This is a task, not an approval: complete it with /api/tasks/" + id + "/complete.");
        }
        if (!item.offeredTo(actor.username(), actor.principals())) {
            throw Problems.forbidden("This approval is for " + item.assignee() + ", not for you.");
        }
        if (item.status() != WorkItem.Status.OPEN) {
            throw Problems.conflict("approval-closed", "This approval is already " + lower(item.status().name()) + ".");
        }
        Decision.Kind kind = kind(request.decision());
        String comment = request.comment() == null ? null : request.comment().trim();
        if (kind != Decision.Kind.APPROVE && (comment == null || comment.isEmpty())) {
            throw Problems.invalidFields("Say why: a " + lower(kind.name()).replace('_', ' ') + " needs a comment.",
                    List.of(new Problems.FieldError("comment", "A comment is required to " + lower(kind.name()).replace('_', ' ') + ".")));
        }
        if (comment != null && comment.length() > 4000) {
            throw Problems.invalidFields("The comment is too long.", List.of(new Problems.FieldError("comment", "At most 4000 characters.")));
        }
        Project project = projects.load(item.projectId(), actor);
        if (!project.active()) {
            throw Problems.conflict("project-not-active", "The project is " + lower(project.status().name()) + ".");
        }
        Template template = projects.templateOf(project);
        Stage stage = template.stage(item.stageKey()).orElseThrow();
        ProjectStage projectStage = projects.stagesOf(project.id()).stream()
                .filter(s -> s.stageKey().equals(stage.key())).findFirst().orElseThrow();
        String target = null;
        if (kind == Decision.Kind.SEND_BACK) {
            target = request.sendBackTo() == null || request.sendBackTo().isBlank() ? stage.key() : request.sendBackTo();
            if (!target.equals(stage.key()) && !template.stagesBefore(stage.key()).contains(target)) {
                throw Problems.invalidFields("A project can only be sent back to this stage or one before it.",
                        List.of(new Problems.FieldError("sendBackTo", "'" + target + "' is not this stage or one before it; choose from "
                                + template.stagesBefore(stage.key()) + ".")));
            }
        }
        if (kind == Decision.Kind.APPROVE) {
            List<ProjectView.CriterionView> criteria = gates.evaluate(template, stage, projects.fieldsOf(project),
                    items.findByProjectIdAndStageKey(project.id(), stage.key()));
            List<Problems.Unmet> unmet = criteria.stream().filter(c -> !c.met())
                    .map(c -> new Problems.Unmet(c.kind(), c.key(), c.message())).toList();
            if (!unmet.isEmpty()) {
                throw Problems.unmet("The gate's criteria are not met; approve once they are.", unmet);
            }
        }

        Instant now = Instant.now();
        decisions.save(new Decision(project.id(), stage.key(), item.round(), item.id(), actor.username(), kind, comment, now));
        item.complete(actor.username(), now);
        items.saveAndFlush(item);
        audit.record(project.workspaceId(), project.id(), actor.username(), "gate." + lower(kind.name()),
                stage.key(), comment);

        if (kind == Decision.Kind.SEND_BACK) {
            rework.sendBack(project, template, stage.key(), target, actor.username());
            return project.id();
        }
        List<Decision> round = decisions.findByProjectIdAndStageKeyAndRound(project.id(), stage.key(), item.round());
        long approvals = projectStage.keptApprovals() + round.stream().filter(d -> d.decision() == Decision.Kind.APPROVE).count();
        long rejections = round.stream().filter(d -> d.decision() != Decision.Kind.APPROVE).count();
        int instances = workflow.stringList(project.id(), BpmnIds.approversVariable(stage.key())).size();
        ApprovalMode mode = stage.gate().approval().mode();
        String rejectTo = stage.gate().onReject() == null ? stage.key() : stage.gate().onReject();
        if (kind == Decision.Kind.REJECT && !rejectTo.equals(stage.key())
                && decidesRejection(mode, rejections, instances, projectStage.keptApprovals())) {
            rework.sendBack(project, template, stage.key(), rejectTo, actor.username());
            return project.id();
        }
        if (kind == Decision.Kind.APPROVE && decidesApproval(mode, approvals, round.size(), instances)
                && rework.resubmitIfWaiting(project, template, stage.key())) {
            return project.id();
        }
        workflow.complete(item.engineTaskId(), Map.of(
                BpmnIds.approvalsVariable(stage.key()), (int) approvals,
                BpmnIds.rejectionsVariable(stage.key()), (int) rejections));
        return project.id();
    }

    /** Whether this approval, with those before it in the round, passes the gate. */
    private static boolean decidesApproval(ApprovalMode mode, long approvals, int decided, int instances) {
        if (mode instanceof ApprovalMode.Quorum q) {
            return approvals >= q.count();
        }
        if (mode instanceof ApprovalMode.Any) {
            return true;
        }
        return decided >= instances;
    }

    private static boolean decidesRejection(ApprovalMode mode, long rejections, int instances, int kept) {
        if (mode instanceof ApprovalMode.Quorum q) {
            return rejections > instances + kept - q.count();
        }
        return rejections >= 1;
    }

    /** Approvers to add to, or remove from, a running approval. */
    public record SignersRequest(List<String> add, List<String> remove) {
    }

    /**
     * Adds signers to the running approval the caller is part of (加签), or removes signers who have
     * not decided (减签). Sequential approvals keep their order as published, so they refuse both.
     */
    public String changeSigners(String id, SignersRequest request, Actor actor) {
        WorkItem item = tasks.load(id, actor);
        if (item.kind() != WorkItem.Kind.APPROVAL) {
            throw Problems.conflict("not-an-approval", "Signers belong to approvals; this is a task.");
        }
        if (!item.offeredTo(actor.username(), actor.principals())) {
            throw Problems.forbidden("Only an approver of this gate can change its signers.");
        }
        if (item.status() != WorkItem.Status.OPEN) {
            throw Problems.conflict("approval-closed", "This approval is already " + lower(item.status().name()) + ".");
        }
        List<String> add = request == null || request.add() == null ? List.of() : request.add();
        List<String> remove = request == null || request.remove() == null ? List.of() : request.remove();
        if (add.isEmpty() && remove.isEmpty()) {
            throw Problems.invalidFields("Say whom to add or remove.", List.of(new Problems.FieldError("add",
                    "A list of user names to add, or 'remove' with a list to remove.")));
        }
        Project project = projects.load(item.projectId(), actor);
        Template template = projects.templateOf(project);
        Stage stage = template.stage(item.stageKey()).orElseThrow();
        if (stage.gate().approval().mode() instanceof ApprovalMode.Sequential) {
            throw Problems.conflict("sequential-approval", "A sequential approval keeps its published order; "
                    + "signers can be added to any, all and quorum approvals.");
        }
        List<WorkItem> round = items.findByProjectIdAndStageKey(project.id(), stage.key()).stream()
                .filter(w -> w.kind() == WorkItem.Kind.APPROVAL && w.round() == item.round()).toList();
        List<Problems.FieldError> errors = new java.util.ArrayList<>();
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
        for (String user : add) {
            workflow.addApprover(project.id(), stage.key(), user);
            audit.record(project.workspaceId(), project.id(), actor.username(), "gate.signer-added", stage.key(), user);
        }
        for (String user : remove) {
            WorkItem theirs = round.stream().filter(w -> user.equals(w.assignee()) && w.status() == WorkItem.Status.OPEN)
                    .findFirst().orElseThrow();
            workflow.removeApprover(project.id(), stage.key(), user, theirs.engineTaskId());
            audit.record(project.workspaceId(), project.id(), actor.username(), "gate.signer-removed", stage.key(), user);
        }
        return project.id();
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
