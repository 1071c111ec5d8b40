package io.tollgate.modeler.model;

import java.util.List;

/**
 * What closes a stage: criteria that must all hold, then an approval. {@code onReject} is the stage
 * a rejection sends the project back to (this stage when null); {@code resubmit} says whether the
 * project returns straight to this gate after a send-back or replays the stages in between.
 */
public record Gate(List<Criterion> criteria, Approval approval, String onReject, Resubmit resubmit) {

    public Gate {
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
        resubmit = resubmit == null ? Resubmit.REPLAY : resubmit;
    }

    public enum Resubmit { DIRECT, REPLAY }
}
