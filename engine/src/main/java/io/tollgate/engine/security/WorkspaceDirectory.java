package io.tollgate.engine.security;

import java.util.Optional;

/**
 * Finds workspaces for the security feature, which names them by key in requests and answers them
 * with their names; the workspace feature, which owns them, implements it.
 */
public interface WorkspaceDirectory {

    /** A workspace as people see it. */
    record WorkspaceRef(String id, String key, String name) {
    }

    Optional<WorkspaceRef> byKey(String key);

    Optional<WorkspaceRef> byId(String id);
}
