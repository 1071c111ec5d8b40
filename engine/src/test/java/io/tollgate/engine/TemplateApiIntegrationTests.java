package io.tollgate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.modeler.compiler.BpmnVerifier;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Drafts, validation, publishing and versions through the template API. */
class TemplateApiIntegrationTests extends IntegrationTestSupport {

    private static final String BROKEN = """
            key: broken-one
            roles:
              pm: { name: PM }
            stages:
              - key: plan
                tasks: [ { key: write, assignee: pm } ]
              - key: plan
                tasks: [ { key: build, assignee: ghost } ]
            """;

    private static final String SMALL = """
            key: small-change
            name: Small change
            roles:
              owner: { name: Owner }
            fields:
              - { key: ticket, type: url, required: true }
            stages:
              - key: do
                name: Do it
                tasks: [ { key: change, name: Make the change, assignee: owner } ]
                gate: { approval: { approvers: [owner], mode: any } }
            """;

    @Test
    void refusesATemplateWithEveryProblemAndItsPath() {
        Api admin = api().as("admin");
        Api.Answer saved = admin.put("/api/templates/broken-one", "application/yaml", BROKEN);
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.get("valid").asBoolean()).isFalse();

        Api.Answer published = admin.post("/api/templates/broken-one/publish", Map.of());

        assertThat(published.status()).isEqualTo(400);
        assertThat(published.contentType()).contains("application/problem+json");
        JsonNode errors = published.get("errors");
        assertThat(errors).hasSize(3);
        assertThat(errors.findValuesAsText("path")).containsExactlyInAnyOrder(
                "$.name", "$.stages[1].key", "$.stages[1].tasks[0].assignee");
        assertThat(errors.findValuesAsText("message")).allSatisfy(m -> assertThat(m).isNotBlank());
        assertThat(admin.get("/api/templates/broken-one/versions").json()).isEmpty();
    }

    @Test
    void refusesADocumentThatDoesNotParse() {
        Api.Answer answer = api().as("admin").put("/api/templates/garbled", "application/yaml", "key: [unclosed");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.get("errors").get(0).get("message").asText()).contains("line");
    }

    @Test
    void publishingMakesANewVersionAndKeepsTheOldOne() {
        Api admin = api().as("admin");
        assertThat(admin.put("/api/templates/small-change", "application/yaml", SMALL).status()).isEqualTo(200);
        Api.Answer v1 = admin.post("/api/templates/small-change/publish", Map.of());
        assertThat(v1.status()).as(v1.text()).isEqualTo(201);
        assertThat(v1.get("version").asInt()).isEqualTo(1);

        String renamed = SMALL.replace("name: Small change", "name: Small change, reviewed");
        assertThat(admin.put("/api/templates/small-change", "application/yaml", renamed).status()).isEqualTo(200);
        assertThat(admin.get("/api/templates").json().findValues("key").stream().map(JsonNode::asText).toList())
                .contains("small-change");
        Api.Answer v2 = admin.post("/api/templates/small-change/publish", Map.of());
        assertThat(v2.get("version").asInt()).isEqualTo(2);

        assertThat(admin.get("/api/templates/small-change/versions").json().findValuesAsText("version"))
                .containsExactly("1", "2");
        assertThat(admin.get("/api/templates/small-change?version=1").get("name").asText()).isEqualTo("Small change");
        assertThat(admin.get("/api/templates/small-change").get("name").asText()).isEqualTo("Small change, reviewed");
        assertThat(admin.get("/api/templates/small-change", "application/yaml").text()).isEqualTo(renamed);
    }

    @Test
    void servesTheCompiledBpmnWithADiagram() {
        Api.Answer bpmn = api().as("admin").get("/api/templates/it-delivery/bpmn");

        assertThat(bpmn.status()).isEqualTo(200);
        assertThat(bpmn.text()).contains("<bpmndi:BPMNShape", "stage__requirements", "approval__release");
        assertThat(BpmnVerifier.schemaError(bpmn.text())).isNull();
    }

    @Test
    void refusesAKeyThatCannotBeATemplateKey() {
        Api.Answer answer = api().as("admin").put("/api/templates/Not_A_Key", "application/yaml", SMALL);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.get("errors").get(0).get("code").asText()).isEqualTo("template-key-invalid");
    }

    @Test
    void onlyAdminsWriteTemplates() {
        Api.Answer answer = api().as("pm").put("/api/templates/sneaky", "application/yaml", SMALL.replace("small-change", "sneaky"));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.contentType()).contains("application/problem+json");
    }

    @Test
    void validatesABodyWithoutSavingIt() {
        Api.Answer answer = api().as("admin").postRaw("/api/templates/anything/validate", "application/json",
                "{\"key\":\"anything\",\"name\":\"A\",\"stages\":[{\"key\":\"s\",\"after\":[\"nowhere\"]}]}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.get("valid").asBoolean()).isFalse();
        assertThat(answer.get("errors").findValuesAsText("path")).isEqualTo(List.of("$.stages[0].after[0]"));
    }

    @Test
    void servesOpenApiAndHealth() {
        assertThat(api().get("/actuator/health").get("status").asText()).isEqualTo("UP");
        Api.Answer openApi = api().get("/v3/api-docs");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.get("paths").has("/api/projects")).isTrue();
        assertThat(api().get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void putsBackAnUnchangedDraftIdentically() {
        Api admin = api().as("admin");
        String yaml = SMALL.replace("small-change", "round-trip") + "# a comment the admin keeps\n";
        admin.put("/api/templates/round-trip", "application/yaml", yaml);
        String read = admin.get("/api/templates/round-trip?draft=true", "application/yaml").text();
        assertThat(read).isEqualTo(yaml);

        admin.put("/api/templates/round-trip", "application/yaml", read);
        assertThat(admin.get("/api/templates/round-trip?draft=true", "application/yaml").text()).isEqualTo(yaml);

        String json = admin.get("/api/templates/round-trip?draft=true").text();
        admin.put("/api/templates/round-trip", "application/json", json);
        assertThat(admin.get("/api/templates/round-trip?draft=true").text()).isEqualTo(json);
    }

    @Test
    void servesTheJsonSchemaOfTheLanguage() {
        Api.Answer schema = api().as("pm").get("/api/templates/schema");

        assertThat(schema.status()).isEqualTo(200);
        assertThat(schema.text()).contains("\"$id\"", "https://tollgate.io/schemas/template.json", "quorum");
    }

    @Test
    void refusesATemplateNeedingAModuleTheWorkspaceHasOff() {
        Api admin = api().as("admin");
        assertThat(admin.put("/api/modules/releases", "application/json", "{\"enabled\": false}").status()).isEqualTo(200);
        try {
            admin.put("/api/templates/needs-releases", "application/yaml",
                    SMALL.replace("small-change", "needs-releases").replace("name: Small change", "name: R\nmodules: [releases]"));
            Api.Answer published = admin.post("/api/templates/needs-releases/publish", Map.of());
            assertThat(published.status()).isEqualTo(400);
            assertThat(published.get("errors").get(0).get("code").asText()).isEqualTo("module-not-enabled");
            assertThat(published.get("errors").get(0).get("path").asText()).isEqualTo("$.modules[0]");
            assertThat(admin.get("/api/modules").json()).anySatisfy(m -> {
                assertThat(m.get("module").asText()).isEqualTo("releases");
                assertThat(m.get("enabled").asBoolean()).isFalse();
            });
        } finally {
            admin.put("/api/modules/releases", "application/json", "{\"enabled\": true}");
        }
        assertThat(api().as("pm").put("/api/modules/releases", "application/json", "{\"enabled\": false}").status())
                .isEqualTo(403);
    }
}
