package io.tollgate.modeler.expression;

import java.util.List;

/**
 * Thrown when an expression cannot be evaluated: it was refused, took too long, or failed while
 * running. The message is meant for a process admin and never contains stack trace text.
 */
public class ExpressionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ExpressionException(String message) {
        this(message, List.of(), null);
    }

    public ExpressionException(String message, Throwable cause) {
        this(message, List.of(), cause);
    }

    /** An expression refused before it ran; {@code problems} are the individual reasons. */
    public ExpressionException(String message, List<String> problems) {
        this(message, problems, null);
    }

    private ExpressionException(String message, List<String> problems, Throwable cause) {
        super(message, cause);
        this.problems = List.copyOf(problems);
    }

    /** The individual reasons an expression was refused; empty when it failed while running. */
    public List<String> problems() {
        return problems;
    }
}
