package io.tollgate.engine.modules;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The criterion kinds modules judge, through the API as the people concerned: a gate blocked by an
 * open high risk until it is mitigated, a gate blocked until the PM marks a release ready, a template
 * refused when it uses a criterion of a module it does not require or that is off, and the releases
 * API answering 404 while its module is off.
 */
class ModuleCriteriaIntegrationTests extends IntegrationTestSupport {

    private static final String TEMPLATE = """
            key: %s
            name: Module criteria
            names: { zh-CN: 受控 }
            modules: [risks, releases]
            stages:
              - key: build
                tasks: [ { key: code, assignee: "user:alice" } ]
                gate:
                  criteria: [ { %s: true } ]
                  approval: { approvers: ["user:carol"], mode: any }
              - key: operate
                tasks: [ { key: watch, assignee: "user:alice" } ]
            """;

    private final Map<String, Boolean> before = new java.util.HashMap<>();

    @BeforeEach
    void rememberModules() {
        api().as("admin").get("/api/modules").json().forEach(m -> before.put(m.get("module").asText(), m.get("enabled").asBoolean()));
    }

    @AfterEach
    void restoreModules() {
        Api admin = api().as("admin");
        before.forEach((module, on) -> admin.put("/api/modules/" + module, "application/json", "{\"enabled\": " + on + "}"));
    }

    private void modulesOn() {
        Api admin = api().as("admin");
        assertThat(admin.put("/api/modules/risks", "application/json", "{\"enabled\": true}").status()).isEqualTo(200);
        assertThat(admin.put("/api/modules/releases", "application/json", "{\"enabled\": true}").status()).isEqualTo(200);
    }

    private String publishAndStart(String key, String criterion) {
        Api admin = api().as("admin");
        assertThat(admin.put("/api/templates/" + key, "application/yaml", TEMPLATE.formatted(key, criterion)).status())
                .isBetween(200, 201);
        Api.Answer published = admin.post("/api/templates/" + key + "/publish", Map.of());
        assertThat(published.status()).as(published.text()).isEqualTo(201);
        Api.Answer started = api().as("pm").post("/api/projects", Map.of("template", key, "name", "Module gate " + key));
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        String id = started.get("id").asText();
        JsonNode tasks = api().as("alice").get("/api/tasks?project=" + id).json();
        assertThat(api().as("alice").post("/api/tasks/" + tasks.get(0).get("id").asText() + "/complete", Map.of()).status())
                .isEqualTo(200);
        return id;
    }

    private String approval(String project) {
        JsonNode inbox = api().as("carol").get("/api/tasks?project=" + project).json();
        assertThat(inbox).hasSize(1);
        return inbox.get(0).get("id").asText();
    }

    private static List<String> unmetKeys(Api.Answer answer) {
        return java.util.stream.StreamSupport.stream(answer.get("unmet").spliterator(), false)
                .map(u -> u.get("key").asText()).toList();
    }

    @Test
    void anOpenHighRiskBlocksTheGateUntilItIsMitigated() {
        modulesOn();
        String project = publishAndStart("risk-gate", "noOpenHighRisk");
        Api pm = api().as("pm");
        String low = pm.post("/api/projects/" + project + "/risks", Map.of("title", "Minor typo", "probability", 2,
                "impact", 2)).get("id").asText();
        Api.Answer high = pm.post("/api/projects/" + project + "/risks", Map.of("title", "Vendor API late",
                "probability", 4, "impact", 5, "owner", "alice", "mitigation", "Mock the API", "reviewOn", "2030-01-15"));
        assertThat(high.status()).isEqualTo(201);
        assertThat(high.get("score").asInt()).isEqualTo(20);
        assertThat(high.get("level").asText()).isEqualTo("high");

        Api.Answer refused = api().as("carol").post("/api/tasks/" + approval(project) + "/decision", Map.of("decision", "approve"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).contains("application/problem+json");
        assertThat(unmetKeys(refused)).containsExactly("noOpenHighRisk");
        assertThat(refused.get("unmet").get(0).get("message").asText()).contains("Vendor API late").doesNotContain("Minor typo");
        JsonNode criteria = pm.get("/api/projects/" + project).json().get("stages").get(0).get("gate").get("criteria");
        assertThat(criteria.toString()).contains("noOpenHighRisk");

        assertThat(pm.patch("/api/projects/" + project + "/risks/" + high.get("id").asText(), Map.of("status", "mitigated"))
                .get("status").asText()).isEqualTo("mitigated");
        assertThat(low).isNotBlank();
        Api.Answer approved = api().as("carol").post("/api/tasks/" + approval(project) + "/decision", Map.of("decision", "approve"));
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        assertThat(pm.get("/api/projects/" + project).json().get("stages").get(1).get("status").asText()).isEqualTo("active");
    }

    @Test
    void aGateWaitsForTheReleaseThePmMarksReady() {
        modulesOn();
        String project = publishAndStart("release-gate", "releaseReady");
        Api pm = api().as("pm");
        Api.Answer none = api().as("carol").post("/api/tasks/" + approval(project) + "/decision", Map.of("decision", "approve"));
        assertThat(none.status()).isEqualTo(409);
        assertThat(unmetKeys(none)).containsExactly("releaseReady");

        Api.Answer release = pm.post("/api/projects/" + project + "/releases", Map.of("version", "1.0", "plannedOn",
                "2030-03-01", "notes", "First cut", "links", List.of("stage:build", "task:code")));
        assertThat(release.status()).as(release.text()).isEqualTo(201);
        assertThat(release.get("ready").asBoolean()).isFalse();
        assertThat(release.get("links").toString()).contains("stage:build", "task:code");
        Api.Answer notReady = api().as("carol").post("/api/tasks/" + approval(project) + "/decision", Map.of("decision", "approve"));
        assertThat(notReady.status()).isEqualTo(409);
        assertThat(notReady.get("unmet").get(0).get("message").asText()).contains("1.0");

        String path = "/api/projects/" + project + "/releases/" + release.get("id").asText();
        assertThat(api().as("alice").patch(path, Map.of("ready", true)).status()).as("only the PM marks it").isEqualTo(403);
        Api.Answer marked = pm.patch(path, Map.of("ready", true));
        assertThat(marked.get("ready").asBoolean()).isTrue();
        assertThat(marked.get("readyBy").asText()).isEqualTo("pm");
        assertThat(api().as("carol").post("/api/tasks/" + approval(project) + "/decision", Map.of("decision", "approve"))
                .status()).isEqualTo(200);

        Api.Answer bad = pm.post("/api/projects/" + project + "/releases", Map.of("version", "", "links",
                List.of("stage:nowhere"), "notes", "x".repeat(10_001)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).contains("application/problem+json");
        assertThat(bad.get("errors").toString()).contains("version", "links[0]", "notes");
        assertThat(pm.post("/api/projects/" + project + "/releases", Map.of("version", "1.0")).status()).isEqualTo(409);
        assertThat(api().as("alice").get("/api/projects/" + project + "/releases").json()).hasSize(1);

        api().as("admin").put("/api/modules/releases", "application/json", "{\"enabled\": false}");
        Api.Answer off = pm.get("/api/projects/" + project + "/releases");
        assertThat(off.status()).isEqualTo(404);
        assertThat(off.contentType()).contains("application/problem+json");
        assertThat(pm.patch(path, Map.of("ready", false)).status()).isEqualTo(404);
    }

    @Test
    void aTemplateCannotUseTheCriterionOfAModuleItDoesNotRequireOrThatIsOff() {
        Api admin = api().as("admin");
        admin.put("/api/modules/releases", "application/json", "{\"enabled\": false}");
        admin.put("/api/templates/risk-unlisted", "application/yaml", """
                key: risk-unlisted
                name: Unlisted
                stages:
                  - key: build
                    gate: { criteria: [ { noOpenHighRisk: true } ] }
                """);
        Api.Answer unlisted = admin.post("/api/templates/risk-unlisted/publish", Map.of());
        assertThat(unlisted.status()).isEqualTo(400);
        assertThat(unlisted.get("errors").toString()).contains("criterion-module-not-required", "$.stages[0].gate.criteria[0]");

        admin.put("/api/templates/risk-off", "application/yaml", TEMPLATE.formatted("risk-off", "noOpenHighRisk"));
        Api.Answer off = admin.post("/api/templates/risk-off/publish", Map.of());
        assertThat(off.status()).isEqualTo(400);
        assertThat(off.get("errors").toString()).contains("module-not-enabled");
    }
}
