package io.tollgate.engine.template;

import io.tollgate.modeler.parse.TemplateFormat;
import io.tollgate.modeler.store.InvalidTemplateException;
import io.tollgate.modeler.store.TemplateStore;
import io.tollgate.modeler.validation.ValidationReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Publishes every template shipped under {@code classpath:tollgate/templates/} whose key has no
 * published version yet. Templates already published are left alone: later versions are the admins'.
 */
@Component
@Order(20)
class ShippedTemplates implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ShippedTemplates.class);

    private final TemplateStore store;
    private final TransactionTemplate transactions;
    private final boolean enabled;

    ShippedTemplates(TemplateStore store, TransactionTemplate transactions, Settings settings) {
        this.store = store;
        this.transactions = transactions;
        this.enabled = settings.publishShipped();
    }

    /** {@code tollgate.templates.*}: whether shipped templates are published at start-up (default true). */
    @ConfigurationProperties("tollgate.templates")
    record Settings(@DefaultValue("true") boolean publishShipped) {
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!enabled) {
            return;
        }
        Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:tollgate/templates/*.yaml");
        Arrays.sort(resources, Comparator.comparing(Resource::getFilename));
        for (Resource resource : resources) {
            String text = resource.getContentAsString(StandardCharsets.UTF_8);
            String name = resource.getFilename();
            String key = name.substring(0, name.length() - ".yaml".length());
            if (store.isPublished(key)) {
                continue;
            }
            try {
                transactions.executeWithoutResult(status -> {
                    ValidationReport report = store.saveDraft(key, text, TemplateFormat.YAML, "system");
                    if (!report.valid()) {
                        throw new InvalidTemplateException("Shipped template " + key + " is not valid", report.errors());
                    }
                    int version = store.publish(key, "system").version();
                    log.info("Published shipped template {} as version {}", key, version);
                });
            } catch (InvalidTemplateException e) {
                log.error("Shipped template {} was not published: {}", key, e.problems());
            }
        }
    }
}
