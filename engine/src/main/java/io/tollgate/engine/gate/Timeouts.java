package io.tollgate.engine.gate;

import io.tollgate.engine.workflow.WorkflowEvents;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Acts on approval time-outs and waiver expiries the engine's job executor fires: in the job's transaction, so the
 * reminder or the system's decision commits exactly when the timer is done.
 */
@Component
class Timeouts {

    private final GateService gates;

    Timeouts(GateService gates) {
        this.gates = gates;
    }

    @EventListener
    void on(WorkflowEvents.WatchDue e) {
        if (e.kind().equals("waiver")) {
            gates.waiverDue(e.subjectId(), e.at());
        }
    }

    @EventListener
    void on(WorkflowEvents.ApprovalTimedOut e) {
        gates.timedOut(e.projectId(), e.stageKey());
    }
}
