package io.tollgate.modeler.validation;

import io.tollgate.modeler.model.FieldDef;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.TaskDef;
import io.tollgate.modeler.model.Template;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Names are plain text: no control characters (BPMN XML cannot carry them) and no {@code ${...}} or
 * {@code #{...}} (the engine would evaluate them as expressions in task names).
 */
final class TextRule implements Rule {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t\\n\\r]]");
    private static final int MAX_NAME = 300;

    @Override
    public void check(Template t, ValidationContext context, List<Problem> problems) {
        name(t.name(), "$.name", problems);
        names(t.names(), "$.names", problems);
        t.roles().forEach((key, role) -> {
            name(role.name(), "$.roles." + key + ".name", problems);
            names(role.names(), "$.roles." + key + ".names", problems);
        });
        fields(t.fields(), "$.fields", problems);
        for (int i = 0; i < t.stages().size(); i++) {
            Stage s = t.stages().get(i);
            name(s.name(), Paths.stage(i) + ".name", problems);
            names(s.names(), Paths.stage(i) + ".names", problems);
            fields(s.fields(), Paths.stage(i) + ".fields", problems);
            for (int j = 0; j < s.tasks().size(); j++) {
                TaskDef task = s.tasks().get(j);
                name(task.name(), Paths.task(i, j) + ".name", problems);
                names(task.names(), Paths.task(i, j) + ".names", problems);
                fields(task.fields(), Paths.task(i, j) + ".fields", problems);
            }
        }
    }

    private static void fields(List<FieldDef> fields, String path, List<Problem> problems) {
        for (int i = 0; i < fields.size(); i++) {
            FieldDef f = fields.get(i);
            name(f.name(), path + "[" + i + "].name", problems);
            names(f.names(), path + "[" + i + "].names", problems);
            for (int o = 0; o < f.options().size(); o++) {
                name(f.options().get(o).name(), path + "[" + i + "].options[" + o + "].name", problems);
                names(f.options().get(o).names(), path + "[" + i + "].options[" + o + "].names", problems);
            }
        }
    }

    private static void names(Map<String, String> names, String path, List<Problem> problems) {
        names.forEach((language, text) -> name(text, path + "." + language, problems));
    }

    private static void name(String text, String path, List<Problem> problems) {
        if (text == null) {
            return;
        }
        if (CONTROL.matcher(text).find()) {
            problems.add(Problem.error(ProblemCode.NAME_CONTROL_CHARACTER, path, "The name contains a control character; "
                    + "use plain text."));
        }
        if (text.contains("${") || text.contains("#{")) {
            problems.add(Problem.error(ProblemCode.NAME_EXPRESSION, path, "Names are plain text: '${' and '#{' are not allowed."));
        }
        if (text.length() > MAX_NAME) {
            problems.add(Problem.error(ProblemCode.NAME_TOO_LONG, path, "A name has at most " + MAX_NAME + " characters."));
        }
    }
}
