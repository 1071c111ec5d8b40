package io.tollgate.engine.module;

import java.time.Instant;

/** Module switches. */
public final class ModuleEvents {
    private ModuleEvents() {
    }

    /** An admin switched a module on or off in a workspace. */
    public record ModuleSwitched(String workspaceId, String module, boolean enabled, String actor, Instant at) {
    }
}
