package io.tollgate.modeler.validation;

import io.tollgate.modeler.model.Template;

import java.util.ArrayList;
import java.util.List;

/** Runs every rule over a template and answers all problems at once. */
public final class TemplateValidator {

    private final List<Rule> rules = List.of(new IdentityRule(), new ReferenceRule(), new GraphRule(),
            new DurationRule(), new FieldRule(), new ApprovalRule(), new ModuleRule(), new InsightRule(), new TextRule(),
            new ExpressionRule());

    /** Validates a template that the reader produced, adding the reader's own problems first. */
    public ValidationReport validate(Template template, List<Problem> readProblems, ValidationContext context) {
        List<Problem> problems = new ArrayList<>(readProblems);
        if (template != null) {
            for (Rule rule : rules) {
                rule.check(template, context, problems);
            }
        }
        return new ValidationReport(problems);
    }

    public ValidationReport validate(Template template, ValidationContext context) {
        return validate(template, List.of(), context);
    }
}
