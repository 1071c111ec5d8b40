package io.tollgate.engine.gate;

import java.time.Instant;
import java.util.List;

/** What approvers did at gates. */
public final class GateEvents {
    private GateEvents() {
    }

    /**
     * An approver decided: approve, conditional, hold, kill, reject or send_back, with a comment where
     * one was given; {@link #outcome()} names it in stage-gate terms.
     */
    public record GateDecided(String workspaceId, String projectId, String stageKey, int round, String user,
                              String decision, String comment, Instant at) {

        /** go, conditional, hold, kill or recycle. */
        public String outcome() {
            return switch (decision) {
                case "approve" -> "go";
                case "reject", "send_back" -> "recycle";
                default -> decision;
            };
        }
    }

    /** A project manager asked to count a criterion of a gate as met until {@code expiresAt}. */
    public record WaiverRequested(String workspaceId, String projectId, String stageKey, String waiverId,
                                  String criterion, String reason, Instant expiresAt, String by, Instant at) {
    }

    /** An approver of the gate granted a waiver: the criterion counts as met until it expires. */
    public record WaiverGranted(String workspaceId, String projectId, String stageKey, String waiverId,
                                String criterion, Instant expiresAt, String by, String comment, Instant at) {
    }

    /** An approver of the gate refused a waiver. */
    public record WaiverRefused(String workspaceId, String projectId, String stageKey, String waiverId,
                                String criterion, String by, String comment, Instant at) {
    }

    /** An approver added a signer to a running approval (加签). */
    public record SignerAdded(String workspaceId, String projectId, String stageKey, String by, String signer,
                              Instant at) {
    }

    /** An approver removed a signer who had not decided (减签). */
    public record SignerRemoved(String workspaceId, String projectId, String stageKey, String by, String signer,
                                Instant at) {
    }

    /**
     * Nobody decided an approval in time and its timeout fired: {@code action} is remind, approve or
     * reject; {@code pending} who had yet to decide; {@code message} what happened, in words.
     */
    public record TimeoutFired(String workspaceId, String projectId, String stageKey, String action, List<String> pending,
                               String message, Instant at) {
    }

    /** A granted waiver expired: its criterion counts on its own again. */
    public record WaiverLapsed(String workspaceId, String projectId, String stageKey, String waiverId, String criterion,
                               Instant expiresAt, Instant at) {
    }
}
