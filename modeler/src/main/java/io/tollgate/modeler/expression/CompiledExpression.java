package io.tollgate.modeler.expression;

import java.lang.reflect.Constructor;
import java.util.List;

import groovy.lang.Binding;

/**
 * The outcome of compiling one expression for one set of variable types: either the problems
 * that refused it, or the script's constructor and what the type checker says it evaluates to.
 * Refusals are cached too, so a bad expression evaluated repeatedly is refused cheaply.
 */
record CompiledExpression(List<String> problems, Constructor<? extends ExpressionScript> constructor,
                          String resultType, boolean condition) {

    static CompiledExpression refused(List<String> problems) {
        return new CompiledExpression(List.copyOf(problems), null, null, false);
    }

    boolean isRefused() {
        return constructor == null;
    }

    ExpressionScript newScript(Binding binding) throws ReflectiveOperationException {
        return constructor.newInstance(binding);
    }
}
