package io.tollgate.modeler.store;

import io.tollgate.modeler.validation.ValidationContext;

import java.util.Set;

/**
 * The workspace a template is validated or published in, as validation needs it: the modules that
 * exist and those switched on, and the people a template may name.
 */
public interface PublishingWorkspace {

    /** The workspace of the caller, whose templates the caller reads and writes; null outside any. */
    String currentWorkspace();

    /** The modules switched on in a workspace. */
    Set<String> enabledModules(String workspaceId);

    /** Whether {@code user:name} names a member of the workspace; a runtime without people accepts all. */
    default boolean hasUser(String workspaceId, String name) {
        return true;
    }

    /** The modules this runtime has; a runtime with industry modules of its own overrides it. */
    default Set<String> knownModules() {
        return ValidationContext.DEFAULT_MODULES;
    }
}
