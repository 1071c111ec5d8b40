package io.tollgate.engine.module;

import io.tollgate.engine.security.Actor;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.support.Problems;
import io.tollgate.engine.workspace.Workspace;
import io.tollgate.engine.workspace.WorkspaceService;
import io.tollgate.modeler.store.PublishingWorkspace;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The modules that are plugged in, and which of them each workspace has switched on. Template
 * validation asks it for the caller's workspace, so a template needing a module that is off cannot
 * be published there.
 */
@Service
@Transactional
public class ModuleService implements PublishingWorkspace {

    private final Map<String, TollgateModule> modules;
    private final WorkspaceService workspaces;
    private final Actors users;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ModuleService(List<TollgateModule> modules, WorkspaceService workspaces, Actors users, ApplicationEventPublisher events,
                  Clock clock) {
        this.modules = modules.stream().sorted(Comparator.comparing(TollgateModule::key))
                .collect(Collectors.toMap(TollgateModule::key, Function.identity(), (a, b) -> {
                    throw new IllegalStateException("Two modules have the key '" + a.key() + "'");
                }, LinkedHashMap::new));
        this.workspaces = workspaces;
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    /** One module, whether it is on, its names and the paths it owns. */
    public record ModuleState(String module, boolean enabled, Map<String, String> names, List<String> paths) {
    }

    /** The modules plugged in. */
    public List<TollgateModule> installed() {
        return List.copyOf(modules.values());
    }

    @Transactional(readOnly = true)
    public List<ModuleState> modules(Actor actor) {
        Set<String> on = workspace(actor.workspaceId()).modules();
        return modules.values().stream().map(m -> state(m, on.contains(m.key()))).toList();
    }

    public ModuleState switchModule(String key, Boolean enabled, Actor actor) {
        TollgateModule module = modules.get(key);
        if (module == null) {
            throw Problems.notFound("module", "There is no module '" + key + "'; modules are " + modules.keySet() + ".");
        }
        if (!actor.isAdmin()) {
            throw Problems.forbidden("Only an admin switches modules.");
        }
        if (enabled == null) {
            throw Problems.invalidFields("Say whether the module is on.", List.of(new Problems.FieldError("enabled",
                    "true or false.")));
        }
        Workspace workspace = workspace(actor.workspaceId());
        workspace.switchModule(key, enabled);
        events.publishEvent(new ModuleEvents.ModuleSwitched(workspace.id(), key, enabled, actor.username(), clock.instant()));
        return state(module, enabled);
    }

    private static ModuleState state(TollgateModule module, boolean on) {
        return new ModuleState(module.key(), on, module.names(), module.paths());
    }

    /** Whether a module is on in a workspace; a disabled module's API answers 404. */
    @Transactional(readOnly = true)
    public boolean enabled(String workspaceId, String module) {
        return workspace(workspaceId).modules().contains(module);
    }

    /** The caller's workspace, for the template API. */
    @Override
    @Transactional(readOnly = true)
    public String currentWorkspace() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            return null;
        }
        return users.current().workspaceId();
    }

    @Override
    @Transactional(readOnly = true)
    public Set<String> enabledModules(String workspaceId) {
        return workspace(workspaceId).modules();
    }

    /** A template published in a workspace may name only that workspace's people. */
    @Override
    @Transactional(readOnly = true)
    public boolean hasUser(String workspaceId, String name) {
        return users.exists(name, workspaceId);
    }

    @Override
    public Set<String> knownModules() {
        return new TreeSet<>(modules.keySet());
    }

    private Workspace workspace(String id) {
        return workspaces.workspace(id);
    }
}
