package io.tollgate.modeler.model;

/** One condition of a gate. */
public sealed interface Criterion {

    /** The field must have a value. */
    record FieldFilled(String field) implements Criterion {
    }

    /** Every task of the stage must be done. */
    record AllTasksDone() implements Criterion {
    }

    /** A Groovy boolean over the project's fields; {@code message} says what is wrong when it is false. */
    record Expression(String expression, String message) implements Criterion {
    }
}
