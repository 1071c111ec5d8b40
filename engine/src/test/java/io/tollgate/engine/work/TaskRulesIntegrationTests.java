package io.tollgate.engine.work;

import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.ProjectDriver;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may complete what, and when: every refusal is a ProblemDetail, never a 500. */
class TaskRulesIntegrationTests extends IntegrationTestSupport {

    private JsonNode create() {
        Api.Answer created = api().as("pm").post("/api/projects", ProjectDriver.itDeliveryProject("Rules"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json();
    }

    private static String taskId(JsonNode project, int stage, int task) {
        return project.get("stages").get(stage).get("tasks").get(task).get("id").asText();
    }

    @Test
    void refusesATaskOfALaterStageWhileAnEarlierStageIsOpen() {
        JsonNode project = create();
        String develop = taskId(project, 2, 0);

        Api.Answer answer = api().as("alice").post("/api/tasks/" + develop + "/complete", Map.of());

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.contentType()).contains("application/problem+json");
        assertThat(answer.get("type").asText()).endsWith("/prerequisites-unmet");
        assertThat(answer.get("unmet").get(0).get("kind").asText()).isEqualTo("stage");
        assertThat(answer.get("unmet").get(0).get("key").asText()).isEqualTo("prototype");
        assertThat(answer.get("unmet").get(0).get("message").asText()).contains("Prototype");
    }

    @Test
    void refusesATaskWhoseRequiredTaskIsOpen() {
        JsonNode project = create();
        String review = taskId(project, 0, 1);

        Api.Answer answer = api().as("alice").post("/api/tasks/" + review + "/complete", Map.of());

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.get("unmet").get(0).get("kind").asText()).isEqualTo("task");
        assertThat(answer.get("unmet").get(0).get("key").asText()).isEqualTo("writePrd");
    }

    @Test
    void answersNotFoundForAnUnknownTask() {
        Api.Answer answer = api().as("alice").post("/api/tasks/no-such-task/complete", Map.of());

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).contains("application/problem+json");
        assertThat(answer.get("detail").asText()).contains("no-such-task");
    }

    @Test
    void answersForbiddenForSomeoneElsesTask() {
        JsonNode project = create();
        String write = taskId(project, 0, 0);

        Api.Answer answer = api().as("alice").post("/api/tasks/" + write + "/complete", Map.of());

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.contentType()).contains("application/problem+json");
        assertThat(answer.get("detail").asText()).contains("pm");
    }

    @Test
    void refusesFieldValuesThatBreakTheirRules() {
        JsonNode project = create();
        String write = taskId(project, 0, 0);

        Api.Answer answer = api().as("pm").post("/api/tasks/" + write + "/complete",
                Map.of("fields", Map.of("prdUrl", "not a link", "colour", "blue")));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.get("errors").findValuesAsText("path")).containsExactlyInAnyOrder("fields.prdUrl", "fields.colour");
        assertThat(api().as("pm").get("/api/projects/" + project.get("id").asText()).get("stages").get(0)
                .get("tasks").get(0).get("status").asText()).isEqualTo("open");
    }

    @Test
    void refusesAProjectWithoutItsRequiredFieldsAndRoles() {
        Api.Answer answer = api().as("pm").post("/api/projects", Map.of("template", "it-delivery", "name", "Bare",
                "fields", Map.of("budget", -5), "roles", Map.of("pm", java.util.List.of("nobody"))));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.get("errors").findValuesAsText("path"))
                .contains("fields.budget", "roles.pm", "roles.sponsor", "roles.dev", "roles.qa");
    }

    @Test
    void answersProblemsForBadRequests() {
        Api.Answer unauthenticated = api().get("/api/tasks");
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(unauthenticated.contentType()).contains("application/problem+json");

        Api.Answer notJson = api().as("pm").post("/api/projects", "{not json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.contentType()).contains("application/problem+json");

        Api.Answer memberCreates = api().as("alice").post("/api/projects", ProjectDriver.itDeliveryProject("No"));
        assertThat(memberCreates.status()).isEqualTo(403);

        Api.Answer unknownProject = api().as("pm").get("/api/projects/nope");
        assertThat(unknownProject.status()).isEqualTo(404);

        Api.Answer badStatus = api().as("pm").get("/api/projects?status=sleeping");
        assertThat(badStatus.status()).isEqualTo(400);
    }

    @Test
    void theSameIdempotencyKeyCreatesOneProjectAndReplaysTheAnswer() {
        String key = java.util.UUID.randomUUID().toString();
        Api.Answer first = api().as("pm").post("/api/projects", ProjectDriver.itDeliveryProject("Once"), key);
        Api.Answer again = api().as("pm").post("/api/projects", ProjectDriver.itDeliveryProject("Once"), key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.get("id").asText()).isEqualTo(first.get("id").asText());
        long named = api().as("pm").get("/api/projects?q=Once&size=100").get("items").findValuesAsText("name").stream()
                .filter("Once"::equals).count();
        assertThat(named).isEqualTo(1);

        String task = first.get("stages").get(0).get("tasks").get(0).get("id").asText();
        Api.Answer elsewhere = api().as("pm").post("/api/tasks/" + task + "/complete", Map.of(), key);
        assertThat(elsewhere.status()).isEqualTo(422);
    }
}
