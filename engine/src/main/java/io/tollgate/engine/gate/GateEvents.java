package io.tollgate.engine.gate;

import java.time.Instant;

/** What approvers did at gates. */
public final class GateEvents {
    private GateEvents() {
    }

    /** An approver decided: approve, reject or send_back, with a comment where one was given. */
    public record GateDecided(String workspaceId, String projectId, String stageKey, int round, String user,
                              String decision, String comment, Instant at) {
    }

    /** An approver added a signer to a running approval (加签). */
    public record SignerAdded(String workspaceId, String projectId, String stageKey, String by, String signer,
                              Instant at) {
    }

    /** An approver removed a signer who had not decided (减签). */
    public record SignerRemoved(String workspaceId, String projectId, String stageKey, String by, String signer,
                                Instant at) {
    }
}
