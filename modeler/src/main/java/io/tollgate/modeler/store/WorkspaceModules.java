package io.tollgate.modeler.store;

import java.util.Set;

/** The modules switched on where a template is being validated or published. */
public interface WorkspaceModules {
    Set<String> enabledModules();
}
