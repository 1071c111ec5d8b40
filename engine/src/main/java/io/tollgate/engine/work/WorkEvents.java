package io.tollgate.engine.work;

import java.time.Instant;

/** What people did with their work. */
public final class WorkEvents {
    private WorkEvents() {
    }

    /** Someone completed a task of a stage. */
    public record TaskCompleted(String workspaceId, String projectId, String stageKey, String taskKey, String name,
                                String user, Instant at) {
    }

    /** A task or an approval went from one person to another. */
    public record WorkDelegated(String workspaceId, String projectId, String stageKey, String itemKey, String from,
                                String to, Instant at) {
    }

    /** Who completed a task took it back (撤回) before the next step was acted on. */
    public record WorkWithdrawn(String workspaceId, String projectId, String stageKey, String itemKey, String name,
                                String user, Instant at, boolean approval) {
    }

    /** A user set (or changed) an absence: from, to, and who stands in. */
    public record AbsenceSet(String workspaceId, String user, Instant from, Instant to, String substitute, Instant at) {
    }

    /** A user ended their absence. */
    public record AbsenceEnded(String workspaceId, String user, String by, Instant at) {
    }

    /** Work for someone away went to their substitute (when it opened, or by a handover). */
    public record WorkSubstituted(String workspaceId, String projectId, String stageKey, String itemKey, String forUser,
                                  String substitute, Instant at) {
    }

    /** One task a project manager imported into a running project. */
    public record ImportedTask(String stageKey, String itemKey, String name, String assignee, String status,
                               Instant dueAt) {
    }

    /** A project manager imported tasks from a task list into a running project. */
    public record TasksImported(String workspaceId, String projectId, String importId, java.util.List<ImportedTask> tasks,
                                String user, Instant at) {
    }
}
