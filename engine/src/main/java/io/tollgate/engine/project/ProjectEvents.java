package io.tollgate.engine.project;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What happened to projects and their stages. Published in the transaction of the change; audit
 * records them there, and features that react later listen after commit through the event
 * publication registry.
 */
public final class ProjectEvents {
    private ProjectEvents() {
    }

    /** A project started on a template version. */
    public record ProjectCreated(String workspaceId, String projectId, String name, String templateKey,
                                 int templateVersion, Map<String, List<String>> roles, String createdBy, Instant at) {
    }

    /** Field values changed: by editing the project, or with a task's completion. */
    public record FieldsChanged(String workspaceId, String projectId, String actor, boolean byTask,
                                Map<String, Object> before, Map<String, Object> after, Instant at) {
    }

    /** Someone cancelled the project. */
    public record ProjectCancelled(String workspaceId, String projectId, String name, String reason, String actor,
                                   Instant at) {
    }

    /** The last gate passed. */
    public record ProjectCompleted(String workspaceId, String projectId, Instant at) {
    }

    /** A stage started its first round, or started again when the project came back to it. */
    public record StageStarted(String workspaceId, String projectId, String stageKey, int round, Instant dueAt,
                               Instant at) {
    }

    /** A gate rejected or sent the stage's work back into itself: a new round of the same stage. */
    public record StageReworked(String workspaceId, String projectId, String stageKey, int round, int reworkCount,
                                Instant at) {
    }

    /** The stage's gate passed. */
    public record StageCompleted(String workspaceId, String projectId, String stageKey, Instant at) {
    }

    /** The stage's {@code when} was false. */
    public record StageSkipped(String workspaceId, String projectId, String stageKey, Instant at) {
    }

    /** The stage passed its due date while still running. */
    public record StageOverdue(String workspaceId, String projectId, String stageKey, Instant dueAt, Instant at) {
    }

    /** The stage is late by more than its alertAfter: the alert escalates. */
    public record StageEscalated(String workspaceId, String projectId, String stageKey, Instant dueAt, Instant at) {
    }

    /** An approver put the project on hold at a stage's gate. */
    public record ProjectHeld(String workspaceId, String projectId, String stageKey, String reason, String by,
                              Instant at) {
    }

    /** A held project goes on; its due dates moved later by {@code held}. */
    public record ProjectResumed(String workspaceId, String projectId, String stageKey, java.time.Duration held,
                                 String by, Instant at) {
    }

    /** An approver killed the project at a stage's gate (it is cancelled as well). */
    public record ProjectKilled(String workspaceId, String projectId, String stageKey, String reason, String by,
                                Instant at) {
    }

    /** A conditional go added a condition for its owner to meet by its due date. */
    public record ConditionAdded(String workspaceId, String projectId, String stageKey, String conditionId, String text,
                                 String owner, Instant dueAt, String by, Instant at) {
    }

    /** A condition was marked met ({@code late} when it had lapsed first). */
    public record ConditionMet(String workspaceId, String projectId, String stageKey, String conditionId, String text,
                               String by, boolean late, Instant at) {
    }

    /** A condition's due date passed while it was open: it lapsed, and the project's health is red. */
    public record ConditionLapsed(String workspaceId, String projectId, String stageKey, String conditionId, String text,
                                  String owner, Instant dueAt, Instant at) {
    }

    /**
     * Finished projects brought over from an earlier tool, written in one transaction: their stages'
     * and their work's times, so forecasts and dashboards have a history from the first day.
     */
    public record HistoryImported(String workspaceId, String by, Instant at, List<ImportedProject> projects) {
    }

    /** One imported project: how it ended, its stages in template order and the work its people did. */
    public record ImportedProject(String projectId, String templateKey, int templateVersion, String name,
                                  String status, Instant createdAt, Instant completedAt, int reworkCount,
                                  List<ImportedStage> stages, List<ImportedWork> work) {
    }

    /** A stage of an imported project: {@code done} or {@code skipped}. */
    public record ImportedStage(String stageKey, String name, int seq, String status, Instant startedAt,
                                Instant dueAt, Instant completedAt, int rounds, int reworkCount) {
    }

    /** A piece of work done in an imported project: a task or an approval, by whom, from when it opened. */
    public record ImportedWork(String stageKey, boolean approval, String itemKey, String name, String user,
                               Instant openedAt, Instant completedAt) {
    }
}
