package io.tollgate.engine.migration;

import java.time.Instant;
import java.util.Map;

/** What template migrations did to projects. */
public final class MigrationEvents {
    private MigrationEvents() {
    }

    /** A project moved to another version of its template. */
    public record ProjectMigrated(String workspaceId, String projectId, String actor, String templateKey,
                                  int fromVersion, int toVersion, Map<String, String> fieldRenames,
                                  Map<String, String> stageRenames, Instant at) {
    }
}
