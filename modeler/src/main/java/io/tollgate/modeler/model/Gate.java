package io.tollgate.modeler.model;

import java.util.List;

/**
 * What closes a stage: criteria that must all hold, then an approval. {@code onReject} is the stage
 * a rejection sends the project back to (this stage when null); {@code resubmit} says whether the
 * project returns straight to this gate after a send-back or replays the stages in between.
 * {@code outcomes} are what its approvers may decide (go and recycle when left out);
 * {@code blockOnLapsedConditions} makes conditions of earlier conditional gos that are past their
 * due date and not met count as unmet criteria of this gate.
 */
public record Gate(List<Criterion> criteria, Approval approval, String onReject, Resubmit resubmit,
                   List<Outcome> outcomes, boolean blockOnLapsedConditions) {

    public Gate {
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
        resubmit = resubmit == null ? Resubmit.REPLAY : resubmit;
        outcomes = outcomes == null || outcomes.isEmpty() ? Outcome.DEFAULT : List.copyOf(outcomes);
    }

    public Gate(List<Criterion> criteria, Approval approval, String onReject, Resubmit resubmit) {
        this(criteria, approval, onReject, resubmit, null, false);
    }

    /** Whether approvers of this gate may decide this outcome. */
    public boolean offers(Outcome outcome) {
        return outcomes.contains(outcome);
    }

    public enum Resubmit { DIRECT, REPLAY }
}
