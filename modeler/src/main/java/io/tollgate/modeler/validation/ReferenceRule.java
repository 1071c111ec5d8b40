package io.tollgate.modeler.validation;

import io.tollgate.modeler.model.Criterion;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.TaskDef;
import io.tollgate.modeler.model.Template;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Every name a template uses points at something it declares: roles, stages, tasks, fields. */
final class ReferenceRule implements Rule {

    @Override
    public void check(Template t, ValidationContext context, List<Problem> problems) {
        Set<String> stageKeys = t.stages().stream().map(Stage::key).filter(k -> k != null).collect(Collectors.toSet());
        Set<String> fieldKeys = t.allFields().map(f -> f.key()).filter(k -> k != null).collect(Collectors.toSet());
        for (int i = 0; i < t.stages().size(); i++) {
            Stage s = t.stages().get(i);
            String path = Paths.stage(i);
            if (s.owner() != null && !t.roles().containsKey(s.owner())) {
                problems.add(Problem.error(ProblemCode.STAGE_UNKNOWN_OWNER, path + ".owner", "Stage owner '" + s.owner()
                        + "' is not a role of this template; roles are " + t.roles().keySet() + "."));
            }
            if (s.after() != null) {
                for (int a = 0; a < s.after().size(); a++) {
                    String ref = s.after().get(a);
                    if (ref.equals(s.key())) {
                        problems.add(Problem.error(ProblemCode.STAGE_AFTER_ITSELF, path + ".after[" + a + "]",
                                "Stage '" + s.key() + "' cannot come after itself."));
                    } else if (!stageKeys.contains(ref)) {
                        problems.add(Problem.error(ProblemCode.STAGE_UNKNOWN_PREREQUISITE, path + ".after[" + a + "]",
                                "Stage '" + s.key() + "' comes after '" + ref + "', which is not a stage of this template."));
                    } else if (s.after().subList(0, a).contains(ref)) {
                        problems.add(Problem.error(ProblemCode.STAGE_DUPLICATE_PREREQUISITE, path + ".after[" + a + "]",
                                "Stage '" + ref + "' is listed twice in after."));
                    }
                }
            }
            Set<String> taskKeys = s.tasks().stream().map(TaskDef::key).collect(Collectors.toSet());
            for (int j = 0; j < s.tasks().size(); j++) {
                TaskDef task = s.tasks().get(j);
                String tp = Paths.task(i, j);
                if (IdentityRule.blank(task.assignee())) {
                    problems.add(Problem.error(ProblemCode.TASK_ASSIGNEE_MISSING, tp + ".assignee", "Task '" + task.key()
                            + "' needs an assignee: a role, user:name or group:name."));
                } else {
                    assignee(t, context, task.assignee(), tp + ".assignee", problems);
                }
                for (int r = 0; r < task.requires().size(); r++) {
                    String ref = task.requires().get(r);
                    if (ref.equals(task.key())) {
                        problems.add(Problem.error(ProblemCode.TASK_REQUIRES_ITSELF, tp + ".requires[" + r + "]",
                                "Task '" + task.key() + "' cannot require itself."));
                    } else if (!taskKeys.contains(ref)) {
                        problems.add(Problem.error(ProblemCode.TASK_UNKNOWN_REQUIREMENT, tp + ".requires[" + r + "]",
                                "Task '" + task.key() + "' requires '" + ref + "', which is not a task of stage '" + s.key() + "'."));
                    } else if (task.requires().subList(0, r).contains(ref)) {
                        problems.add(Problem.error(ProblemCode.TASK_DUPLICATE_REQUIREMENT, tp + ".requires[" + r + "]",
                                "Task '" + ref + "' is listed twice in requires."));
                    }
                }
            }
            if (s.gate() == null) {
                continue;
            }
            String gp = Paths.gate(i);
            for (int c = 0; c < s.gate().criteria().size(); c++) {
                if (s.gate().criteria().get(c) instanceof Criterion.FieldFilled ff) {
                    String cp = gp + ".criteria[" + c + "].field";
                    if (IdentityRule.blank(ff.field())) {
                        problems.add(Problem.error(ProblemCode.CRITERION_FIELD_MISSING, cp, "Name the field that must be filled."));
                    } else if (!fieldKeys.contains(ff.field())) {
                        problems.add(Problem.error(ProblemCode.CRITERION_UNKNOWN_FIELD, cp, "Criterion field '" + ff.field()
                                + "' is not a field of this template."));
                    }
                }
            }
            if (s.gate().approval() != null) {
                List<String> approvers = s.gate().approval().approvers();
                if (approvers.isEmpty()) {
                    problems.add(Problem.error(ProblemCode.APPROVAL_NO_APPROVERS, gp + ".approval.approvers",
                            "An approval needs at least one approver."));
                }
                for (int a = 0; a < approvers.size(); a++) {
                    assignee(t, context, approvers.get(a), gp + ".approval.approvers[" + a + "]", problems);
                }
            }
            String onReject = s.gate().onReject();
            if (onReject != null && !stageKeys.contains(onReject)) {
                problems.add(Problem.error(ProblemCode.GATE_UNKNOWN_REJECT_TARGET, gp + ".onReject", "onReject names '" + onReject
                        + "', which is not a stage of this template."));
            }
        }
    }

    private static void assignee(Template t, ValidationContext context, String ref, String path, List<Problem> problems) {
        if (ref.startsWith("user:") || ref.startsWith("group:")) {
            String name = ref.substring(ref.indexOf(':') + 1);
            if (name.isBlank()) {
                problems.add(Problem.error(ProblemCode.ASSIGNEE_INVALID, path,
                        "'" + ref + "' names nobody; write user:alice or group:qa."));
            } else if (name.length() > Limits.PRINCIPAL || Limits.hasControlCharacter(name)) {
                // No user or group can have such a name, and the engine keeps candidates in short columns.
                problems.add(Problem.error(ProblemCode.ASSIGNEE_INVALID, path, "A user or group name has at most "
                        + Limits.PRINCIPAL + " characters and no control characters, so this reference names nobody."));
            } else if (ref.startsWith("user:") && !context.knownUser().test(name)) {
                // a user of another workspace would get work in a project they can never see
                problems.add(Problem.error(ProblemCode.ASSIGNEE_UNKNOWN_USER, path,
                        "There is no user '" + name + "' in this workspace."));
            }
            return;
        }
        if (!t.roles().containsKey(ref)) {
            problems.add(Problem.error(ProblemCode.ROLE_UNKNOWN, path, "Role '" + ref + "' is not declared in roles; declared are "
                    + t.roles().keySet() + ". Use a role key, user:name or group:name."));
        }
    }
}
