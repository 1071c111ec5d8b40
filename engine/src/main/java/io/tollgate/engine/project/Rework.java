package io.tollgate.engine.project;

import io.tollgate.engine.workflow.Workflow;
import io.tollgate.modeler.compiler.BpmnIds;
import io.tollgate.modeler.model.ApprovalMode;
import io.tollgate.modeler.model.Gate;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.Template;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Sending a project back to an earlier stage, and bringing it straight back to the gate that sent
 * it when the gate says {@code resubmit: direct}. With {@code replay}, every stage after the target
 * runs again; with {@code direct}, only the target does, and the stages in between stay done.
 */
@Service
@Transactional
public class Rework {

    private final ProjectStages stages;
    private final WorkItems items;
    private final Decisions decisions;
    private final Resubmissions resubmissions;
    private final Workflow workflow;

    Rework(ProjectStages stages, WorkItems items, Decisions decisions, Resubmissions resubmissions, Workflow workflow) {
        this.stages = stages;
        this.items = items;
        this.decisions = decisions;
        this.resubmissions = resubmissions;
        this.workflow = workflow;
    }

    /** Sends the project back from stage {@code from} to {@code target} (the same stage or one before it). */
    public void sendBack(Project project, Template template, String from, String target, String sender) {
        Stage fromStage = template.stage(from).orElseThrow();
        boolean direct = !target.equals(from) && fromStage.gate() != null
                && fromStage.gate().resubmit() == Gate.Resubmit.DIRECT;
        Instant now = Instant.now();
        if (direct) {
            workflow.sendBack(project.id(), Set.of(from), target);
            resubmissions.save(new Resubmission(UUID.randomUUID().toString(), project.id(), target, from, sender, now));
        } else {
            Set<String> later = template.stagesAfter(target);
            Set<String> affected = new LinkedHashSet<>();
            affected.add(target);
            affected.addAll(later);
            workflow.sendBack(project.id(), affected, target);
            for (String key : later) {
                stages.findByProjectIdAndStageKey(project.id(), key).ifPresent(ProjectStage::reset);
                items.findByProjectIdAndStageKey(project.id(), key).forEach(WorkItem::resetToWaiting);
            }
        }
        if (!target.equals(from)) {
            stages.findByProjectIdAndStageKey(project.id(), from).ifPresent(ProjectStage::sentBack);
        }
    }

    /**
     * Called just before the step that finishes {@code stageKey}. When a direct resubmission waits for
     * that stage, the project jumps straight into the waiting gate's approval, and this answers true:
     * the caller must not complete the step in the engine.
     */
    public boolean resubmitIfWaiting(Project project, Template template, String stageKey) {
        Resubmission waiting = resubmissions
                .findFirstByProjectIdAndTargetStageAndResolvedAtIsNullOrderByCreatedAtDesc(project.id(), stageKey)
                .orElse(null);
        if (waiting == null) {
            return false;
        }
        Stage gate = template.stage(waiting.returnStage()).orElseThrow();
        ProjectStage gateStage = stages.findByProjectIdAndStageKey(project.id(), gate.key()).orElseThrow();
        List<String> approvers = workflow.stringList(project.id(), BpmnIds.approversVariable(gate.key()));
        Set<String> approvedBefore = new LinkedHashSet<>();
        decisions.findByProjectIdAndStageKeyAndRound(project.id(), gate.key(), gateStage.round()).stream()
                .filter(d -> d.decision() == Decision.Kind.APPROVE).forEach(d -> approvedBefore.add(d.username()));
        List<String> next = new ArrayList<>();
        next.add(waiting.sender());
        if (gate.gate().approval().mode() instanceof ApprovalMode.Sequential) {
            int from = approvers.indexOf(waiting.sender());
            next.addAll(from < 0 ? List.of() : approvers.subList(from + 1, approvers.size()));
        } else {
            approvers.stream().filter(a -> !a.equals(waiting.sender()) && !approvedBefore.contains(a)).forEach(next::add);
        }
        int kept = gate.gate().approval().mode() instanceof ApprovalMode.Quorum ? approvedBefore.size() : 0;
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(BpmnIds.approversVariable(gate.key()), next);
        variables.put(BpmnIds.approvalsVariable(gate.key()), kept);
        variables.put(BpmnIds.rejectionsVariable(gate.key()), 0);
        variables.put(BpmnIds.keptVariable(gate.key()), kept);
        workflow.resubmitTo(project.id(), stageKey, gate.key(), variables);

        Instant now = Instant.now();
        stages.findByProjectIdAndStageKey(project.id(), stageKey).ifPresent(s -> s.complete(now));
        gateStage.resubmitted(kept);
        items.findByProjectIdAndStageKey(project.id(), gate.key()).stream()
                .filter(w -> w.kind() == WorkItem.Kind.APPROVAL && w.status() == WorkItem.Status.OPEN)
                .forEach(w -> w.moveToRound(gateStage.round()));
        waiting.resolve(now);
        return true;
    }
}
