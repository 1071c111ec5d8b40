package io.tollgate.modeler.model;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * ISO-8601 durations as templates write them. Days are taken as 24 hours and weeks as seven days, so
 * that P5D and PT120H mean the same SLA; years and months are refused because their length varies.
 */
public final class Durations {
    private Durations() {
    }

    public static Optional<Duration> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            Duration d = Duration.parse(text.trim());
            return d.isNegative() || d.isZero() ? Optional.empty() : Optional.of(d);
        } catch (DateTimeParseException e) {
            try {
                Period p = Period.parse(text.trim());
                if (p.getYears() != 0 || p.getMonths() != 0 || p.getDays() <= 0) {
                    return Optional.empty();
                }
                return Optional.of(Duration.ofDays(p.getDays()));
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }
}
