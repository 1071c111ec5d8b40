package io.tollgate.modeler.validation;

import io.tollgate.modeler.model.Criterion;
import io.tollgate.modeler.model.FieldDef;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.TaskDef;
import io.tollgate.modeler.model.Template;

import java.util.List;
import java.util.Map;

/**
 * Names are plain text: no control characters (BPMN XML cannot carry them, PostgreSQL text cannot
 * hold NUL) and no {@code ${...}} or {@code #{...}} (the engine would evaluate them as expressions in
 * task names). Names and texts fit where the runtime keeps them; the lengths are in {@link Limits}.
 */
final class TextRule implements Rule {

    @Override
    public void check(Template t, ValidationContext context, List<Problem> problems) {
        name(t.name(), "$.name", Limits.TEMPLATE_NAME, ProblemCode.TEMPLATE_NAME_TOO_LONG, "The template name", problems);
        names(t.names(), "$.names", problems);
        text(t.industry(), "$.industry", Limits.INDUSTRY, ProblemCode.TEMPLATE_INDUSTRY_TOO_LONG, "The industry", problems);
        t.roles().forEach((key, role) -> {
            name(role.name(), "$.roles." + key + ".name", problems);
            names(role.names(), "$.roles." + key + ".names", problems);
        });
        fields(t.fields(), "$.fields", problems);
        for (int i = 0; i < t.stages().size(); i++) {
            Stage s = t.stages().get(i);
            name(s.name(), Paths.stage(i) + ".name", Limits.ENGINE_NAME, ProblemCode.STAGE_NAME_TOO_LONG, "A stage name", problems);
            names(s.names(), Paths.stage(i) + ".names", problems);
            fields(s.fields(), Paths.stage(i) + ".fields", problems);
            for (int j = 0; j < s.tasks().size(); j++) {
                TaskDef task = s.tasks().get(j);
                name(task.name(), Paths.task(i, j) + ".name", Limits.ENGINE_NAME, ProblemCode.TASK_NAME_TOO_LONG, "A task name",
                        problems);
                names(task.names(), Paths.task(i, j) + ".names", problems);
                fields(task.fields(), Paths.task(i, j) + ".fields", problems);
            }
            if (s.gate() != null) {
                for (int c = 0; c < s.gate().criteria().size(); c++) {
                    if (s.gate().criteria().get(c) instanceof Criterion.Expression e) {
                        text(e.message(), Paths.gate(i) + ".criteria[" + c + "].message", Limits.CRITERION_MESSAGE,
                                ProblemCode.CRITERION_MESSAGE_TOO_LONG, "A criterion's message", problems);
                    }
                }
            }
        }
    }

    private static void fields(List<FieldDef> fields, String path, List<Problem> problems) {
        for (int i = 0; i < fields.size(); i++) {
            FieldDef f = fields.get(i);
            name(f.name(), path + "[" + i + "].name", problems);
            names(f.names(), path + "[" + i + "].names", problems);
            for (int o = 0; o < f.options().size(); o++) {
                FieldDef.Option option = f.options().get(o);
                String op = path + "[" + i + "].options[" + o + "]";
                // The value is stored as the field's value, so it is held to what a name may hold.
                text(option.value(), op + ".value", Limits.NAME, ProblemCode.NAME_TOO_LONG, "An option value", problems);
                name(option.name(), op + ".name", problems);
                names(option.names(), op + ".names", problems);
            }
        }
    }

    private static void names(Map<String, String> names, String path, List<Problem> problems) {
        names.forEach((language, text) -> {
            if (Limits.hasControlCharacter(language)) {
                // Not echoed into the path: the path would carry the control character on.
                problems.add(Problem.error(ProblemCode.NAME_CONTROL_CHARACTER, path,
                        "A language tag contains a control character; use tags such as zh-CN."));
            } else {
                name(text, path + "." + language, problems);
            }
        });
    }

    /** Role, field and option names and every translation: Tollgate's own columns hold them. */
    private static void name(String text, String path, List<Problem> problems) {
        name(text, path, Limits.NAME, ProblemCode.NAME_TOO_LONG, "A name", problems);
    }

    private static void name(String text, String path, int limit, ProblemCode tooLong, String what, List<Problem> problems) {
        if (text == null) {
            return;
        }
        text(text, path, limit, tooLong, what, problems);
        if (text.contains("${") || text.contains("#{")) {
            problems.add(Problem.error(ProblemCode.NAME_EXPRESSION, path, "Names are plain text: '${' and '#{' are not allowed."));
        }
    }

    private static void text(String text, String path, int limit, ProblemCode tooLong, String what, List<Problem> problems) {
        if (text == null) {
            return;
        }
        if (Limits.hasControlCharacter(text)) {
            problems.add(Problem.error(ProblemCode.NAME_CONTROL_CHARACTER, path, what + " contains a control character; "
                    + "use plain text."));
        }
        if (text.length() > limit) {
            problems.add(Problem.error(tooLong, path, what + " has at most " + limit + " characters."));
        }
    }
}
