package io.tollgate.engine.insight;

import java.time.Instant;

/** What the insight feature concludes about projects, for the features that tell people. */
public final class InsightEvents {
    private InsightEvents() {
    }

    /**
     * A running project became likely to finish after its target date: the forecast's chance of
     * lateness passed the workspace's threshold. Raised once per project.
     */
    public record LateRiskRaised(String workspaceId, String projectId, double probabilityLate, double threshold,
                                 Instant targetAt, Instant p85At, Instant at) {
    }
}
