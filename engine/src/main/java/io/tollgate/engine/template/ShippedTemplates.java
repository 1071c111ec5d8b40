package io.tollgate.engine.template;

import io.tollgate.engine.module.ModuleEvents;
import io.tollgate.engine.module.ModuleService;
import io.tollgate.engine.workspace.WorkspaceEvents;
import io.tollgate.engine.workspace.WorkspaceService;
import io.tollgate.modeler.model.Template;
import io.tollgate.modeler.parse.TemplateFormat;
import io.tollgate.modeler.parse.TemplateReader;
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
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Publishes the templates shipped under {@code classpath:tollgate/templates/} into every workspace
 * that has the modules they need switched on and has no version of them yet: at start-up, when a
 * workspace is created, and again when an admin switches a module on. Templates already published are left alone: later
 * versions are the admins'.
 */
@Component
@Order(20)
class ShippedTemplates implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ShippedTemplates.class);

    private final TemplateStore store;
    private final WorkspaceService workspaces;
    private final ModuleService modules;
    private final TransactionTemplate transactions;
    private final boolean enabled;

    ShippedTemplates(TemplateStore store, WorkspaceService workspaces, ModuleService modules,
                     PlatformTransactionManager transactionManager, Settings settings) {
        this.store = store;
        this.workspaces = workspaces;
        this.modules = modules;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.enabled = settings.publishShipped();
    }

    /** {@code tollgate.templates.*}: whether shipped templates are published (default true). */
    @ConfigurationProperties("tollgate.templates")
    record Settings(@DefaultValue("true") boolean publishShipped) {
    }

    /** One shipped template: its key, its text and the modules it needs. */
    private record Shipped(String key, String text, List<String> modules) {
    }

    @Override
    public void run(ApplicationArguments args) {
        if (enabled) {
            List<Shipped> shipped = shipped();
            workspaces.ids().forEach(workspace -> publishInto(workspace, shipped));
        }
    }

    /** A module switched on may make a shipped template publishable in that workspace. */
    @ApplicationModuleListener
    void on(ModuleEvents.ModuleSwitched event) {
        if (enabled && event.enabled()) {
            publishInto(event.workspaceId(), shipped());
        }
    }

    /** A new workspace gets the shipped templates that need no module. */
    @ApplicationModuleListener
    void on(WorkspaceEvents.WorkspaceCreated event) {
        if (enabled) {
            publishInto(event.workspaceId(), shipped());
        }
    }

    private void publishInto(String workspace, List<Shipped> shipped) {
        Set<String> on = modules.enabledModules(workspace);
        for (Shipped template : shipped) {
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

    private static List<Shipped> shipped() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:tollgate/templates/*.yaml");
            Arrays.sort(resources, Comparator.comparing(Resource::getFilename));
            TemplateReader reader = new TemplateReader();
            return Arrays.stream(resources).map(resource -> {
                try {
                    String text = resource.getContentAsString(StandardCharsets.UTF_8);
                    String name = resource.getFilename();
                    Template template = reader.read(text, TemplateFormat.YAML).template();
                    List<String> needs = template == null || template.modules() == null ? List.of() : template.modules();
                    return new Shipped(name.substring(0, name.length() - ".yaml".length()), text, needs);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
