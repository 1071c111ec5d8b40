package io.tollgate.modeler.validation;

import io.tollgate.modeler.model.FieldDef;
import io.tollgate.modeler.model.FieldType;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.Template;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Field rules fit the field's type and agree with each other. */
final class FieldRule implements Rule {

    @Override
    public void check(Template t, ValidationContext context, List<Problem> problems) {
        fields(t.fields(), "$.fields", problems);
        for (int i = 0; i < t.stages().size(); i++) {
            Stage s = t.stages().get(i);
            fields(s.fields(), Paths.stage(i) + ".fields", problems);
            for (int j = 0; j < s.tasks().size(); j++) {
                fields(s.tasks().get(j).fields(), Paths.task(i, j) + ".fields", problems);
            }
        }
    }

    private static void fields(List<FieldDef> fields, String path, List<Problem> problems) {
        for (int i = 0; i < fields.size(); i++) {
            FieldDef f = fields.get(i);
            FieldType type = f.type();
            String p = path + "[" + i + "]";
            if (type == null) {
                continue;
            }
            if ((f.min() != null || f.max() != null) && !type.numeric()) {
                problems.add(Problem.error(ProblemCode.FIELD_RULE_NOT_APPLICABLE, p + (f.min() != null ? ".min" : ".max"),
                        "min and max apply to number, money and percent fields, not " + type.spelling() + "."));
            }
            if (f.min() != null && f.max() != null && f.min().compareTo(f.max()) > 0) {
                problems.add(Problem.error(ProblemCode.FIELD_RANGE_EMPTY, p + ".min", "min " + f.min().toPlainString()
                        + " is greater than max " + f.max().toPlainString() + "."));
            }
            if ((f.minLength() != null || f.maxLength() != null) && !type.textual()) {
                problems.add(Problem.error(ProblemCode.FIELD_RULE_NOT_APPLICABLE,
                        p + (f.minLength() != null ? ".minLength" : ".maxLength"),
                        "minLength and maxLength apply to text, textarea, url and email fields, not " + type.spelling() + "."));
            }
            if (f.minLength() != null && f.minLength() < 0 || f.maxLength() != null && f.maxLength() < 0) {
                problems.add(Problem.error(ProblemCode.FIELD_LENGTH_NEGATIVE, p, "Lengths cannot be negative."));
            }
            if (type.textual()) {
                // Beyond these a value could not be stored however the field is set up.
                int longest = FieldValues.longest(type);
                if (f.maxLength() != null && f.maxLength() > longest) {
                    problems.add(Problem.error(ProblemCode.FIELD_LENGTH_TOO_LARGE, p + ".maxLength", "A " + type.spelling()
                            + " field holds at most " + longest + " characters; maxLength cannot be more."));
                }
                if (f.minLength() != null && f.minLength() > longest) {
                    problems.add(Problem.error(ProblemCode.FIELD_LENGTH_TOO_LARGE, p + ".minLength", "A " + type.spelling()
                            + " field holds at most " + longest + " characters; minLength cannot be more."));
                }
            }
            if (f.minLength() != null && f.maxLength() != null && f.minLength() > f.maxLength()) {
                problems.add(Problem.error(ProblemCode.FIELD_RANGE_EMPTY, p + ".minLength", "minLength " + f.minLength()
                        + " is greater than maxLength " + f.maxLength() + "."));
            }
            if (f.pattern() != null) {
                if (!type.textual()) {
                    problems.add(Problem.error(ProblemCode.FIELD_RULE_NOT_APPLICABLE, p + ".pattern",
                            "pattern applies to text, textarea, url and email fields, not " + type.spelling() + "."));
                }
                try {
                    Pattern.compile(f.pattern());
                } catch (PatternSyntaxException e) {
                    problems.add(Problem.error(ProblemCode.FIELD_PATTERN_INVALID, p + ".pattern",
                            "The pattern is not a valid regular expression: " + e.getDescription() + "."));
                }
            }
            boolean choice = type == FieldType.SELECT || type == FieldType.MULTISELECT;
            if (choice && f.options().isEmpty()) {
                problems.add(Problem.error(ProblemCode.FIELD_OPTIONS_MISSING, p + ".options",
                        "A " + type.spelling() + " field needs options to choose from."));
            }
            if (!choice && !f.options().isEmpty()) {
                problems.add(Problem.error(ProblemCode.FIELD_RULE_NOT_APPLICABLE, p + ".options",
                        "options apply to select and multiselect fields, not " + type.spelling() + "."));
            }
            Set<String> values = new HashSet<>();
            for (int o = 0; o < f.options().size(); o++) {
                String value = f.options().get(o).value();
                if (value == null || value.isBlank()) {
                    problems.add(Problem.error(ProblemCode.FIELD_OPTION_MISSING_VALUE, p + ".options[" + o + "]",
                            "An option needs a value."));
                } else if (!values.add(value)) {
                    problems.add(Problem.error(ProblemCode.FIELD_OPTION_DUPLICATE, p + ".options[" + o + "]",
                            "Option '" + value + "' is listed twice."));
                }
            }
            if (f.currency() != null && type != FieldType.MONEY) {
                problems.add(Problem.error(ProblemCode.FIELD_RULE_NOT_APPLICABLE, p + ".currency",
                        "currency applies to money fields only."));
            }
            if (f.currency() != null && !f.currency().matches("[A-Z]{3}")) {
                problems.add(Problem.error(ProblemCode.FIELD_CURRENCY_INVALID, p + ".currency",
                        "currency is an ISO-4217 code such as CNY, EUR or USD."));
            }
        }
    }
}
