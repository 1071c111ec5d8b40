package io.tollgate.engine.comment;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.ProjectDriver;
import io.tollgate.engine.security.AppUser;
import io.tollgate.engine.security.Actors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CommentIntegrationTests extends IntegrationTestSupport {

    @Autowired
    Actors actors;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void commentsOnAProjectAndATaskMentionPeopleAndReachTheAudit() {
        Api pm = api().as("pm");
        String project = pm.post("/api/projects", ProjectDriver.itDeliveryProject("Discussed")).get("id").asText();
        String task = pm.get("/api/tasks?project=" + project).json().get(0).get("id").asText();

        Api.Answer posted = pm.post("/api/projects/" + project + "/comments",
                Map.of("text", "@alice please look at the PRD; @nobody42 is not here. <b>bold</b>"));
        assertThat(posted.status()).as(posted.text()).isEqualTo(201);
        assertThat(posted.get("author").asText()).isEqualTo("pm");
        assertThat(posted.get("mentions")).extracting(JsonNode::asText).containsExactly("alice");
        assertThat(posted.get("text").asText()).endsWith("<b>bold</b>");

        Api.Answer onTask = api().as("alice").post("/api/projects/" + project + "/comments",
                Map.of("text", "On it.", "taskId", task));
        assertThat(onTask.status()).as(onTask.text()).isEqualTo(201);

        JsonNode all = api().as("alice").get("/api/projects/" + project + "/comments").json();
        assertThat(all).extracting(c -> c.get("text").asText()).containsExactly(
                "@alice please look at the PRD; @nobody42 is not here. <b>bold</b>", "On it.");
        JsonNode ofTask = pm.get("/api/projects/" + project + "/comments?taskId=" + task).json();
        assertThat(ofTask).extracting(c -> c.get("author").asText()).containsExactly("alice");

        JsonNode audit = pm.get("/api/projects/" + project + "/audit").json();
        assertThat(audit).filteredOn(a -> a.get("action").asText().equals("comment.posted"))
                .extracting(a -> a.get("actor").asText()).containsExactly("pm", "alice");
        assertThat(audit).filteredOn(a -> a.get("action").asText().equals("comment.posted"))
                .first().extracting(a -> a.get("detail").asText()).asString().startsWith("mentions alice: ");
    }

    @Test
    void refusesEmptyLongAndMisplacedComments() {
        Api pm = api().as("pm");
        String project = pm.post("/api/projects", ProjectDriver.itDeliveryProject("Bounded")).get("id").asText();
        String path = "/api/projects/" + project + "/comments";

        Api.Answer empty = pm.post(path, Map.of("text", "   "));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.get("errors").get(0).get("path").asText()).isEqualTo("text");
        assertThat(pm.post(path, Map.of("text", "x".repeat(4001))).status()).isEqualTo(400);
        assertThat(pm.post(path, Map.of("text", "bell \u0007")).status()).isEqualTo(400);
        Api.Answer wrongTask = pm.post(path, Map.of("text", "hi", "taskId", "no-such-task"));
        assertThat(wrongTask.status()).isEqualTo(400);
        assertThat(wrongTask.get("errors").get(0).get("path").asText()).isEqualTo("taskId");
        assertThat(pm.get(path + "?limit=0").status()).isEqualTo(400);
        assertThat(pm.get("/api/projects/none/comments").status()).isEqualTo(404);
    }

    @Test
    void anotherWorkspaceNeitherReadsNorWrites() {
        Api pm = api().as("pm");
        String project = pm.post("/api/projects", ProjectDriver.itDeliveryProject("Private")).get("id").asText();
        pm.post("/api/projects/" + project + "/comments", Map.of("text", "internal"));

        String b = UUID.randomUUID().toString();
        jdbc.update("insert into workspace (id, ws_key, name, enabled_modules, row_version) values (?, ?, ?, ?, 0)",
                b, "c-" + b.substring(0, 8), "Company C", "");
        String stranger = "stranger" + b.substring(0, 8);
        actors.register(new AppUser(stranger, encoder.encode(stranger), stranger, null, b, false), Set.of("admin"), Set.of());

        Api them = api().as(stranger);
        assertThat(them.get("/api/projects/" + project + "/comments").status()).isEqualTo(404);
        assertThat(them.post("/api/projects/" + project + "/comments", Map.of("text", "hello")).status()).isEqualTo(404);
        assertThat(pm.get("/api/projects/" + project + "/comments").json()).hasSize(1);
    }
}
