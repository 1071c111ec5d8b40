package io.tollgate.engine.template;

import io.tollgate.modeler.expression.ExpressionSandbox;
import io.tollgate.modeler.validation.ValidationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashMap;
import java.util.Map;

/** One sandbox for the whole application: compiled expressions are cached in it. */
@Configuration
class TemplateWiring {

    @Bean
    ExpressionSandbox expressionSandbox() {
        return new ExpressionSandbox();
    }

    @Bean
    ValidationContext.ExpressionChecker expressionChecker(ExpressionSandbox sandbox) {
        return (expression, fields) -> {
            Map<String, Class<?>> types = new LinkedHashMap<>();
            fields.forEach((key, type) -> types.put(key, ExpressionTypesBridge.javaType(type)));
            return sandbox.check(expression, types);
        };
    }
}
