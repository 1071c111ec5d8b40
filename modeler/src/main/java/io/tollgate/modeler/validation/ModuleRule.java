package io.tollgate.modeler.validation;

import io.tollgate.modeler.model.Criterion;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.Template;

import java.util.List;

/**
 * Modules a template needs exist and are switched on in the workspace that publishes it, and every
 * criterion a module judges belongs to a module the template lists (so it is on wherever the template runs).
 */
final class ModuleRule implements Rule {

    @Override
    public void check(Template t, ValidationContext context, List<Problem> problems) {
        for (int i = 0; i < t.modules().size(); i++) {
            String module = t.modules().get(i);
            String path = "$.modules[" + i + "]";
            if (!context.knownModules().contains(module)) {
                problems.add(Problem.error(ProblemCode.MODULE_UNKNOWN, path, "Module '" + module + "' does not exist; modules are "
                        + context.knownModules().stream().sorted().toList() + "."));
            } else if (context.enabledModules() != null && !context.enabledModules().contains(module)) {
                problems.add(Problem.error(ProblemCode.MODULE_NOT_ENABLED, path, "Module '" + module
                        + "' is not enabled in this workspace; an admin can switch it on under modules."));
            }
        }
        for (int si = 0; si < t.stages().size(); si++) {
            Stage stage = t.stages().get(si);
            if (stage.gate() == null) {
                continue;
            }
            for (int ci = 0; ci < stage.gate().criteria().size(); ci++) {
                if (stage.gate().criteria().get(ci) instanceof Criterion.ModuleCheck m && !t.modules().contains(m.kind().module())) {
                    problems.add(Problem.error(ProblemCode.CRITERION_MODULE_NOT_REQUIRED,
                            "$.stages[" + si + "].gate.criteria[" + ci + "]", "Criterion '" + m.kind().key()
                                    + "' is judged by the module '" + m.kind().module() + "': add it under modules."));
                }
            }
        }
    }
}
