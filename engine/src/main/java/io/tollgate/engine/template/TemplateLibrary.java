package io.tollgate.engine.template;

import io.tollgate.engine.module.ModuleService;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.support.Problems;
import io.tollgate.modeler.model.Template;
import io.tollgate.modeler.parse.TemplateFormat;
import io.tollgate.modeler.store.InvalidTemplateException;
import io.tollgate.modeler.store.TemplateStore;
import io.tollgate.modeler.store.TemplateSummary;
import io.tollgate.modeler.store.VersionInfo;
import io.tollgate.modeler.validation.ValidationReport;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The shipped templates as a catalogue an admin installs from. Installing saves the shipped text as
 * the workspace's draft and publishes it as the next version, authored by the admin. Whether a
 * workspace has a shipped template is read from its published versions: the shipped text is
 * installed when one of them is exactly that text, and an update is offered when none is.
 */
@Service
@Transactional
public class TemplateLibrary {

    private final ShippedCatalogue catalogue;
    private final TemplateStore store;
    private final ModuleService modules;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TemplateLibrary(ShippedCatalogue catalogue, TemplateStore store, ModuleService modules,
                    ApplicationEventPublisher events, Clock clock) {
        this.catalogue = catalogue;
        this.store = store;
        this.modules = modules;
        this.events = events;
        this.clock = clock;
    }

    /** A module a shipped template needs, and whether the caller's workspace has it on. */
    public record NeededModule(String key, Map<String, String> names, boolean enabled) {
    }

    /**
     * One shipped template as the caller's workspace has it. {@code latestVersion} is the workspace's
     * newest published version of the key (null when none); {@code installedVersion} the newest of them
     * that is exactly the shipped text; {@code upToDate} when the newest is; {@code updateAvailable}
     * when versions exist but none is the shipped text; {@code customized} when the shipped text was
     * installed and a later, different version followed it.
     */
    public record Entry(String key, String name, Map<String, String> names, Map<String, String> descriptions,
                        String industry, int stages, List<NeededModule> modules, boolean modulesReady,
                        boolean installed, Integer installedVersion, Integer latestVersion, boolean upToDate,
                        boolean updateAvailable, boolean customized, boolean draft) {
    }

    /** What to do besides installing: switch the needed modules on, replace an open draft of the key. */
    public record InstallRequest(Boolean enableModules, Boolean replaceDraft) {
    }

    /** The outcome: {@code changed} false when the shipped text already was the newest version. */
    public record Installed(Entry template, boolean changed, int version, List<String> modulesSwitchedOn) {
    }

    @Transactional(readOnly = true)
    public List<Entry> list(Actor actor) {
        Set<String> on = modules.enabledModules(actor.workspaceId());
        Set<String> drafts = drafts(actor.workspaceId());
        return catalogue.all().stream().filter(s -> s.template() != null)
                .map(s -> entry(actor.workspaceId(), s, on, drafts)).toList();
    }

    @Transactional(readOnly = true)
    public Entry get(String key, Actor actor) {
        return entry(actor.workspaceId(), shipped(key), modules.enabledModules(actor.workspaceId()),
                drafts(actor.workspaceId()));
    }

    /** Installs (or updates to) the shipped text of a template in the caller's workspace; admins only. */
    public Installed install(String key, InstallRequest request, Actor actor) {
        if (!actor.isAdmin()) {
            throw Problems.forbidden("Only an admin installs templates from the library.");
        }
        ShippedCatalogue.Shipped shipped = shipped(key);
        String workspace = actor.workspaceId();
        boolean enable = request != null && Boolean.TRUE.equals(request.enableModules());
        boolean replaceDraft = request != null && Boolean.TRUE.equals(request.replaceDraft());
        Set<String> on = modules.enabledModules(workspace);
        List<String> off = shipped.modules().stream().filter(m -> !on.contains(m)).toList();
        Entry before = entry(workspace, shipped, on, drafts(workspace));
        if (before.upToDate()) {
            return new Installed(before, false, before.latestVersion(), List.of());
        }
        if (!off.isEmpty() && !enable) {
            throw Problems.of(HttpStatus.CONFLICT, "modules-off", "Modules are off",
                    "Template '" + key + "' needs the module(s) " + String.join(", ", off) + ", which are off in this "
                            + "workspace. Switch them on, or ask the install to do it ({\"enableModules\": true}).",
                    Map.<String, Object>of("modules", off));
        }
        if (before.draft() && !replaceDraft) {
            throw Problems.conflict("template-draft-open", "Template '" + key + "' has an unpublished draft in this "
                    + "workspace; installing would replace it. Publish or keep working on it, or ask the install to "
                    + "replace it ({\"replaceDraft\": true}).");
        }
        for (String module : off) {
            modules.switchModule(module, true, actor);
        }
        ValidationReport report = store.saveDraft(workspace, key, shipped.text(), TemplateFormat.YAML, actor.username());
        if (!report.valid()) {
            throw new InvalidTemplateException("The shipped template '" + key + "' is not valid in this workspace.",
                    report.errors());
        }
        VersionInfo published = store.publish(workspace, key, actor.username());
        events.publishEvent(new TemplateEvents.TemplateInstalled(workspace, key, published.version(),
                before.latestVersion() != null, off, actor.username(), clock.instant()));
        return new Installed(entry(workspace, shipped, modules.enabledModules(workspace), drafts(workspace)), true,
                published.version(), off);
    }

    private ShippedCatalogue.Shipped shipped(String key) {
        return catalogue.find(key).filter(s -> s.template() != null).orElseThrow(() -> Problems.notFound("library-template",
                "The library has no template '" + (key.length() > 100 ? key.substring(0, 100) + "…" : key) + "'."));
    }

    private Set<String> drafts(String workspace) {
        return store.list(workspace).stream().filter(TemplateSummary::draft).map(TemplateSummary::key)
                .collect(Collectors.toSet());
    }

    private Entry entry(String workspace, ShippedCatalogue.Shipped shipped, Set<String> on, Set<String> drafts) {
        Template t = shipped.template();
        Map<String, String> names = new LinkedHashMap<>();
        names.put("en", t.name());
        names.putAll(t.names());
        Map<String, Map<String, String>> moduleNames = new LinkedHashMap<>();
        modules.installed().forEach(m -> moduleNames.put(m.key(), m.names()));
        List<NeededModule> needed = shipped.modules().stream().map(m -> new NeededModule(m,
                moduleNames.getOrDefault(m, Map.of("en", m)), on.contains(m))).toList();
        Integer latest = null;
        Integer installed = null;
        boolean draft = drafts.contains(shipped.key());
        if (store.isPublished(workspace, shipped.key())) {
            List<VersionInfo> versions = new ArrayList<>(store.versions(workspace, shipped.key()));
            latest = versions.get(versions.size() - 1).version();
            for (int i = versions.size() - 1; i >= 0 && installed == null; i--) {
                int v = versions.get(i).version();
                if (same(store.source(workspace, shipped.key(), v, false).text(), shipped.text())) {
                    installed = v;
                }
            }
        }
        boolean upToDate = latest != null && latest.equals(installed);
        return new Entry(shipped.key(), t.name(), names, shipped.descriptions(), t.industry(), t.stages().size(), needed,
                needed.stream().allMatch(NeededModule::enabled), installed != null, installed, latest, upToDate,
                latest != null && installed == null, installed != null && !upToDate, draft);
    }

    private static boolean same(String a, String b) {
        return a.strip().replace("\r\n", "\n").equals(b.strip().replace("\r\n", "\n"));
    }
}
