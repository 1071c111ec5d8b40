package io.tollgate.engine.retrospective;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.security.AppUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RetrospectiveIntegrationTests extends IntegrationTestSupport {

    @Autowired
    Actors actors;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    JdbcTemplate jdbc;

    String template;

    @BeforeEach
    void publishTemplate() {
        template = "retro-" + UUID.randomUUID().toString().substring(0, 8);
        Api admin = api().as("admin");
        Api.Answer saved = admin.put("/api/templates/" + template, "application/yaml", """
                key: %s
                name: Retro check
                roles:
                  pm: { name: Project manager }
                stages:
                  - { key: plan, name: Plan, owner: pm, tasks: [ { key: write, name: Write, assignee: "user:alice" } ] }
                  - { key: ship, name: Ship, owner: pm, tasks: [ { key: release, name: Release, assignee: "user:alice" } ] }
                """.formatted(template));
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        assertThat(admin.post("/api/templates/" + template + "/publish", Map.of()).status()).isEqualTo(201);
    }

    /** A project pm manages and alice works, run to its end unless {@code finish} is false. */
    private String project(String name, boolean finish) {
        Api.Answer created = api().as("pm").post("/api/projects", Map.of("template", template, "name", name,
                "roles", Map.of("pm", List.of("pm"))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.get("id").asText();
        if (finish) {
            Api alice = api().as("alice");
            for (int i = 0; i < 2; i++) {
                String task = alice.get("/api/tasks?project=" + id).json().get(0).get("id").asText();
                Api.Answer done = alice.post("/api/tasks/" + task + "/complete", Map.of("fields", Map.of()));
                assertThat(done.status()).as(done.text()).isEqualTo(200);
            }
            assertThat(api().as("pm").get("/api/projects/" + id).get("status").asText()).isEqualTo("completed");
        }
        return id;
    }

    @Test
    void theManagerRecordsMembersReadAndTheWorkspaceFindsItByAStageNote() {
        String word = "Zebra" + UUID.randomUUID().toString().substring(0, 6);
        String project = project("Harbour crane", true);
        String path = "/api/projects/" + project + "/retrospective";
        Api pm = api().as("pm");
        Api alice = api().as("alice");

        JsonNode blank = alice.get(path).json();
        assertThat(blank.get("recorded").asBoolean()).isFalse();
        assertThat(blank.get("editable").asBoolean()).isFalse();
        assertThat(blank.get("stages")).extracting(s -> s.get("key").asText()).containsExactly("plan", "ship");
        assertThat(pm.get(path).get("editable").asBoolean()).isTrue();

        Api.Answer denied = alice.put(path, "application/json", "{\"wentWell\":\"I liked it\"}");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.contentType()).startsWith("application/problem+json");

        Api.Answer saved = pm.put(path, "application/json", """
                {"wentWell": "Early supplier talks", "toImprove": "Book the crane sooner",
                 "stageNotes": {"ship": "The %s permit took three weeks", "plan": "  "}}""".formatted(word));
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        assertThat(saved.get("recorded").asBoolean()).isTrue();
        assertThat(saved.get("recordedBy").asText()).isEqualTo("pm");

        JsonNode read = alice.get(path).json();
        assertThat(read.get("wentWell").asText()).isEqualTo("Early supplier talks");
        assertThat(read.get("toImprove").asText()).isEqualTo("Book the crane sooner");
        assertThat(read.get("stages").get(0).get("note")).isNull();
        assertThat(read.get("stages").get(1).get("note").asText()).contains(word);

        Api.Answer revised = pm.put(path, "application/json", """
                {"wentWell": "Early supplier talks", "toImprove": "Book the crane sooner and check wind limits",
                 "stageNotes": {"ship": "The %s permit took three weeks"}}""".formatted(word));
        assertThat(revised.status()).isEqualTo(200);
        JsonNode audit = pm.get("/api/projects/" + project + "/audit").json();
        assertThat(audit).extracting(a -> a.get("action").asText())
                .contains("retrospective.recorded", "retrospective.revised");
        assertThat(audit).filteredOn(a -> a.get("action").asText().startsWith("retrospective."))
                .extracting(a -> a.get("actor").asText()).containsOnly("pm");

        for (Api reader : List.of(pm, alice)) {
            JsonNode found = reader.get("/api/retrospectives?q=" + word.toUpperCase()).json();
            assertThat(found.get("total").asLong()).isEqualTo(1);
            JsonNode hit = found.get("items").get(0);
            assertThat(hit.get("projectId").asText()).isEqualTo(project);
            assertThat(hit.get("projectName").asText()).isEqualTo("Harbour crane");
            assertThat(hit.get("stages")).extracting(s -> s.get("key").asText()).containsExactly("ship");
        }
        assertThat(pm.get("/api/retrospectives?q=wind+LIMITS&template=" + template).get("total").asLong()).isEqualTo(1);
        assertThat(pm.get("/api/retrospectives?q=" + word + "&template=other").get("total").asLong()).isZero();
        assertThat(pm.get("/api/retrospectives?template=" + template).get("items")).isNotEmpty();
        // % and _ are letters to the search, not wildcards
        assertThat(pm.get("/api/retrospectives?q=%25" + word.substring(1)).get("total").asLong()).isZero();

        // bob takes no part in the project: neither the page nor the search shows it to him
        assertThat(api().as("bob").get(path).status()).isEqualTo(404);
        assertThat(api().as("bob").get("/api/retrospectives?q=" + word).get("total").asLong()).isZero();
        // another workspace never sees it
        Api stranger = api().as(stranger());
        assertThat(stranger.get(path).status()).isEqualTo(404);
        assertThat(stranger.put(path, "application/json", "{\"wentWell\":\"x\"}").status()).isEqualTo(404);
        assertThat(stranger.get("/api/retrospectives?q=" + word).get("total").asLong()).isZero();
        assertThat(stranger.get("/api/retrospectives").get("items")).isEmpty();
    }

    @Test
    void waitsForCompletionAndBoundsWhatIsWritten() {
        String running = project("Still running", false);
        Api pm = api().as("pm");
        Api.Answer early = pm.get("/api/projects/" + running + "/retrospective");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.get("type").asText()).endsWith("project-not-completed");
        assertThat(pm.put("/api/projects/" + running + "/retrospective", "application/json", "{\"wentWell\":\"x\"}").status())
                .isEqualTo(409);

        String path = "/api/projects/" + project("Bounded", true) + "/retrospective";
        Api.Answer tooLong = pm.put(path, "application/json", "{\"wentWell\":\"" + "x".repeat(4001) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.get("errors").get(0).get("path").asText()).isEqualTo("wentWell");
        Api.Answer longNote = pm.put(path, "application/json", "{\"stageNotes\":{\"plan\":\"" + "y".repeat(2001) + "\"}}");
        assertThat(longNote.get("errors").get(0).get("path").asText()).isEqualTo("stageNotes.plan");
        Api.Answer noStage = pm.put(path, "application/json", "{\"stageNotes\":{\"launch\":\"hm\"}}");
        assertThat(noStage.status()).isEqualTo(400);
        assertThat(noStage.get("errors").get(0).get("path").asText()).isEqualTo("stageNotes.launch");
        assertThat(pm.put(path, "application/json", "{\"wentWell\":\"  \"}").status()).isEqualTo(400);
        assertThat(pm.put(path, "application/json", "{\"toImprove\":\"bell \\u0007\"}").status()).isEqualTo(400);
        assertThat(pm.get(path).get("recorded").asBoolean()).isFalse();

        assertThat(pm.get("/api/retrospectives?q=" + "q".repeat(101)).status()).isEqualTo(400);
        assertThat(pm.get("/api/retrospectives?size=0").status()).isEqualTo(400);
        assertThat(pm.get("/api/retrospectives?size=101").status()).isEqualTo(400);
        assertThat(pm.get("/api/retrospectives?page=-1").status()).isEqualTo(400);
        assertThat(pm.get("/api/projects/nope/retrospective").status()).isEqualTo(404);
    }

    /** An admin of a workspace of their own. */
    private String stranger() {
        String b = UUID.randomUUID().toString();
        jdbc.update("insert into workspace (id, ws_key, name, enabled_modules, row_version) values (?, ?, ?, ?, 0)",
                b, "r-" + b.substring(0, 8), "Company R", "");
        String name = "outsider" + b.substring(0, 8);
        actors.register(new AppUser(name, encoder.encode(name), name, null, b, false), Set.of("admin"), Set.of());
        return name;
    }
}
