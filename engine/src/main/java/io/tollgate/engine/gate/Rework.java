package io.tollgate.engine.gate;

import io.tollgate.engine.gate.internal.Decisions;
import io.tollgate.engine.gate.internal.Resubmissions;
import io.tollgate.engine.project.ProjectContext;
import io.tollgate.engine.project.ProjectStage;
import io.tollgate.engine.project.StageService;
import io.tollgate.engine.work.WorkService;
import io.tollgate.engine.workflow.Workflow;
import io.tollgate.modeler.model.ApprovalMode;
import io.tollgate.modeler.model.Gate;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.Template;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Sending a project back to an earlier stage, and bringing it straight back to the gate that sent
 * it when the gate says {@code resubmit: direct}. With {@code replay}, every stage after the target
 * runs again; with {@code direct}, only the target does, and the stages in between stay done.
 */
@Component
class Rework {

    private final StageService stages;
    private final WorkService work;
    private final Decisions decisions;
    private final Resubmissions resubmissions;
    private final Workflow workflow;
    private final Clock clock;

    Rework(StageService stages, WorkService work, Decisions decisions, Resubmissions resubmissions, Workflow workflow,
           Clock clock) {
        this.stages = stages;
        this.work = work;
        this.decisions = decisions;
        this.resubmissions = resubmissions;
        this.workflow = workflow;
        this.clock = clock;
    }

    /** Sends the project back from stage {@code from} to {@code target} (the same stage or one before it). */
    void sendBack(ProjectContext project, String from, String target, String sender) {
        Template template = project.template();
        Stage fromStage = template.stage(from).orElseThrow();
        boolean direct = !target.equals(from) && fromStage.gate() != null
                && fromStage.gate().resubmit() == Gate.Resubmit.DIRECT;
        if (direct) {
            workflow.sendBack(project.id(), Set.of(from), target);
            resubmissions.save(new Resubmission(UUID.randomUUID().toString(), project.id(), target, from, sender,
                    clock.instant()));
        } else {
            Set<String> later = template.stagesAfter(target);
            Set<String> affected = new LinkedHashSet<>();
            affected.add(target);
            affected.addAll(later);
            workflow.sendBack(project.id(), affected, target);
            for (String key : later) {
                stages.reset(project.id(), key);
                work.restartStage(project.id(), key);
            }
        }
        if (!target.equals(from)) {
            stages.sentBack(project.id(), from);
        }
    }

    /**
     * Called just before the step that finishes {@code stageKey}. When a direct resubmission waits for
     * that stage, the project jumps straight into the waiting gate's approval, and this answers true:
     * the caller must not complete the step in the engine.
     */
    boolean resubmitIfWaiting(ProjectContext project, String stageKey) {
        Resubmission waiting = resubmissions
                .findFirstByProjectIdAndTargetStageAndResolvedAtIsNullOrderByCreatedAtDesc(project.id(), stageKey)
                .orElse(null);
        if (waiting == null) {
            return false;
        }
        Stage gate = project.template().stage(waiting.returnStage()).orElseThrow();
        ProjectStage gateStage = stages.stage(project.id(), gate.key());
        List<String> approvers = workflow.approvers(project.id(), gate.key());
        Set<String> approvedBefore = new LinkedHashSet<>();
        decisions.findByProjectIdAndStageKeyAndRound(project.id(), gate.key(), gateStage.round()).stream()
                .filter(d -> d.decision() == Decision.Kind.APPROVE).forEach(d -> approvedBefore.add(d.username()));
        List<String> next = new ArrayList<>();
        next.add(waiting.sender());
        ApprovalMode mode = gate.gate().approval().mode();
        if (mode.sequential()) {
            int from = approvers.indexOf(waiting.sender());
            next.addAll(from < 0 ? List.of() : approvers.subList(from + 1, approvers.size()));
        } else {
            approvers.stream().filter(a -> !a.equals(waiting.sender()) && !approvedBefore.contains(a)).forEach(next::add);
        }
        // a quorum keeps counting the approvals already given; any, all and sequential ask again
        int kept = mode instanceof ApprovalMode.Quorum ? approvedBefore.size() : 0;
        workflow.resubmitTo(project.id(), stageKey, gate.key(), next, kept);

        stages.finishForResubmission(project.id(), stageKey);
        stages.resubmitted(gateStage, kept);
        work.moveOpenApprovals(project.id(), gate.key(), gateStage.round());
        waiting.resolve(clock.instant());
        return true;
    }
}
