package io.tollgate.engine.project;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A first health signal from the schedule: green on time, yellow when a running stage is past its
 * due date, red when its SLA escalated, it is late by more than a fifth of its planned length, or it
 * was reworked twice, or a condition of a conditional go lapsed (past its due date, not met).
 */
final class Health {
    private Health() {
    }

    static String of(Project project, List<ProjectStage> stages, Instant now, boolean lapsedCondition) {
        if (!project.active() && project.status() != Project.Status.ON_HOLD) {
            return "green";
        }
        if (lapsedCondition) {
            return "red";
        }
        if (project.heldAt() != null) {
            // a held project's clocks stand still where it was held
            now = project.heldAt();
        }
        String health = "green";
        for (ProjectStage s : stages) {
            boolean running = s.status() == ProjectStage.Status.ACTIVE || s.status() == ProjectStage.Status.APPROVAL
                    || s.status() == ProjectStage.Status.SENT_BACK;
            if (!running) {
                continue;
            }
            if (s.reworkCount() >= 2 || s.escalatedAt() != null) {
                return "red";
            }
            if (s.overdueAt() != null) {
                health = "yellow";
            }
            if (s.dueAt() != null && now.isAfter(s.dueAt())) {
                Duration plan = s.startedAt() == null ? Duration.ZERO : Duration.between(s.startedAt(), s.dueAt());
                if (Duration.between(s.dueAt(), now).compareTo(plan.dividedBy(5)) > 0) {
                    return "red";
                }
                health = "yellow";
            }
        }
        return health;
    }
}
