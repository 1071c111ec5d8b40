package io.tollgate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tollgate.modeler.compiler.BpmnVerifier;
import io.tollgate.modeler.fuzz.RandomTemplates;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random templates through the whole server: each is either refused with errors, or published,
 * started and worked to completion by the demo users. Nothing ever answers 5xx. The modeler's own
 * fuzz tests push thousands of documents through validation and compilation; this one takes a
 * sample all the way through the engine ({@code -Dtollgate.fuzz.count} to take more).
 */
class TemplateFuzzIntegrationTests extends IntegrationTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final List<String> EVERYONE = List.of("alice", "bob", "carol", "pm", "admin");

    @Test
    void everyRandomTemplateIsRefusedWithErrorsOrRunsToCompletion() throws Exception {
        int count = Integer.getInteger("tollgate.fuzz.count", 30);
        int published = 0;
        int refused = 0;
        for (int seed = 0; seed < count; seed++) {
            boolean valid = seed % 2 == 0;
            Random random = new Random(seed);
            ObjectNode document = valid ? RandomTemplates.valid(random) : RandomTemplates.broken(random);
            String key = "fuzz-" + seed;
            document.put("key", key);
            runnable(document);
            String body = seed % 4 < 2 ? JSON.writeValueAsString(document) : YAML.writeValueAsString(document);
            String type = seed % 4 < 2 ? "application/json" : "application/yaml";
            Api admin = api().as("admin");
            Api.Answer saved = admin.put("/api/templates/" + key, type, body);
            assertThat(saved.status()).as("seed %d: %s", seed, saved.text()).isIn(200, 400);
            Api.Answer publish = admin.post("/api/templates/" + key + "/publish", Map.of());
            assertThat(publish.status()).as("seed %d publish: %s", seed, publish.text()).isIn(201, 400, 404);
            if (publish.status() != 201) {
                assertThat(valid).as("seed %d is valid but was refused: %s", seed, publish.text()).isFalse();
                if (publish.status() == 400) {
                    assertThat(publish.get("errors")).as("seed %d", seed).isNotEmpty();
                }
                refused++;
                continue;
            }
            published++;
            assertThat(BpmnVerifier.schemaError(admin.get("/api/templates/" + key + "/bpmn").text()))
                    .as("seed %d against the OMG BPMN 2.0 schema", seed).isNull();
            run(seed, key, document);
        }
        assertThat(published).isPositive();
        assertThat(refused).isPositive();
    }

    /** Everyone plays every role; gates then need everyone's vote, which the driver gives. */
    private void run(int seed, String key, ObjectNode document) {
        Map<String, Object> roles = new LinkedHashMap<>();
        document.path("roles").fieldNames().forEachRemaining(r -> roles.put(r, EVERYONE));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("template", key);
        body.put("name", "Fuzz " + seed);
        body.put("fields", ProjectDriver.values(definitions(document.path("fields")), api().as("pm")));
        body.put("roles", roles);
        Api.Answer created = api().as("pm").post("/api/projects", body);
        if (created.status() == 400 && created.get("errors").findValuesAsText("path").stream().allMatch("roles"::equals)) {
            // a quorum over groups that overlap the named users: only people can tell, so the start refuses
            assertThat(created.text()).as("seed %d", seed).contains("approvals but only");
            return;
        }
        assertThat(created.status()).as("seed %d start: %s", seed, created.text()).isEqualTo(201);
        String id = created.get("id").asText();
        for (int round = 0; round < 200; round++) {
            JsonNode project = api().as("pm").get("/api/projects/" + id).json();
            if (project.get("status").asText().equals("completed")) {
                return;
            }
            boolean moved = false;
            for (String user : EVERYONE) {
                for (JsonNode item : api().as(user).get("/api/tasks?project=" + id).json()) {
                    moved |= act(seed, user, item, id, document);
                }
            }
            assertThat(moved).as("seed %d: nobody can move %s", seed, project).isTrue();
        }
        throw new AssertionError("seed " + seed + " did not finish");
    }

    private boolean act(int seed, String user, JsonNode item, String projectId, ObjectNode document) {
        String id = item.get("id").asText();
        boolean task = item.get("kind").asText().equals("task");
        Api.Answer answer = task
                ? api().as(user).post("/api/tasks/" + id + "/complete", Map.of("fields", ProjectDriver.values(item.get("fields"), api().as(user))))
                : api().as(user).post("/api/tasks/" + id + "/decision", Map.of("decision", "approve"));
        if (answer.status() == 409 && answer.get("unmet") != null) {
            // a criterion on a field filled elsewhere: fill it, as a project manager would
            Map<String, Object> fill = new LinkedHashMap<>();
            // a task still waiting for others also hears what its gate lacks; fields wait until the work is done
            boolean waiting = false;
            for (JsonNode unmet : answer.get("unmet")) {
                waiting |= List.of("stage", "task").contains(unmet.get("kind").asText());
            }
            for (JsonNode unmet : answer.get("unmet")) {
                assertThat(unmet.get("kind").asText()).as("seed %d: %s", seed, answer.text())
                        .isIn("field", "stage", "task", "expression");
                if (!waiting && unmet.get("kind").asText().equals("field")) {
                    fill.putAll(ProjectDriver.values(definitions(fieldDef(document, unmet.get("key").asText())), api().as("pm")));
                }
            }
            if (!fill.isEmpty()) {
                Api.Answer patched = api().as("pm").patch("/api/projects/" + projectId + "/fields", Map.of("fields", fill));
                assertThat(patched.status()).as("seed %d patch: %s", seed, patched.text()).isEqualTo(200);
            }
            return !fill.isEmpty();
        }
        assertThat(answer.status()).as("seed %d %s acting on %s: %s", seed, user, item, answer.text()).isIn(200, 409);
        return answer.status() == 200;
    }

    /** Field definitions as the inbox shows them, so the driver's value maker can fill them. */
    private static JsonNode definitions(JsonNode fields) {
        ArrayNode out = JSON.createArrayNode();
        fields.forEach(f -> {
            ObjectNode copy = f.deepCopy();
            if (copy.has("options")) {
                ArrayNode options = JSON.createArrayNode();
                copy.get("options").forEach(o -> options.add(o.isObject() ? o : JSON.createObjectNode().put("value", o.asText())));
                copy.set("options", options);
            }
            out.add(copy);
        });
        return out;
    }

    private static JsonNode fieldDef(ObjectNode document, String key) {
        List<JsonNode> all = new ArrayList<>();
        document.path("fields").forEach(all::add);
        document.path("stages").forEach(s -> {
            s.path("fields").forEach(all::add);
            s.path("tasks").forEach(t -> t.path("fields").forEach(all::add));
        });
        ArrayNode out = JSON.createArrayNode();
        all.stream().filter(f -> f.path("key").asText().equals(key)).findFirst().ifPresent(out::add);
        return out;
    }

    /**
     * Makes a valid template workable by a robot: a pattern or an expression criterion asks for
     * values only a person would know, so they are left out; everything else stays.
     */
    private static void runnable(ObjectNode document) {
        List<JsonNode> fields = new ArrayList<>();
        if (!document.path("stages").isArray()) {
            return;
        }
        document.path("fields").forEach(fields::add);
        document.path("stages").forEach(s -> {
            s.path("fields").forEach(fields::add);
            s.path("tasks").forEach(t -> t.path("fields").forEach(fields::add));
            JsonNode criteria = s.path("gate").path("criteria");
            if (criteria.isArray() && criteria.size() > 0) {
                for (int i = criteria.size() - 1; i >= 0; i--) {
                    if (criteria.get(i).has("expression")) {
                        ((ArrayNode) criteria).remove(i);
                    }
                }
            }
        });
        fields.stream().filter(JsonNode::isObject).forEach(f -> ((ObjectNode) f).remove("pattern"));
    }
}
