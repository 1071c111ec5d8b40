package io.tollgate.engine.gate;

import io.tollgate.engine.gate.internal.Decisions;
import io.tollgate.engine.gate.internal.Waivers;
import io.tollgate.engine.project.ProjectContext;
import io.tollgate.engine.project.ProjectView;
import io.tollgate.engine.project.ProjectViewParts;
import io.tollgate.engine.support.Problems;
import io.tollgate.engine.work.GateKeeper;
import io.tollgate.engine.work.WorkItem;
import io.tollgate.engine.work.WorkService;
import io.tollgate.modeler.model.FieldDef;
import io.tollgate.modeler.model.Stage;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The gate as the project view shows it (criteria met or not, decisions, who is still to decide),
 * and the gate's word when the last task of a stage without approval would pass it.
 */
@Component
class GateReadModel implements ProjectViewParts, GateKeeper {

    private final GateEvaluator gates;
    private final Decisions decisions;
    private final WorkService work;
    private final Rework rework;
    private final Waivers waivers;
    private final java.time.Clock clock;
    private final org.springframework.beans.factory.ObjectProvider<GateService> service;

    GateReadModel(GateEvaluator gates, Decisions decisions, WorkService work, Rework rework, Waivers waivers,
                  java.time.Clock clock, org.springframework.beans.factory.ObjectProvider<GateService> service) {
        this.service = service;
        this.waivers = waivers;
        this.clock = clock;
        this.gates = gates;
        this.decisions = decisions;
        this.work = work;
        this.rework = rework;
    }

    @Override
    public Map<String, ProjectView.GateView> gates(ProjectContext project) {
        Map<String, List<WorkItem>> items = work.itemsOf(project.id()).stream()
                .collect(Collectors.groupingBy(WorkItem::stageKey));
        Map<String, List<Decision>> decided = decisions.findByProjectIdOrderByDecidedAtAscIdAsc(project.id()).stream()
                .collect(Collectors.groupingBy(Decision::stageKey));
        Map<String, List<GateWaiver>> waived = waivers.findByProjectIdOrderByRequestedAtAscIdAsc(project.id()).stream()
                .collect(Collectors.groupingBy(GateWaiver::stageKey));
        java.time.Instant now = clock.instant();
        Map<String, ProjectView.GateView> out = new LinkedHashMap<>();
        for (Stage stage : project.template().stages()) {
            List<WorkItem> stageItems = items.getOrDefault(stage.key(), List.of());
            if (stage.gate() == null && stage.fields().stream().noneMatch(FieldDef::required)
                    && stageItems.stream().noneMatch(WorkItem::imported)) {
                continue;
            }
            ProjectView.ApprovalView approval = null;
            if (stage.gate() != null && stage.gate().approval() != null) {
                List<ProjectView.DecisionView> ds = decided.getOrDefault(stage.key(), List.of()).stream()
                        .map(d -> new ProjectView.DecisionView(d.username(), d.decision().spelling(), d.comment(),
                                d.decidedAt(), d.round(), d.workItemId())).toList();
                List<String> pending = stageItems.stream().filter(w -> w.kind() == WorkItem.Kind.APPROVAL
                        && w.status() == WorkItem.Status.OPEN).map(WorkItem::assignee).toList();
                approval = new ProjectView.ApprovalView(stage.gate().approval().mode().spelling(),
                        stage.gate().approval().approvers(), ds, pending);
            }
            List<ProjectView.WaiverView> ws = waived.getOrDefault(stage.key(), List.of()).stream()
                    .map(w -> new ProjectView.WaiverView(w.id(), w.criterion(), w.reason(), w.expiresAt(), w.statusAt(now),
                            w.requestedBy(), w.requestedAt(), w.decidedBy(), w.decidedAt(), w.comment())).toList();
            List<String> outcomes = stage.gate() == null ? List.of("go")
                    : stage.gate().outcomes().stream().map(io.tollgate.modeler.model.Outcome::spelling).toList();
            out.put(stage.key(), new ProjectView.GateView(
                    gates.evaluate(project, stage, project.fields(), stageItems, waived.getOrDefault(stage.key(), List.of())),
                    approval, outcomes, ws));
        }
        return out;
    }

    @Override
    public List<Problems.Unmet> unmetToPass(ProjectContext project, Stage stage, List<WorkItem> stageItems) {
        return gates.evaluate(project, stage, project.fields(), stageItems).stream()
                .filter(c -> !c.met() && !c.kind().equals("tasks"))
                .map(c -> new Problems.Unmet(c.kind(), c.key(), c.message())).toList();
    }

    @Override
    public boolean divertFinish(ProjectContext project, String stageKey) {
        return rework.resubmitIfWaiting(project, stageKey);
    }

    @Override
    public void withdrawDecision(ProjectContext project, WorkItem item, String user) {
        service.getObject().withdrawDecision(project, item, user);
    }
}
