package io.tollgate.modeler.validation;

import io.tollgate.modeler.model.FieldType;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What validation needs to know beyond the template itself.
 *
 * @param enabledModules modules switched on in the publishing workspace; null skips that check
 * @param expressions    checks a Groovy expression against the declared field types
 */
public record ValidationContext(Set<String> enabledModules, ExpressionChecker expressions) {

    /** The modules Tollgate knows. */
    public static final Set<String> KNOWN_MODULES = Set.of("timesheets", "budget", "risks", "checkin", "releases");

    /** Compiles and type-checks one expression; answers every problem as a message, none when fine. */
    @FunctionalInterface
    public interface ExpressionChecker {
        List<String> check(String expression, Map<String, FieldType> fields);
    }

    public static ValidationContext standalone(ExpressionChecker expressions) {
        return new ValidationContext(null, expressions);
    }
}
