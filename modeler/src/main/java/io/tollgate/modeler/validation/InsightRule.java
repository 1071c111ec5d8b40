package io.tollgate.modeler.validation;

import io.tollgate.modeler.model.FieldType;
import io.tollgate.modeler.model.InsightDef;
import io.tollgate.modeler.model.Template;

import java.util.List;

/** The insight section names both the budget and the actual cost, each a money field of the template. */
final class InsightRule implements Rule {

    @Override
    public void check(Template t, ValidationContext context, List<Problem> problems) {
        InsightDef insight = t.insight();
        if (insight == null) {
            return;
        }
        boolean budget = present(insight.budgetField());
        boolean actual = present(insight.actualField());
        if (budget != actual) {
            problems.add(Problem.error(ProblemCode.INSIGHT_FIELD_MISSING, "$.insight." + (budget ? "actualField" : "budgetField"),
                    "Name both the budget and the actual cost: the health score compares the two."));
        }
        field(t, insight.budgetField(), "$.insight.budgetField", problems);
        field(t, insight.actualField(), "$.insight.actualField", problems);
    }

    private static void field(Template t, String key, String path, List<Problem> problems) {
        if (!present(key)) {
            return;
        }
        FieldType type = t.fieldTypes().get(key);
        if (type == null) {
            problems.add(Problem.error(ProblemCode.INSIGHT_UNKNOWN_FIELD, path, "The template has no field '" + key + "'."));
        } else if (type != FieldType.MONEY) {
            problems.add(Problem.error(ProblemCode.INSIGHT_FIELD_NOT_MONEY, path, "Field '" + key + "' is a "
                    + type.spelling() + " field; the budget and the actual cost are money fields."));
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
