package io.tollgate.engine.work;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A project manager imports extra tasks into a running project from a CSV task list: a preview that
 * creates nothing, a confirmation that creates real work, the assignees complete it from their
 * inboxes, and the stage's gate holds (an {@code extraTask} in {@code unmet}) until they have.
 */
public class ProjectTaskImportIntegrationTests extends IntegrationTestSupport {

    /** Two stages without approval: Build (建造) with one task for the developer, then Inspect. */
    public static String template(String key) {
        return """
                key: %s
                name: Site work
                roles:
                  pm: { name: Project manager }
                  dev: { name: Developer }
                stages:
                  - key: build
                    name: Build
                    names: { zh-CN: 建造 }
                    tasks:
                      - { key: pour, name: Pour concrete, assignee: dev }
                    gate: { criteria: [ { allTasksDone: true } ] }
                  - key: inspect
                    name: Inspect
                    names: { zh-CN: 验收 }
                    tasks:
                      - { key: check, name: Final check, assignee: dev }
                """.formatted(key);
    }

    /** Publishes a template and starts a project on it with bob as the developer; answers the project. */
    public static JsonNode runningProject(Api api, String name) {
        String key = "site-" + UUID.randomUUID().toString().substring(0, 8);
        Api admin = api.as("admin");
        assertThat(admin.put("/api/templates/" + key, "application/yaml", template(key)).status()).isBetween(200, 201);
        Api.Answer published = admin.post("/api/templates/" + key + "/publish", Map.of());
        assertThat(published.status()).as(published.text()).isEqualTo(201);
        Api.Answer created = api.as("pm").post("/api/projects", Map.of("template", key, "name", name, "fields", Map.of(),
                "roles", Map.of("pm", List.of("pm"), "dev", List.of("bob"))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json();
    }

    public static byte[] utf8WithBom(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[body.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(body, 0, out, 3, body.length);
        return out;
    }

    private static JsonNode inboxItem(Api api, String user, String projectId, String name) {
        for (JsonNode item : api.as(user).get("/api/tasks?project=" + projectId).json()) {
            if (item.get("name").asText().equals(name)) {
                return item;
            }
        }
        return null;
    }

    private static JsonNode task(JsonNode stage, String name) {
        for (JsonNode t : stage.get("tasks")) {
            if (t.get("name").asText().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no task " + name);
    }

    private static JsonNode stage(JsonNode project, String key) {
        for (JsonNode s : project.get("stages")) {
            if (s.get("key").asText().equals(key)) {
                return s;
            }
        }
        throw new AssertionError("no stage " + key);
    }

    @Test
    void importedTasksBecomeRealWorkAndHoldTheGateUntilDone() {
        JsonNode project = runningProject(api(), "Import into a running project");
        String id = project.get("id").asText();
        Api pm = api().as("pm");
        String csv = """
                Stage,Task,Assignee,Duration,Predecessor
                Build,Order rebar,alice,2,
                建造,"Fix scaffold, north side",alice,P1D,Order rebar
                Inspect,Extra check,carol,,
                """;
        Api.Answer preview = pm.postBytes("/api/projects/" + id + "/task-imports", "text/csv", utf8WithBom(csv));
        assertThat(preview.status()).as(preview.text()).isEqualTo(200);
        assertThat(preview.get("confirmable").asBoolean()).isTrue();
        assertThat(preview.get("problems")).isEmpty();
        assertThat(preview.get("tasks")).hasSize(3);
        assertThat(preview.get("tasks").get(0).get("status").asText()).isEqualTo("open");
        assertThat(preview.get("tasks").get(0).get("dueAt").isNull()).isFalse();
        assertThat(preview.get("tasks").get(1).get("stageKey").asText()).isEqualTo("build");
        assertThat(preview.get("tasks").get(1).get("name").asText()).isEqualTo("Fix scaffold, north side");
        assertThat(preview.get("tasks").get(1).get("status").asText()).isEqualTo("waiting");
        assertThat(preview.get("stages")).hasSize(2);
        assertThat(preview.get("assignees").toString()).contains("alice", "carol");
        assertThat(preview.get("prerequisites").asInt()).isEqualTo(1);
        assertThat(inboxItem(api(), "alice", id, "Order rebar")).as("a preview creates nothing").isNull();
        assertThat(stage(pm.get("/api/projects/" + id).json(), "build").get("tasks")).hasSize(1);

        assertThat(api().as("bob").postBytes("/api/projects/" + id + "/task-imports", "text/csv", utf8WithBom(csv)).status())
                .as("a member of the project who does not manage it").isEqualTo(403);
        assertThat(api().as("bob").post("/api/projects/" + id + "/task-imports/" + preview.get("id").asText() + "/confirm",
                Map.of()).status()).isEqualTo(403);

        Api.Answer confirmed = pm.post("/api/projects/" + id + "/task-imports/" + preview.get("id").asText() + "/confirm", Map.of());
        assertThat(confirmed.status()).as(confirmed.text()).isEqualTo(201);
        assertThat(confirmed.get("tasks")).hasSize(3);
        assertThat(pm.post("/api/projects/" + id + "/task-imports/" + preview.get("id").asText() + "/confirm", Map.of())
                .status()).as("confirmed once").isEqualTo(409);

        JsonNode rebar = inboxItem(api(), "alice", id, "Order rebar");
        assertThat(rebar).as("the assignee sees it in the inbox").isNotNull();
        assertThat(rebar.get("stageKey").asText()).isEqualTo("build");
        assertThat(Instant.parse(rebar.get("dueAt").asText())).isAfter(Instant.parse(rebar.get("openedAt").asText()));
        assertThat(inboxItem(api(), "alice", id, "Fix scaffold, north side")).as("waits for Order rebar").isNull();
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(api().as("alice")
                .get("/api/notifications?size=100").get("items").findValuesAsText("title")).contains("Task for you: Order rebar"));
        assertThat(inboxItem(api(), "carol", id, "Extra check")).as("its stage has not started").isNull();

        JsonNode view = pm.get("/api/projects/" + id).json();
        JsonNode build = stage(view, "build");
        assertThat(build.get("tasks")).hasSize(3);
        assertThat(build.get("tasks").get(0).get("imported").asBoolean()).isFalse();
        assertThat(build.get("tasks").get(1).get("name").asText()).as("in file order").isEqualTo("Order rebar");
        assertThat(build.get("tasks").get(1).get("imported").asBoolean()).isTrue();
        assertThat(build.get("gate").get("criteria").toString()).contains("extraTask", "Order rebar");
        assertThat(stage(view, "inspect").get("tasks")).hasSize(2);

        Api.Answer waiver = pm.post("/api/projects/" + id + "/stages/build/waivers", Map.of("criterion",
                task(build, "Order rebar").get("key").asText(), "reason", "skip it", "expiresAt", "2099-01-01"));
        assertThat(waiver.status()).as("an imported task is not waived: " + waiver.text()).isEqualTo(400);
        assertThat(waiver.text()).contains("\"criterion\"");

        String pour = inboxItem(api(), "bob", id, "Pour concrete").get("id").asText();
        Api.Answer blocked = api().as("bob").post("/api/tasks/" + pour + "/complete", Map.of());
        assertThat(blocked.status()).as(blocked.text()).isEqualTo(409);
        List<String> kinds = new ArrayList<>();
        blocked.get("unmet").forEach(u -> kinds.add(u.get("kind").asText()));
        assertThat(kinds).contains("extraTask");
        assertThat(blocked.get("unmet").toString()).contains("Order rebar", "Fix scaffold");

        String scaffold = task(build, "Fix scaffold, north side").get("id").asText();
        Api.Answer early = api().as("alice").post("/api/tasks/" + scaffold + "/complete", Map.of());
        assertThat(early.status()).as(early.text()).isEqualTo(409);
        assertThat(early.get("unmet").get(0).get("kind").asText()).isEqualTo("task");
        assertThat(api().as("carol").post("/api/tasks/" + rebar.get("id").asText() + "/complete", Map.of()).status())
                .as("someone else's task").isEqualTo(403);

        Api.Answer done = api().as("alice").post("/api/tasks/" + rebar.get("id").asText() + "/complete", Map.of());
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        JsonNode next = inboxItem(api(), "alice", id, "Fix scaffold, north side");
        assertThat(next).as("opens once Order rebar is done").isNotNull();
        blocked = api().as("bob").post("/api/tasks/" + pour + "/complete", Map.of());
        assertThat(blocked.status()).isEqualTo(409);
        assertThat(blocked.get("unmet").toString()).contains("Fix scaffold").doesNotContain("Order rebar");
        assertThat(api().as("alice").post("/api/tasks/" + next.get("id").asText() + "/complete", Map.of()).status())
                .isEqualTo(200);

        Api.Answer passed = api().as("bob").post("/api/tasks/" + pour + "/complete", Map.of());
        assertThat(passed.status()).as(passed.text()).isEqualTo(200);
        assertThat(stage(passed.json(), "build").get("status").asText()).isEqualTo("done");
        JsonNode extra = inboxItem(api(), "carol", id, "Extra check");
        assertThat(extra).as("opens when its stage starts").isNotNull();
        String check = inboxItem(api(), "bob", id, "Final check").get("id").asText();
        Api.Answer held = api().as("bob").post("/api/tasks/" + check + "/complete", Map.of());
        assertThat(held.status()).isEqualTo(409);
        assertThat(held.get("unmet").get(0).get("kind").asText()).isEqualTo("extraTask");
        assertThat(api().as("carol").post("/api/tasks/" + extra.get("id").asText() + "/complete", Map.of()).status())
                .isEqualTo(200);
        Api.Answer finished = api().as("bob").post("/api/tasks/" + check + "/complete", Map.of());
        assertThat(finished.status()).as(finished.text()).isEqualTo(200);
        assertThat(finished.get("status").asText()).isEqualTo("completed");

        String audit = pm.get("/api/projects/" + id + "/audit").text();
        assertThat(audit).contains("tasks.imported", "task.imported", "Order rebar");
        Api.Answer late = pm.postBytes("/api/projects/" + id + "/task-imports", "text/csv", utf8WithBom(csv));
        assertThat(late.status()).as("a completed project takes no more tasks").isEqualTo(409);
    }

    @Test
    void badRowsAreReportedByRowAndColumnAndNothingIsCreated() {
        JsonNode project = runningProject(api(), "Import with mistakes");
        String id = project.get("id").asText();
        Api pm = api().as("pm");
        String csv = """
                阶段;任务名称;负责人;工期（天）;前置任务
                Nowhere;Dig;alice;2;
                建造;Order rebar;mallory;2;
                建造;Fix scaffold;alice;两天;
                验收;Extra check;carol;;Missing task
                验收;Extra check 2;carol;;Later task
                验收;;carol;;
                建造;Later task;alice;1;Extra check
                """;
        Api.Answer preview = pm.postBytes("/api/projects/" + id + "/task-imports", "text/csv",
                csv.getBytes(Charset.forName("GB18030")));
        assertThat(preview.status()).as(preview.text()).isEqualTo(200);
        assertThat(preview.get("charset").asText()).isEqualTo("GB18030");
        assertThat(preview.get("confirmable").asBoolean()).isFalse();
        List<String> where = new ArrayList<>();
        preview.get("problems").forEach(p -> where.add(p.get("row").asInt() + p.get("column").asText() + " " + p.get("code").asText()));
        assertThat(where).containsExactly("2A stage-unknown", "3C assignee-unknown", "4D duration", "5E predecessor-unknown",
                "7B empty", "8E predecessor-later");
        assertThat(preview.get("problems").get(0).get("message").asText()).contains("Nowhere", "Build");

        Api.Answer refused = pm.post("/api/projects/" + id + "/task-imports/" + preview.get("id").asText() + "/confirm", Map.of());
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.get("rows")).hasSize(6);
        assertThat(stage(pm.get("/api/projects/" + id).json(), "build").get("tasks")).as("nothing created").hasSize(1);

        assertThat(pm.postBytes("/api/projects/" + id + "/task-imports", "text/csv",
                "Stage,Task\n".repeat(1).concat("x".repeat(1_100_000)).getBytes(StandardCharsets.UTF_8)).status())
                .as("oversize").isEqualTo(413);
        assertThat(pm.postBytes("/api/projects/" + id + "/task-imports", "text/csv",
                "just,some,words\n".getBytes(StandardCharsets.UTF_8)).status()).as("no header").isEqualTo(400);
        assertThat(pm.post("/api/projects/" + id + "/task-imports/no-such-preview/confirm", Map.of()).status())
                .isEqualTo(404);
        assertThat(api().as("alice").postBytes("/api/projects/" + id + "/task-imports", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8)).status()).as("not part of the project").isEqualTo(404);
    }
}
