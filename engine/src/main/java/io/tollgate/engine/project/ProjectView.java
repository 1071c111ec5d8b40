package io.tollgate.engine.project;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A project as the API shows it: its stages, their tasks and the state of each gate; {@code attachments}
 * describes the files its attachment fields hold, by attachment id.
 */
public record ProjectView(String id, String name, String template, int version, String status,
                          Map<String, Object> fields, Map<String, List<String>> roles, String health,
                          Instant createdAt, String createdBy, Instant completedAt, String cancelReason,
                          List<StageView> stages, Hold hold, List<ConditionView> conditions,
                          Map<String, io.tollgate.engine.attachment.FileRef> attachments) {

    /** Where and since when a project on hold stands still. */
    public record Hold(String stageKey, String by, Instant since) {
    }

    /** A condition of a conditional go: open, met or lapsed. */
    public record ConditionView(String id, String stageKey, String text, String owner, Instant dueAt, String status,
                                String createdBy, Instant createdAt, Instant metAt, String metBy) {
    }

    public record StageView(String key, String name, String status, Instant startedAt, Instant dueAt,
                            Instant completedAt, int reworkCount, Instant overdueAt, Instant escalatedAt,
                            List<TaskView> tasks, GateView gate) {
    }

    public record TaskView(String id, String key, String name, String assignee, List<String> candidates,
                           String status, Instant dueAt, Instant completedAt, String completedBy, String onBehalfOf,
                           boolean imported) {
    }

    public record GateView(List<CriterionView> criteria, ApprovalView approval, List<String> outcomes,
                           List<WaiverView> waivers) {
    }

    /** A request to count one criterion as met until it expires: requested, granted, refused or lapsed. */
    public record WaiverView(String id, String criterion, String reason, Instant expiresAt, String status,
                             String requestedBy, Instant requestedAt, String decidedBy, Instant decidedAt, String comment) {
    }

    public record CriterionView(String kind, String key, String message, boolean met) {
    }

    public record ApprovalView(String mode, List<String> approvers, List<DecisionView> decisions,
                               List<String> pending) {
    }

    public record DecisionView(String user, String decision, String comment, Instant at, int round, String itemId) {
    }

    /** A line of the project list. */
    public record Summary(String id, String name, String template, int version, String status, String health,
                          Instant createdAt, String currentStages) {
    }
}
