package io.tollgate.engine.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the designer asks of the server besides the template API: a preview of a draft with sample values
 * (each stage's condition evaluated in the sandbox, each gate's approvers for sample people), and the
 * diagram of a draft that is not saved. Only admins may ask; bad input is a 4xx.
 */
class DesignerEndpointsIntegrationTests extends IntegrationTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode draft() throws Exception {
        return JSON.readTree("""
                {"key": "preview-me", "name": "Preview me",
                 "roles": {"pm": {"name": "Project manager"}, "sponsor": {"name": "Sponsor"}},
                 "fields": [{"key": "budget", "type": "money", "min": 0}, {"key": "secret", "type": "boolean"}],
                 "stages": [
                   {"key": "plan", "name": "Plan", "owner": "pm",
                    "gate": {"approval": {"approvers": ["sponsor", "user:alice", "group:qa"], "mode": "quorum:2"}}},
                   {"key": "audit", "name": "Audit", "when": "budget > 100000 || secret == true"},
                   {"key": "ship", "name": "Ship", "names": {"zh-CN": "发布"}, "gate": {"approval": {"approvers": ["pm"], "mode": "any"}}}
                 ]}
                """);
    }

    @Test
    void previewTellsWhichStagesRunAndWhoApproves() throws Exception {
        Api admin = api().as("admin");
        Map<String, Object> body = new HashMap<>();
        body.put("template", draft());
        body.put("fields", Map.of("budget", 50000));
        body.put("roles", Map.of("sponsor", List.of("carol", "bob"), "pm", List.of("pm")));
        Api.Answer small = admin.post("/api/templates/preview-me/preview", body);
        assertThat(small.status()).isEqualTo(200);
        JsonNode stages = small.get("stages");
        assertThat(stages.get(0).get("runs").asBoolean()).isTrue();
        assertThat(stages.get(0).get("mode").asText()).isEqualTo("quorum:2");
        assertThat(JSON.convertValue(stages.get(0).get("approvers"), List.class)).containsExactly("carol", "bob", "alice", "@qa");
        assertThat(stages.get(1).get("runs").asBoolean()).isFalse();
        assertThat(stages.get(2).get("approvers").get(0).asText()).isEqualTo("pm");

        body.put("fields", Map.of("budget", 200000));
        assertThat(admin.post("/api/templates/preview-me/preview", body).get("stages").get(1).get("runs").asBoolean()).isTrue();
        body.put("fields", Map.of("budget", "", "secret", true));
        assertThat(admin.post("/api/templates/preview-me/preview", body).get("stages").get(1).get("runs").asBoolean()).isTrue();

        // a value that breaks its field's rule is reported, and the stage is judged without it
        body.put("fields", Map.of("budget", -5));
        Api.Answer bad = admin.post("/api/templates/preview-me/preview", body);
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.get("fieldProblems").get(0).get("field").asText()).isEqualTo("budget");
        assertThat(bad.get("stages").get(1).get("runs").asBoolean()).isFalse();
    }

    @Test
    void previewAndDiagramAreForAdminsAndRefuseBadInput() throws Exception {
        Api pm = api().as("pm");
        assertThat(pm.post("/api/templates/preview-me/preview", Map.of("template", draft())).status()).isEqualTo(403);
        assertThat(pm.postRaw("/api/templates/preview-me/diagram.svg", "application/json", draft().toString()).status()).isEqualTo(403);

        Api admin = api().as("admin");
        Api.Answer notAnObject = admin.post("/api/templates/preview-me/preview", Map.of("template", "key: x"));
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(notAnObject.contentType()).contains("problem+json");
        Map<String, List<String>> roles = new HashMap<>();
        for (int i = 0; i < 201; i++) {
            roles.put("r" + i, List.of("x"));
        }
        assertThat(admin.post("/api/templates/preview-me/preview", Map.of("template", draft(), "roles", roles)).status())
                .isEqualTo(400);
    }

    @Test
    void theDiagramOfADraftIsDrawnWithoutSavingIt() throws Exception {
        Api admin = api().as("admin");
        Api.Answer svg = admin.postRaw("/api/templates/preview-me/diagram.svg?lang=zh-CN", "application/json", draft().toString());
        assertThat(svg.status()).isEqualTo(200);
        assertThat(svg.contentType()).startsWith("image/svg+xml");
        assertThat(svg.text()).startsWith("<svg").contains("stage__audit").contains("发布");
        assertThat(admin.get("/api/templates/preview-me?draft=true").status()).isEqualTo(404);

        // a draft with errors cannot be drawn: the answer lists them with their paths
        JsonNode broken = draft();
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.at("/stages/0/gate/approval")).put("mode", "quorum:9");
        ((com.fasterxml.jackson.databind.node.ArrayNode) broken.at("/stages/0/gate/approval/approvers")).removeAll().add("user:alice");
        Api.Answer refused = admin.postRaw("/api/templates/preview-me/diagram.svg", "application/json", broken.toString());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.get("errors").get(0).get("path").asText()).isEqualTo("$.stages[0].gate.approval.mode");
    }
}
