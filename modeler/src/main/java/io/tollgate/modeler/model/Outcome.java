package io.tollgate.modeler.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an approver may decide at a gate, in stage-gate terms: go (approve), conditional (approve
 * with conditions that someone must meet by a date), hold (pause the project), kill (cancel it) and
 * recycle (send it back for rework: reject, or send back to an earlier stage).
 */
public enum Outcome {
    GO, CONDITIONAL, HOLD, KILL, RECYCLE;

    /** What a gate offers when its template says nothing: today's approve, reject and send back. */
    public static final List<Outcome> DEFAULT = List.of(GO, RECYCLE);

    /** As templates spell it: go, conditional, hold, kill, recycle. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Outcome> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(o -> o.spelling().equals(t)).findFirst();
    }
}
