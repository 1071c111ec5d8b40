package io.tollgate.modeler.validation;

import io.tollgate.modeler.model.FieldDef;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.TaskDef;
import io.tollgate.modeler.model.Template;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Keys and names: present, well formed, unique. Field keys are unique across the whole template. */
final class IdentityRule implements Rule {

    static final Pattern TEMPLATE_KEY = Pattern.compile("[a-z][a-z0-9-]{1,62}");
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z](?:_?[A-Za-z0-9]){0,40}");
    private static final Set<String> RESERVED = Set.of("true", "false", "null", "in", "as", "def", "if", "else",
            "for", "while", "return", "new", "class", "this", "super", "it", "var", "project", "execution");

    @Override
    public void check(Template t, ValidationContext context, List<Problem> problems) {
        if (blank(t.key())) {
            problems.add(Problem.error(ProblemCode.TEMPLATE_KEY_MISSING, "$.key", "The template needs a key, e.g. it-delivery."));
        } else if (!TEMPLATE_KEY.matcher(t.key()).matches()) {
            problems.add(Problem.error(ProblemCode.TEMPLATE_KEY_INVALID, "$.key", "Template key '" + t.key()
                    + "' must be 2-63 lower-case letters, digits or hyphens, starting with a letter."));
        }
        if (blank(t.name())) {
            problems.add(Problem.error(ProblemCode.TEMPLATE_NAME_MISSING, "$.name", "The template needs a name."));
        }
        t.roles().keySet().forEach(role -> {
            if (!IDENTIFIER.matcher(role).matches()) {
                problems.add(Problem.error(ProblemCode.ROLE_KEY_INVALID, "$.roles." + role, "Role key '" + role
                        + "' must start with a letter and use only letters, digits and single underscores."));
            }
        });
        if (t.stages().isEmpty()) {
            problems.add(Problem.error(ProblemCode.TEMPLATE_NO_STAGES, "$.stages", "The template needs at least one stage."));
        }
        Map<String, String> fieldPaths = new HashMap<>();
        fields(t.fields(), "$.fields", fieldPaths, problems);
        Map<String, Integer> stageIndex = new HashMap<>();
        for (int i = 0; i < t.stages().size(); i++) {
            Stage s = t.stages().get(i);
            String path = Paths.stage(i);
            if (blank(s.key())) {
                problems.add(Problem.error(ProblemCode.STAGE_KEY_MISSING, path + ".key", "Every stage needs a key."));
            } else if (!IDENTIFIER.matcher(s.key()).matches()) {
                problems.add(Problem.error(ProblemCode.STAGE_KEY_INVALID, path + ".key", "Stage key '" + s.key()
                        + "' must start with a letter and use only letters, digits and single underscores."));
            } else if (stageIndex.putIfAbsent(s.key(), i) != null) {
                problems.add(Problem.error(ProblemCode.STAGE_DUPLICATE_KEY, path + ".key", "Stage key '" + s.key()
                        + "' is already used by " + Paths.stage(stageIndex.get(s.key())) + "."));
            }
            fields(s.fields(), path + ".fields", fieldPaths, problems);
            Set<String> taskKeys = new HashSet<>();
            for (int j = 0; j < s.tasks().size(); j++) {
                TaskDef task = s.tasks().get(j);
                String tp = Paths.task(i, j);
                if (blank(task.key())) {
                    problems.add(Problem.error(ProblemCode.TASK_KEY_MISSING, tp + ".key", "Every task needs a key."));
                } else if (!IDENTIFIER.matcher(task.key()).matches()) {
                    problems.add(Problem.error(ProblemCode.TASK_KEY_INVALID, tp + ".key", "Task key '" + task.key()
                            + "' must start with a letter and use only letters, digits and single underscores."));
                } else if (!taskKeys.add(task.key())) {
                    problems.add(Problem.error(ProblemCode.TASK_DUPLICATE_KEY, tp + ".key", "Task key '" + task.key()
                            + "' is used twice in stage '" + s.key() + "'."));
                }
                fields(task.fields(), tp + ".fields", fieldPaths, problems);
            }
        }
    }

    private static void fields(List<FieldDef> fields, String path, Map<String, String> seen, List<Problem> problems) {
        for (int i = 0; i < fields.size(); i++) {
            FieldDef f = fields.get(i);
            String fp = path + "[" + i + "]";
            if (blank(f.key())) {
                problems.add(Problem.error(ProblemCode.FIELD_KEY_MISSING, fp + ".key", "Every field needs a key."));
            } else if (!IDENTIFIER.matcher(f.key()).matches() || RESERVED.contains(f.key())) {
                problems.add(Problem.error(ProblemCode.FIELD_KEY_INVALID, fp + ".key", "Field key '" + f.key()
                        + "' must start with a letter, use only letters, digits and single underscores, and not be a reserved word."));
            } else if (seen.putIfAbsent(f.key(), fp) != null) {
                problems.add(Problem.error(ProblemCode.FIELD_DUPLICATE_KEY, fp + ".key", "Field key '" + f.key()
                        + "' is already used by " + seen.get(f.key()) + "; field keys are unique across the template."));
            }
            if (f.type() == null && !problemAt(problems, fp + ".type")) {
                problems.add(Problem.error(ProblemCode.FIELD_TYPE_MISSING, fp + ".type", "Field '" + f.key() + "' needs a type."));
            }
        }
    }

    private static boolean problemAt(List<Problem> problems, String path) {
        return problems.stream().anyMatch(p -> p.path().equals(path));
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
