package io.tollgate.engine.template;

import io.tollgate.modeler.model.Template;
import io.tollgate.modeler.parse.TemplateFormat;
import io.tollgate.modeler.parse.TemplateReader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The templates shipped under {@code classpath:tollgate/templates/}, read once: each one's key, exact
 * text, parsed model and descriptions by language ({@code tollgate/library/descriptions.properties}
 * adds languages other than the template's own English description).
 */
@Component
class ShippedCatalogue {

    /** One shipped template. */
    record Shipped(String key, String text, Template template, Map<String, String> descriptions) {

        List<String> modules() {
            return template == null ? List.of() : template.modules();
        }
    }

    private final List<Shipped> shipped;

    ShippedCatalogue() {
        this.shipped = read();
    }

    List<Shipped> all() {
        return shipped;
    }

    Optional<Shipped> find(String key) {
        return shipped.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    private static List<Shipped> read() {
        try {
            PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
            Properties translations = new Properties();
            for (Resource r : resolver.getResources("classpath*:tollgate/library/descriptions.properties")) {
                try (Reader in = new InputStreamReader(r.getInputStream(), StandardCharsets.UTF_8)) {
                    translations.load(in);
                }
            }
            Resource[] resources = resolver.getResources("classpath*:tollgate/templates/*.yaml");
            Arrays.sort(resources, Comparator.comparing(Resource::getFilename));
            TemplateReader reader = new TemplateReader();
            return Arrays.stream(resources).map(resource -> {
                try {
                    String text = resource.getContentAsString(StandardCharsets.UTF_8);
                    String name = resource.getFilename();
                    String key = name.substring(0, name.length() - ".yaml".length());
                    Template template = reader.read(text, TemplateFormat.YAML).template();
                    Map<String, String> descriptions = new LinkedHashMap<>();
                    if (template != null && template.description() != null) {
                        descriptions.put("en", template.description());
                    }
                    translations.stringPropertyNames().stream().filter(p -> p.startsWith(key + "."))
                            .sorted().forEach(p -> descriptions.put(p.substring(key.length() + 1), translations.getProperty(p)));
                    return new Shipped(key, text, template, Map.copyOf(descriptions));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
