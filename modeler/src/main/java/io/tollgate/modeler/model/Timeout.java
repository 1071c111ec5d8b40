package io.tollgate.modeler.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What happens when nobody decides an approval in time: after {@code after} (an ISO-8601 duration)
 * the approvers are reminded ({@code repeat} times at that interval), or the approval is approved
 * or rejected in the name of the system.
 */
public record Timeout(String after, Action action, Integer repeat) {

    /** Most reminders a timeout may send. */
    public static final int MAX_REPEAT = 10;

    public enum Action {
        REMIND, APPROVE, REJECT;

        public String spelling() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Action> parse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            String t = text.trim().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(a -> a.spelling().equals(t)).findFirst();
        }
    }

    /** How many times a reminder fires: once unless {@code repeat} says more. */
    public int times() {
        return repeat == null ? 1 : repeat;
    }
}
