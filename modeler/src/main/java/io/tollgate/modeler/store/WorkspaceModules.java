package io.tollgate.modeler.store;

import io.tollgate.modeler.validation.ValidationContext;

import java.util.Set;

/** The modules that exist, and those switched on, where a template is being validated or published. */
public interface WorkspaceModules {

    Set<String> enabledModules();

    /** The modules this runtime has; a runtime with industry modules of its own overrides it. */
    default Set<String> knownModules() {
        return ValidationContext.DEFAULT_MODULES;
    }
}
