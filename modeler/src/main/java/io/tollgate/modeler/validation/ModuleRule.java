package io.tollgate.modeler.validation;

import io.tollgate.modeler.model.Template;

import java.util.List;

/** Modules a template needs exist and are switched on in the workspace that publishes it. */
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
    }
}
