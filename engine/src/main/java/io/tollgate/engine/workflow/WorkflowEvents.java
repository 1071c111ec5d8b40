package io.tollgate.engine.workflow;

import java.time.Instant;

/** What the engine did, in Tollgate's words. Published synchronously inside the engine's transaction. */
public final class WorkflowEvents {
    private WorkflowEvents() {
    }

    /** A stage's sub-process started (first time, or again after a send-back). */
    public record StageStarted(String projectId, String stageKey, Instant at) {
    }

    /** Work in a stage (re)starts: on entry and after every rejection that loops back into it. */
    public record StageEntered(String projectId, String stageKey, Instant at) {
    }

    /** A stage's sub-process finished: its gate passed. */
    public record StageCompleted(String projectId, String stageKey, Instant at) {
    }

    /** A stage's sub-process was cancelled, e.g. because the project was sent back before it. */
    public record StageCancelled(String projectId, String stageKey, Instant at) {
    }

    /** A stage's {@code when} condition was false. */
    public record StageSkipped(String projectId, String stageKey, Instant at) {
    }

    /** A user task was created: a task of a stage ({@code taskKey} set) or one approver's approval. */
    public record TaskCreated(String projectId, String stageKey, String taskKey, String engineTaskId,
                              String assignee, Instant at) {
        public boolean approval() {
            return taskKey == null;
        }
    }

    /** A user task got an assignee after it was created. */
    public record TaskAssigned(String engineTaskId, String assignee) {
    }

    /** A user task ended: completed by someone, or removed by the engine (quorum reached, sent back). */
    public record TaskEnded(String projectId, String engineTaskId, boolean completed, Instant at) {
    }

    /** A stage passed its due date while still running. */
    public record StageOverdue(String projectId, String stageKey, Instant at) {
    }

    /** A stage is late by more than its alertAfter: the alert escalates. */
    public record StageEscalated(String projectId, String stageKey, Instant at) {
    }

    /** The process reached its end. */
    public record ProjectFinished(String projectId, Instant at) {
    }

    /** Nobody decided a stage's approval in time: its timeout (remind, approve or reject) fired. */
    public record ApprovalTimedOut(String projectId, String stageKey, Instant at) {
    }

    /** A watched date came: {@code kind} (condition, waiver) {@code subjectId} is due now. */
    public record WatchDue(String kind, String subjectId, Instant at) {
    }
}
