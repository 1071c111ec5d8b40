package io.tollgate.engine.workflow;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.modeler.compiler.BpmnIds;
import io.tollgate.modeler.expression.ExpressionSandbox;
import io.tollgate.modeler.model.Template;
import io.tollgate.modeler.store.TemplateStore;
import io.tollgate.modeler.validation.FieldValues;
import io.tollgate.modeler.validation.SandboxedExpressions;
import org.flowable.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * The bean compiled BPMN calls as {@link BpmnIds#EXPRESSIONS_BEAN} for a stage's {@code when}: it evaluates the
 * template's Groovy condition in the sandbox over the project's field values. A condition that
 * cannot be evaluated does not skip the stage: doing the work is the safe side.
 */
@Component(BpmnIds.EXPRESSIONS_BEAN)
public class ExpressionConditions {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final ExpressionSandbox sandbox;
    private final TemplateStore templates;

    ExpressionConditions(ExpressionSandbox sandbox, TemplateStore templates) {
        this.sandbox = sandbox;
        this.templates = templates;
    }

    public boolean when(DelegateExecution execution, String stageKey) {
        // by the definition id itself: it also finds versions deployed before workspaces were tenants
        Template template = templates.publishedAs(execution.getProcessDefinitionId()).template();
        String expression = template.stage(stageKey).map(s -> s.when()).orElse(null);
        if (expression == null) {
            return true;
        }
        try {
            return sandbox.test(expression, SandboxedExpressions.types(template.fieldTypes()),
                    values(template, (String) execution.getVariable(BpmnIds.FIELDS_VARIABLE)));
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static Map<String, Object> values(Template template, String json) {
        Map<String, Object> stored;
        try {
            stored = json == null ? Map.of() : JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            stored = Map.of();
        }
        return FieldValues.forExpressions(template, stored);
    }
}
