package io.tollgate.engine.module;

import io.tollgate.engine.audit.AuditLog;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.security.AppUsers;
import io.tollgate.engine.support.Problems;
import io.tollgate.engine.workspace.Workspace;
import io.tollgate.engine.workspace.Workspaces;
import io.tollgate.modeler.store.WorkspaceModules;
import io.tollgate.modeler.validation.ValidationContext;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Set;

/**
 * Which modules each workspace has switched on. Template validation asks it for the caller's
 * workspace, so a template needing a module that is off cannot be published there.
 */
@Service
@Transactional
public class ModuleService implements WorkspaceModules {

    private final Workspaces workspaces;
    private final AppUsers users;
    private final AuditLog audit;

    ModuleService(Workspaces workspaces, AppUsers users, AuditLog audit) {
        this.workspaces = workspaces;
        this.users = users;
        this.audit = audit;
    }

    /** One module and whether it is on. */
    public record ModuleState(String module, boolean enabled) {
    }

    @Transactional(readOnly = true)
    public List<ModuleState> modules(Actor actor) {
        Set<String> on = workspace(actor.workspaceId()).modules();
        return ValidationContext.KNOWN_MODULES.stream().sorted().map(m -> new ModuleState(m, on.contains(m))).toList();
    }

    public ModuleState switchModule(String module, Boolean enabled, Actor actor) {
        if (!ValidationContext.KNOWN_MODULES.contains(module)) {
            throw Problems.notFound("module", "There is no module '" + module + "'; modules are "
                    + ValidationContext.KNOWN_MODULES.stream().sorted().toList() + ".");
        }
        if (enabled == null) {
            throw Problems.invalidFields("Say whether the module is on.", List.of(new Problems.FieldError("enabled",
                    "true or false.")));
        }
        Workspace workspace = workspace(actor.workspaceId());
        workspace.switchModule(module, enabled);
        audit.record(workspace.id(), null, actor.username(), enabled ? "module.enabled" : "module.disabled", module, null);
        return new ModuleState(module, enabled);
    }

    /** Whether a module is on in a workspace; a disabled module's API answers 404. */
    @Transactional(readOnly = true)
    public boolean enabled(String workspaceId, String module) {
        return workspace(workspaceId).modules().contains(module);
    }

    @Override
    @Transactional(readOnly = true)
    public Set<String> enabledModules() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            return null;
        }
        return users.findById(auth.getName()).map(u -> workspace(u.workspaceId()).modules()).orElse(null);
    }

    private Workspace workspace(String id) {
        return workspaces.findById(id).orElseThrow(() -> Problems.notFound("workspace", "Unknown workspace."));
    }
}
