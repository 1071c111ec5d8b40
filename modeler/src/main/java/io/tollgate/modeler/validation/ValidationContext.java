package io.tollgate.modeler.validation;

import io.tollgate.modeler.model.FieldType;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What validation needs to know beyond the template itself.
 *
 * @param knownModules   modules that exist where the template runs; null means {@link #DEFAULT_MODULES}
 * @param enabledModules modules switched on in the publishing workspace; null skips that check
 * @param expressions    checks a Groovy expression against the declared field types; null skips that check
 * @param knownUser      whether a user name exists in the publishing workspace; null accepts every name
 */
public record ValidationContext(Set<String> knownModules, Set<String> enabledModules, ExpressionChecker expressions,
                                Predicate<String> knownUser) {

    /** The modules Tollgate ships with, for a runtime that does not say which it has. */
    public static final Set<String> DEFAULT_MODULES = Set.of("timesheets", "budget", "risks", "checkin", "releases");

    public ValidationContext {
        knownModules = knownModules == null ? DEFAULT_MODULES : Set.copyOf(knownModules);
        knownUser = knownUser == null ? name -> true : knownUser;
    }

    /** A context that accepts every user name. */
    public ValidationContext(Set<String> knownModules, Set<String> enabledModules, ExpressionChecker expressions) {
        this(knownModules, enabledModules, expressions, null);
    }

    /** A context for the default modules. */
    public ValidationContext(Set<String> enabledModules, ExpressionChecker expressions) {
        this(null, enabledModules, expressions);
    }

    /** Compiles and type-checks one expression; answers every problem as a message, none when fine. */
    @FunctionalInterface
    public interface ExpressionChecker {
        List<String> check(String expression, Map<String, FieldType> fields);
    }

    /** Outside any workspace: the default modules, none required to be switched on. */
    public static ValidationContext standalone(ExpressionChecker expressions) {
        return new ValidationContext(null, null, expressions);
    }
}
