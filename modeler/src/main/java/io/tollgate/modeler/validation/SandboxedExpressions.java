package io.tollgate.modeler.validation;

import io.tollgate.modeler.expression.ExpressionSandbox;
import io.tollgate.modeler.expression.ExpressionTypes;
import io.tollgate.modeler.model.FieldType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks template expressions in the Groovy sandbox, with each field typed as expressions see it. */
public final class SandboxedExpressions implements ValidationContext.ExpressionChecker {

    private final ExpressionSandbox sandbox;

    public SandboxedExpressions(ExpressionSandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public List<String> check(String expression, Map<String, FieldType> fields) {
        return sandbox.check(expression, types(fields));
    }

    /** The Java type of each field, for checking and for evaluating with the same types. */
    public static Map<String, Class<?>> types(Map<String, FieldType> fields) {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        fields.forEach((key, type) -> types.put(key, ExpressionTypes.forFieldType(type.spelling())));
        return types;
    }
}
