package io.tollgate.engine.gate;

import io.tollgate.engine.project.ProjectView;
import io.tollgate.engine.work.WorkItem;

import io.tollgate.modeler.expression.ExpressionException;
import io.tollgate.modeler.expression.ExpressionSandbox;
import io.tollgate.modeler.model.Criterion;
import io.tollgate.modeler.model.FieldDef;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.Template;
import io.tollgate.modeler.validation.FieldValues;
import io.tollgate.modeler.validation.SandboxedExpressions;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Evaluates a gate's criteria in one pass: required stage fields, the criteria the template names,
 * and expressions in the sandbox. The same answer feeds the project page and the 409 on approval.
 */
@Component
class GateEvaluator {

    private final ExpressionSandbox sandbox;

    GateEvaluator(ExpressionSandbox sandbox) {
        this.sandbox = sandbox;
    }

    List<ProjectView.CriterionView> evaluate(Template template, Stage stage, Map<String, Object> fields,
                                                    List<WorkItem> stageItems) {
        List<ProjectView.CriterionView> out = new ArrayList<>();
        Set<String> explicitFields = stage.gate() == null ? Set.of() : stage.gate().criteria().stream()
                .filter(c -> c instanceof Criterion.FieldFilled).map(c -> ((Criterion.FieldFilled) c).field())
                .collect(Collectors.toSet());
        for (FieldDef f : stage.fields()) {
            if (f.required() && !explicitFields.contains(f.key())) {
                out.add(field(template, f.key(), fields));
            }
        }
        if (stage.gate() == null) {
            return out;
        }
        int index = 0;
        for (Criterion c : stage.gate().criteria()) {
            if (c instanceof Criterion.FieldFilled ff) {
                out.add(field(template, ff.field(), fields));
            } else if (c instanceof Criterion.AllTasksDone) {
                List<String> open = stageItems.stream()
                        .filter(w -> w.kind() == WorkItem.Kind.TASK && w.status() != WorkItem.Status.DONE)
                        .map(WorkItem::name).toList();
                out.add(new ProjectView.CriterionView("tasks", "tasks", open.isEmpty() ? "All tasks are done."
                        : "Tasks not done: " + String.join(", ", open) + ".", open.isEmpty()));
            } else if (c instanceof Criterion.Expression e) {
                boolean met;
                String message = e.message();
                try {
                    met = sandbox.test(e.expression(), SandboxedExpressions.types(template.fieldTypes()), FieldValues.forExpressions(template, fields));
                } catch (ExpressionException ex) {
                    met = false;
                    message = e.message() + " (" + ex.getMessage() + ")";
                } catch (RuntimeException ex) {
                    // a value the expression cannot read, e.g. a malformed date: say so, never the exception
                    met = false;
                    message = e.message() + " (it cannot be evaluated with the current values)";
                }
                out.add(new ProjectView.CriterionView("expression", "expression" + index, message, met));
            } else {
                throw new IllegalStateException("Unknown criterion " + c);
            }
            index++;
        }
        return out;
    }

    private static ProjectView.CriterionView field(Template template, String key, Map<String, Object> fields) {
        String label = template.field(key).map(FieldDef::label).orElse(key);
        boolean met = !FieldValues.isEmpty(fields.get(key));
        return new ProjectView.CriterionView("field", key, met ? label + " is filled." : label + " must be filled.", met);
    }
}
