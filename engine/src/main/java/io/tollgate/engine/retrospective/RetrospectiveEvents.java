package io.tollgate.engine.retrospective;

import java.time.Instant;

/** What happened to retrospectives. */
public final class RetrospectiveEvents {
    private RetrospectiveEvents() {
    }

    /** A project's manager recorded its retrospective ({@code revised}: changed one recorded before). */
    public record RetrospectiveRecorded(String workspaceId, String projectId, String retrospectiveId, String by,
                                        boolean revised, int stageNotes, Instant at) {
    }
}
