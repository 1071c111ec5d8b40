package io.tollgate.engine.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.ProjectDriver;
import io.tollgate.modeler.model.Template;
import io.tollgate.modeler.parse.TemplateReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each template of the shipped library is published through the API (validated, compiled and
 * deployed there), started by the PM and run to completed by the people in its roles, with its
 * names in English and Chinese.
 */
class TemplateLibraryIntegrationTests extends IntegrationTestSupport {

    private static final Map<String, Map<String, Object>> START_FIELDS = Map.of(
            "it-delivery", Map.of("budget", 120000, "customer", "ACME"),
            "construction", Map.of("siteAddress", "1 Harbour Road", "floors", 24, "contractValue", 8000000),
            "marketing-campaign", Map.of("campaignBudget", 300000, "channels", List.of("social", "search")),
            "manufacturing-npi", Map.of("productName", "Pump X2", "targetCost", 120),
            "erp-rollout", Map.of("company", "ACME Foods", "erpModules", List.of("finance")),
            "pharma-change-control", Map.of("changeTitle", "Second API supplier", "changeClass", "major"));

    @ParameterizedTest
    @ValueSource(strings = {"it-delivery", "construction", "marketing-campaign", "manufacturing-npi", "erp-rollout",
            "pharma-change-control"})
    void eachShippedTemplateRunsToCompleted(String key) throws IOException {
        String yaml = new ClassPathResource("tollgate/templates/" + key + ".yaml").getContentAsString(StandardCharsets.UTF_8);
        Template template = new TemplateReader().read(yaml).template();
        assertThat(template.names()).containsKey("zh-CN");
        template.roles().values().forEach(r -> assertThat(r.names()).as("role %s", r.name()).containsKey("zh-CN"));
        template.stages().forEach(s -> {
            assertThat(s.names()).as("stage %s", s.key()).containsKey("zh-CN");
            s.tasks().forEach(t -> assertThat(t.names()).as("task %s", t.key()).containsKey("zh-CN"));
        });

        String runKey = key + "-run";
        Api admin = api().as("admin");
        Api.Answer saved = admin.put("/api/templates/" + runKey, "application/yaml", yaml.replaceFirst("(?m)^key: " + key + "$",
                "key: " + runKey));
        assertThat(saved.status()).as(saved.text()).isBetween(200, 201);
        Api.Answer published = admin.post("/api/templates/" + runKey + "/publish", Map.of());
        assertThat(published.status()).as(published.text()).isEqualTo(201);

        Map<String, Object> roles = new LinkedHashMap<>();
        template.roles().keySet().forEach(role -> roles.put(role, List.of("alice", "bob", "carol")));
        roles.put("pm", List.of("pm"));
        Api.Answer started = api().as("pm").post("/api/projects", Map.of("template", runKey, "name", "Library " + key,
                "fields", START_FIELDS.get(key), "roles", roles));
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        String id = started.get("id").asText();
        if (template.modules().contains("releases")) {
            assertThat(api().as("pm").post("/api/projects/" + id + "/releases", Map.of("version", "1.0", "ready", true))
                    .status()).isEqualTo(201);
        }

        JsonNode done = new ProjectDriver(api()).runToCompletion(id);
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(api().as("pm").get("/api/templates/" + runKey).json().toString()).contains("zh-CN");
    }
}
