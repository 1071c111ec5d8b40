package io.tollgate.engine.template;

import io.tollgate.engine.module.ModuleEvents;
import io.tollgate.engine.module.ModuleService;
import io.tollgate.engine.workspace.WorkspaceEvents;
import io.tollgate.engine.workspace.WorkspaceService;
import io.tollgate.modeler.parse.TemplateFormat;
import io.tollgate.modeler.store.InvalidTemplateException;
import io.tollgate.modeler.store.TemplateStore;
import io.tollgate.modeler.validation.ValidationReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.annotation.Order;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Set;

/**
 * Publishes the templates shipped under {@code classpath:tollgate/templates/} into the workspaces
 * named in {@code tollgate.templates.auto-publish} (the seeded demo workspace by default) that have
 * the modules they need switched on and have no version of them yet: at start-up, when such a
 * workspace is created, and again when an admin switches a module on there. Templates already
 * published are left alone: later versions are the admins'. Every other workspace takes shipped
 * templates from the template library ({@link TemplateLibrary}), when and as its admin chooses.
 */
@Component
@Order(20)
class ShippedTemplates implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ShippedTemplates.class);

    private final TemplateStore store;
    private final WorkspaceService workspaces;
    private final ModuleService modules;
    private final ShippedCatalogue catalogue;
    private final TransactionTemplate transactions;
    private final Settings settings;

    ShippedTemplates(TemplateStore store, WorkspaceService workspaces, ModuleService modules, ShippedCatalogue catalogue,
                     PlatformTransactionManager transactionManager, Settings settings) {
        this.store = store;
        this.workspaces = workspaces;
        this.modules = modules;
        this.catalogue = catalogue;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.settings = settings;
    }

    /**
     * {@code tollgate.templates.*}: whether shipped templates are published by themselves at all
     * ({@code publish-shipped}, default true), and into which workspaces, by key ({@code auto-publish},
     * default {@code demo}; {@code *} for every workspace).
     */
    @ConfigurationProperties("tollgate.templates")
    record Settings(@DefaultValue("true") boolean publishShipped, @DefaultValue("demo") List<String> autoPublish) {

        boolean publishesInto(String workspaceKey) {
            return publishShipped && (autoPublish.contains("*") || autoPublish.contains(workspaceKey));
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        workspaces.ids().forEach(this::publishInto);
    }

    /** A module switched on may make a shipped template publishable in that workspace. */
    @ApplicationModuleListener
    void on(ModuleEvents.ModuleSwitched event) {
        if (event.enabled()) {
            publishInto(event.workspaceId());
        }
    }

    /** A new workspace gets the shipped templates that need no module. */
    @ApplicationModuleListener
    void on(WorkspaceEvents.WorkspaceCreated event) {
        if (settings.publishesInto(event.key())) {
            publishInto(event.workspaceId());
        }
    }

    private void publishInto(String workspace) {
        if (!settings.publishShipped() || workspaces.byId(workspace).filter(w -> settings.publishesInto(w.key())).isEmpty()) {
            return;
        }
        Set<String> on = modules.enabledModules(workspace);
        for (ShippedCatalogue.Shipped template : catalogue.all()) {
            if (store.isPublished(workspace, template.key()) || !on.containsAll(template.modules())) {
                continue;
            }
            try {
                transactions.executeWithoutResult(status -> {
                    ValidationReport report = store.saveDraft(workspace, template.key(), template.text(),
                            TemplateFormat.YAML, "system");
                    if (!report.valid()) {
                        throw new InvalidTemplateException("Shipped template " + template.key() + " is not valid",
                                report.errors());
                    }
                    int version = store.publish(workspace, template.key(), "system").version();
                    log.info("Published shipped template {} in workspace {} as version {}", template.key(), workspace,
                            version);
                });
            } catch (InvalidTemplateException e) {
                log.error("Shipped template {} was not published in workspace {}: {}", template.key(), workspace,
                        e.problems());
            }
        }
    }
}
