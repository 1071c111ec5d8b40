package io.tollgate.modeler.validation;

import io.tollgate.modeler.model.Criterion;
import io.tollgate.modeler.model.FieldType;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.Template;

import java.util.List;
import java.util.Map;

/** Groovy expressions compile in the sandbox and use only declared fields, with their declared types. */
final class ExpressionRule implements Rule {

    @Override
    public void check(Template t, ValidationContext context, List<Problem> problems) {
        Map<String, FieldType> fields = t.fieldTypes();
        for (int i = 0; i < t.stages().size(); i++) {
            Stage s = t.stages().get(i);
            if (s.when() != null) {
                expression(context, s.when(), Paths.stage(i) + ".when", fields, problems);
            }
            if (s.gate() == null) {
                continue;
            }
            for (int c = 0; c < s.gate().criteria().size(); c++) {
                if (s.gate().criteria().get(c) instanceof Criterion.Expression e) {
                    String path = Paths.gate(i) + ".criteria[" + c + "]";
                    if (IdentityRule.blank(e.expression())) {
                        problems.add(Problem.error(ProblemCode.EXPRESSION_EMPTY, path + ".expression", "The expression is empty."));
                    } else {
                        expression(context, e.expression(), path + ".expression", fields, problems);
                    }
                    if (IdentityRule.blank(e.message())) {
                        problems.add(Problem.error(ProblemCode.EXPRESSION_MESSAGE_MISSING, path + ".message",
                                "Say in a message what is wrong when this expression is false; people see it on the gate."));
                    }
                }
            }
        }
    }

    private static void expression(ValidationContext context, String expression, String path,
                                   Map<String, FieldType> fields, List<Problem> problems) {
        if (context.expressions() == null) {
            return;
        }
        for (String message : context.expressions().check(expression, fields)) {
            problems.add(Problem.error(ProblemCode.EXPRESSION_INVALID, path, message));
        }
    }

}
