package io.tollgate.engine.insight;

import io.tollgate.engine.support.Problems;

import java.util.ArrayList;
import java.util.List;

/**
 * A workspace's insight settings: the health score's weights and thresholds, and the chance of
 * finishing late above which a running project raises an alert (0.7 unless set).
 */
public record InsightSettings(HealthScore.Settings health, double lateAlertThreshold) {

    /** No weight may take more than this many points off. */
    static final double MAX_POINTS = 1000;

    public static InsightSettings defaults() {
        return new InsightSettings(HealthScore.Settings.defaults(), 0.7);
    }

    /** Checks every value, answering 400 with each problem. */
    InsightSettings checked() {
        List<Problems.FieldError> errors = new ArrayList<>();
        if (health == null) {
            errors.add(new Problems.FieldError("health", "The health score's weights are required."));
        } else {
            points(errors, "health.pointsPerDayLate", health.pointsPerDayLate());
            points(errors, "health.maxSchedulePoints", health.maxSchedulePoints());
            points(errors, "health.pointsPerOverrunPercent", health.pointsPerOverrunPercent());
            points(errors, "health.maxBudgetPoints", health.maxBudgetPoints());
            points(errors, "health.pointsPerRework", health.pointsPerRework());
            points(errors, "health.maxReworkPoints", health.maxReworkPoints());
            points(errors, "health.pointsPerLapsedCondition", health.pointsPerLapsedCondition());
            if (health.yellowBelow() < 1 || health.yellowBelow() > 100) {
                errors.add(new Problems.FieldError("health.yellowBelow", "Between 1 and 100."));
            }
            if (health.redBelow() < 0 || health.redBelow() > health.yellowBelow()) {
                errors.add(new Problems.FieldError("health.redBelow", "Between 0 and yellowBelow."));
            }
        }
        if (!(lateAlertThreshold > 0 && lateAlertThreshold < 1)) {
            errors.add(new Problems.FieldError("lateAlertThreshold", "A chance between 0 and 1, both excluded (0.7 is 70%)."));
        }
        if (!errors.isEmpty()) {
            throw Problems.invalidFields("The insight settings have " + errors.size() + " problem(s).", errors);
        }
        return this;
    }

    private static void points(List<Problems.FieldError> errors, String field, double value) {
        if (!(value >= 0 && value <= MAX_POINTS)) {
            errors.add(new Problems.FieldError(field, "Between 0 and " + (int) MAX_POINTS + " points."));
        }
    }
}
