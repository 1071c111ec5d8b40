package io.tollgate.engine.workspace;

import java.time.Instant;

/** Workspaces coming into being. */
public final class WorkspaceEvents {
    private WorkspaceEvents() {
    }

    /** An admin created a workspace and became its first admin. */
    public record WorkspaceCreated(String workspaceId, String key, String name, String actor, Instant at) {
    }
}
