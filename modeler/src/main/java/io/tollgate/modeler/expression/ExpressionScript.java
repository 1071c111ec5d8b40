package io.tollgate.modeler.expression;

import java.io.File;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation;

import groovy.lang.Binding;
import groovy.lang.Script;

/**
 * Base class of every compiled expression. It is public only because the generated classes,
 * defined in their own class loader, must be able to extend it and call its helpers; nothing
 * outside this package should use it.
 *
 * <p>Every dynamic door {@link Script} opens (property lookup falling back to the meta class,
 * {@code invokeMethod}, {@code evaluate}) is shut here, in case anything ever reaches it despite
 * static compilation.
 */
public abstract class ExpressionScript extends Script {

    protected ExpressionScript() {
        super(new Binding());
    }

    protected ExpressionScript(Binding binding) {
        super(binding);
    }

    /** Read by the declarations the compiler puts before the expression. */
    protected final Object variableValue(String name) {
        return getBinding().getVariables().get(name);
    }

    @Override
    public Object getProperty(String property) {
        throw new ExpressionException("Unknown variable '" + property + "'");
    }

    @Override
    public void setProperty(String property, Object newValue) {
        throw new ExpressionException("Expressions cannot assign to '" + property + "'");
    }

    @Override
    public Object invokeMethod(String name, Object args) {
        throw new ExpressionException("Expressions cannot call '" + name + "'");
    }

    @Override
    public Object evaluate(String expression) {
        throw new ExpressionException("Expressions cannot evaluate other code");
    }

    @Override
    public Object evaluate(File file) {
        throw new ExpressionException("Expressions cannot evaluate other code");
    }

    @Override
    public void run(File file, String[] arguments) {
        throw new ExpressionException("Expressions cannot run other code");
    }

    /**
     * {@code text ==~ regex}, compiled to this instead of Groovy's own helper so that a
     * catastrophically backtracking pattern stops when the evaluation is cancelled: the matcher
     * reads the text through a sequence that notices the worker's interrupt.
     */
    public static boolean matchesRegex(Object text, Object regex) {
        if (text == null) {
            return false;
        }
        if (regex == null) {
            throw new ExpressionException("The pattern after ==~ has no value");
        }
        Pattern pattern;
        try {
            pattern = regex instanceof Pattern given ? given : Pattern.compile(regex.toString());
        } catch (PatternSyntaxException e) {
            throw new ExpressionException("Invalid pattern after ==~: " + e.getDescription());
        }
        return pattern.matcher(new InterruptibleText(text.toString())).matches();
    }

    /**
     * An ordering comparison where one side is known to be null and untyped, which the type
     * checker cannot handle; Groovy's rule is that null sorts before everything else.
     */
    public static Object compareNullable(Object left, String operator, Object right) {
        int order = left == right ? 0 : left == null ? -1 : right == null ? 1
                : DefaultTypeTransformation.compareTo(left, right);
        return switch (operator) {
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            case ">=" -> order >= 0;
            default -> order;
        };
    }

    /**
     * Wraps every operand and every result of a calculation ({@code + - * / %} and the arithmetic
     * and conversion methods of numbers): a number beyond {@link NumberBounds} is refused before
     * anything is computed with it, since big-number arithmetic cannot be interrupted.
     *
     * @param source the expression's own text for the value, for the message
     */
    public static <T> T bounded(T value, String source) {
        if (value instanceof Number && !NumberBounds.fits(value)) {
            throw new ExpressionException("'" + source + "' is a number too large or too precise to calculate with: "
                    + "expressions use numbers of " + NumberBounds.describe());
        }
        return value;
    }

    /**
     * Wraps text about to be read as a number ({@code toBigDecimal()}, {@code isNumber()}, ...):
     * parsing takes time quadratic in the digits, so text longer than any number within the bounds
     * is refused unread.
     *
     * @param source the expression's own text for the value, for the message
     */
    public static <T> T numberText(T value, String source) {
        if (value instanceof CharSequence text && text.length() > NumberBounds.MAX_TEXT) {
            throw new ExpressionException("'" + source + "' is too long to read as a number: numbers are written in at most "
                    + NumberBounds.MAX_TEXT + " characters");
        }
        return value;
    }

    /**
     * Stands in for a member access on a variable whose value is null, when the access is not
     * null-safe: Groovy would fail there too, this just says why in words.
     */
    public static Object noValue(String message) {
        throw new ExpressionException(message);
    }

    /** Thrown inside a regex match once the evaluation has been cancelled. */
    static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    private record InterruptibleText(String text) implements CharSequence {

        @Override
        public char charAt(int index) {
            if (Thread.currentThread().isInterrupted()) {
                throw new Cancelled();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new InterruptibleText(text.substring(start, end));
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
