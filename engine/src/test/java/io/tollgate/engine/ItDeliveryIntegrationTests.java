package io.tollgate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped it-delivery template, driven only through the HTTP API by the demo users. */
class ItDeliveryIntegrationTests extends IntegrationTestSupport {

    private String create(String name) {
        Api.Answer created = api().as("pm").post("/api/projects", ProjectDriver.itDeliveryProject(name));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.get("id").asText();
    }

    @Test
    void listsTheShippedTemplateAsVersionOne() {
        Api.Answer list = api().as("admin").get("/api/templates");

        assertThat(list.status()).isEqualTo(200);
        JsonNode itDelivery = null;
        for (JsonNode t : list.json()) {
            if (t.get("key").asText().equals("it-delivery")) {
                itDelivery = t;
            }
        }
        assertThat(itDelivery).isNotNull();
        assertThat(itDelivery.get("latestVersion").asInt()).isEqualTo(1);
        assertThat(itDelivery.get("name").asText()).isEqualTo("IT software delivery");
    }

    @Test
    void drivesItDeliveryFromCreationToCompletion() {
        String id = create("Checkout redesign");
        ProjectDriver driver = new ProjectDriver(api());

        JsonNode start = driver.project(id);
        assertThat(statuses(start)).containsExactly("active", "waiting", "waiting", "waiting", "waiting");

        JsonNode done = driver.runToCompletion(id);

        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(statuses(done)).containsOnly("done");
        for (JsonNode stage : done.get("stages")) {
            for (JsonNode task : stage.get("tasks")) {
                assertThat(task.get("status").asText()).isEqualTo("done");
                List<String> candidates = new ArrayList<>();
                task.get("candidates").forEach(c -> candidates.add(c.asText()));
                assertThat(candidates).as("task %s done by its assignee", task.get("key"))
                        .contains("user:" + task.get("completedBy").asText());
            }
            JsonNode decisions = stage.get("gate").get("approval").get("decisions");
            assertThat(decisions).isNotEmpty();
            decisions.forEach(d -> assertThat(d.get("decision").asText()).isEqualTo("approve"));
        }
        assertThat(done.get("stages").get(1).get("gate").get("approval").get("mode").asText()).isEqualTo("any");
        Api.Answer audit = api().as("pm").get("/api/projects/" + id + "/audit");
        assertThat(audit.json().toString()).contains("project.created", "task.completed", "gate.approve");
    }

    @Test
    void aClientThatOpensTheProjectItselfStartsItWithTheShortAnswer() {
        Api.Answer started = api().as("pm").prefer("return=minimal").post("/api/projects",
                ProjectDriver.itDeliveryProject("Short answer"));
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        String id = started.json().get("id").asText();
        assertThat(started.json().get("name").asText()).isEqualTo("Short answer");
        assertThat(started.json().get("status").asText()).isEqualTo("active");
        assertThat(started.json().has("stages")).as("no project view").isFalse();
        assertThat(inbox("pm", id)).as("the first task is open").hasSize(1);
    }

    @Test
    void rejectionSendsTheStageBackAndTheProjectStillCompletes() {
        String id = create("Loyalty app");
        ProjectDriver driver = new ProjectDriver(api());
        // write the PRD (pm), then the review (a developer); the gate then waits for the sponsor
        JsonNode first = inbox("pm", id).get(0);
        // an inbox line names its task and stage in each language, without the template
        assertThat(first.get("names").get("zh-CN").asText()).isEqualTo("编写需求文档");
        assertThat(first.get("stageName").asText()).isEqualTo("Requirements review");
        assertThat(first.get("stageNames").get("zh-CN").asText()).isEqualTo("需求评审");
        String write = first.get("id").asText();
        assertThat(api().as("pm").post("/api/tasks/" + write + "/complete",
                Map.of("fields", Map.of("prdUrl", "https://wiki.example.com/prd"))).status()).isEqualTo(200);
        String review = inbox("bob", id).get(0).get("id").asText();
        // a client that reloads its own list asks for the short answer: the item and the project's status
        Api.Answer reviewed = api().as("bob").prefer("return=minimal").post("/api/tasks/" + review + "/complete", Map.of());
        assertThat(reviewed.status()).as(reviewed.text()).isEqualTo(200);
        assertThat(reviewed.json().get("id").asText()).isEqualTo(review);
        assertThat(reviewed.json().get("status").asText()).isEqualTo("done");
        assertThat(reviewed.json().get("projectStatus").asText()).isEqualTo("active");
        assertThat(reviewed.json().has("stages")).as("no project view").isFalse();
        JsonNode inReview = driver.project(id);
        assertThat(inReview.get("stages").get(0).get("status").asText()).isEqualTo("approval");
        String approval = inbox("carol", id).get(0).get("id").asText();

        Api.Answer noComment = api().as("carol").post("/api/tasks/" + approval + "/decision", Map.of("decision", "reject"));
        assertThat(noComment.status()).isEqualTo(400);
        assertThat(noComment.contentType()).contains("application/problem+json");
        assertThat(noComment.get("errors").get(0).get("path").asText()).isEqualTo("comment");

        Api.Answer rejected = api().as("carol").post("/api/tasks/" + approval + "/decision",
                Map.of("decision", "reject", "comment", "The PRD misses the payment flows."));
        assertThat(rejected.status()).as(rejected.text()).isEqualTo(200);

        JsonNode stage = rejected.get("stages").get(0);
        assertThat(stage.get("status").asText()).isEqualTo("active");
        assertThat(stage.get("reworkCount").asInt()).isEqualTo(1);
        assertThat(stage.get("tasks").get(0).get("status").asText()).isEqualTo("open");
        assertThat(stage.get("gate").get("approval").get("decisions").get(0).get("comment").asText())
                .isEqualTo("The PRD misses the payment flows.");
        assertThat(rejected.get("stages").get(1).get("status").asText()).isEqualTo("waiting");

        JsonNode done = driver.runToCompletion(id);
        assertThat(done.get("status").asText()).isEqualTo("completed");
    }

    @Test
    void approvalWaitsForTheGateCriteria() {
        String id = create("Data platform");
        // complete both requirement tasks without filling the PRD link the gate needs
        String write = inbox("pm", id).get(0).get("id").asText();
        assertThat(api().as("pm").post("/api/tasks/" + write + "/complete", Map.of("fields", Map.of())).status()).isEqualTo(200);
        String review = inbox("alice", id).get(0).get("id").asText();
        assertThat(api().as("alice").post("/api/tasks/" + review + "/complete", Map.of()).status()).isEqualTo(200);
        String approval = inbox("carol", id).get(0).get("id").asText();

        Api.Answer early = api().as("carol").post("/api/tasks/" + approval + "/decision", Map.of("decision", "approve"));

        assertThat(early.status()).isEqualTo(409);
        assertThat(early.get("unmet").get(0).get("kind").asText()).isEqualTo("field");
        assertThat(early.get("unmet").get(0).get("key").asText()).isEqualTo("prdUrl");
        assertThat(early.get("unmet").get(0).get("message").asText()).contains("PRD link");

        Api.Answer patched = api().as("pm").patch("/api/projects/" + id + "/fields",
                Map.of("fields", Map.of("prdUrl", "https://wiki.example.com/prd")));
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        Api.Answer approved = api().as("carol").post("/api/tasks/" + approval + "/decision", Map.of("decision", "approve"));
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        assertThat(approved.get("stages").get(0).get("status").asText()).isEqualTo("done");
        assertThat(approved.get("stages").get(1).get("status").asText()).isEqualTo("active");
    }

    private JsonNode inbox(String user, String projectId) {
        Api.Answer inbox = api().as(user).get("/api/tasks?project=" + projectId);
        assertThat(inbox.status()).isEqualTo(200);
        return inbox.json();
    }

    private static List<String> statuses(JsonNode project) {
        List<String> out = new ArrayList<>();
        project.get("stages").forEach(s -> out.add(s.get("status").asText()));
        return out;
    }
}
