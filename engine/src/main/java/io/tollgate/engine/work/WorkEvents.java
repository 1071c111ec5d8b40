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
}
