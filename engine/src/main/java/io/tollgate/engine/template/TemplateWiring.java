package io.tollgate.engine.template;

import io.tollgate.modeler.expression.ExpressionSandbox;
import io.tollgate.modeler.validation.SandboxedExpressions;
import io.tollgate.modeler.validation.ValidationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One sandbox for the whole application: compiled expressions are cached in it. */
@Configuration
class TemplateWiring {

    @Bean
    ExpressionSandbox expressionSandbox() {
        return new ExpressionSandbox();
    }

    @Bean
    ValidationContext.ExpressionChecker expressionChecker(ExpressionSandbox sandbox) {
        return new SandboxedExpressions(sandbox);
    }
}
