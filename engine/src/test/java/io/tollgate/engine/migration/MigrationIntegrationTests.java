package io.tollgate.engine.migration;

import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.ProjectDriver;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Moving running projects to a newer template version: dry run first, then the chosen projects. */
class MigrationIntegrationTests extends IntegrationTestSupport {

    private static final String V1 = """
            key: order-flow
            name: Order flow
            fields:
              - { key: cost, type: money, min: 0 }
            stages:
              - key: quote
                fields: [ { key: quoteUrl, type: url } ]
                tasks: [ { key: prepare, assignee: "user:alice" } ]
              - key: deliver
                tasks: [ { key: ship, assignee: "user:bob" } ]
                gate: { approval: { approvers: ["user:carol"] } }
            """;

    private static final String V2 = """
            key: order-flow
            name: Order flow
            fields:
              - { key: budget, type: money, min: 0 }
            stages:
              - key: quote
                fields: [ { key: quoteUrl, type: url } ]
                tasks: [ { key: prepare, assignee: "user:alice" } ]
              - key: deliver
                tasks: [ { key: ship, assignee: "user:bob" } ]
                gate: { approval: { approvers: ["user:carol"] } }
              - key: invoice
                tasks: [ { key: bill, assignee: "user:pm" } ]
            """;

    @Test
    void dryRunThenMigrateTheChosenProjectsToAVersionThatAddsAStageAndRenamesAField() {
        Api admin = api().as("admin");
        admin.put("/api/templates/order-flow", "application/yaml", V1);
        assertThat(admin.post("/api/templates/order-flow/publish", Map.of()).get("version").asInt()).isEqualTo(1);
        String first = start("First order");
        String second = start("Second order");
        ProjectDriver driver = new ProjectDriver(api());
        String prepare = driver.project(first).get("stages").get(0).get("tasks").get(0).get("id").asText();
        assertThat(api().as("alice").post("/api/tasks/" + prepare + "/complete", Map.of()).status()).isEqualTo(200);

        admin.put("/api/templates/order-flow", "application/yaml", V2);
        assertThat(admin.post("/api/templates/order-flow/publish", Map.of()).get("version").asInt()).isEqualTo(2);
        assertThat(driver.project(first).get("version").asInt()).as("running projects stay on their version").isEqualTo(1);

        Map<String, Object> request = Map.of("fromVersion", 1, "toVersion", 2, "fieldMapping", Map.of("cost", "budget"));
        Api.Answer dryRun = admin.post("/api/templates/order-flow/migrations/dry-run", request);
        assertThat(dryRun.status()).as(dryRun.text()).isEqualTo(200);
        JsonNode plans = dryRun.get("projects");
        assertThat(plans).hasSize(2);
        for (JsonNode plan : plans) {
            assertThat(plan.get("canMigrate").asBoolean()).as(plan.toString()).isTrue();
            assertThat(plan.get("stagesAdded").get(0).asText()).isEqualTo("invoice");
            assertThat(plan.get("fieldsRenamed").get("cost").asText()).isEqualTo("budget");
            assertThat(plan.get("fieldsRemoved")).isEmpty();
        }
        JsonNode firstPlan = plans.get(0).get("projectId").asText().equals(first) ? plans.get(0) : plans.get(1);
        assertThat(firstPlan.get("runningStages").get(0).asText()).isEqualTo("deliver");
        assertThat(driver.project(first).get("version").asInt()).as("a dry run moves nothing").isEqualTo(1);

        Api.Answer migrated = admin.post("/api/templates/order-flow/migrations",
                Map.of("fromVersion", 1, "toVersion", 2, "fieldMapping", Map.of("cost", "budget"), "projects", List.of(first)));
        assertThat(migrated.status()).as(migrated.text()).isEqualTo(200);
        assertThat(migrated.get("migrated").get(0).asText()).isEqualTo(first);

        JsonNode moved = driver.project(first);
        assertThat(moved.get("version").asInt()).isEqualTo(2);
        assertThat(moved.get("fields").get("budget").asInt()).isEqualTo(900);
        assertThat(moved.get("fields").has("cost")).isFalse();
        List<String> stageKeys = new java.util.ArrayList<>();
        moved.get("stages").forEach(st -> stageKeys.add(st.get("key").asText()));
        assertThat(stageKeys).containsExactly("quote", "deliver", "invoice");
        assertThat(driver.project(second).get("version").asInt()).isEqualTo(1);
        assertThat(api().as("pm").get("/api/projects/" + first + "/audit").text()).contains("project.migrated");

        JsonNode done = driver.runToCompletion(first);
        assertThat(done.get("stages").get(2).get("status").asText()).isEqualTo("done");
        assertThat(done.get("stages").get(2).get("tasks").get(0).get("completedBy").asText()).isEqualTo("pm");
        JsonNode stayed = driver.runToCompletion(second);
        assertThat(stayed.get("stages")).hasSize(2);
    }

    @Test
    void dryRunSaysWhenARunningStageHasNowhereToGo() {
        Api admin = api().as("admin");
        admin.put("/api/templates/gone-stage", "application/yaml", """
                key: gone-stage
                name: Gone stage
                stages:
                  - { key: old, tasks: [ { key: t, assignee: "user:alice" } ] }
                """);
        admin.post("/api/templates/gone-stage/publish", Map.of());
        Api.Answer created = api().as("pm").post("/api/projects", Map.of("template", "gone-stage", "name", "Stuck"));
        assertThat(created.status()).isEqualTo(201);
        admin.put("/api/templates/gone-stage", "application/yaml", """
                key: gone-stage
                name: Gone stage
                stages:
                  - { key: fresh, tasks: [ { key: t, assignee: "user:alice" } ] }
                """);
        admin.post("/api/templates/gone-stage/publish", Map.of());

        Api.Answer dryRun = admin.post("/api/templates/gone-stage/migrations/dry-run", Map.of("fromVersion", 1, "toVersion", 2));
        assertThat(dryRun.get("projects")).as(dryRun.text()).hasSize(1);
        JsonNode plan = dryRun.get("projects").get(0);
        assertThat(plan.get("canMigrate").asBoolean()).isFalse();
        assertThat(plan.get("problems").get(0).asText()).contains("old");

        Api.Answer mappedRun = admin.post("/api/templates/gone-stage/migrations/dry-run",
                Map.of("fromVersion", 1, "toVersion", 2, "stageMapping", Map.of("old", "fresh")));
        assertThat(mappedRun.get("projects")).as(mappedRun.text()).hasSize(1);
        JsonNode mapped = mappedRun.get("projects").get(0);
        assertThat(mapped.get("canMigrate").asBoolean()).as(mapped.toString()).isTrue();
        assertThat(mapped.get("stageMapping").get(0).get("to").asText()).isEqualTo("fresh");
        assertThat(mapped.get("tasksClosing")).as("task t carries over into the renamed stage").isEmpty();

        Api.Answer moved = admin.post("/api/templates/gone-stage/migrations",
                Map.of("fromVersion", 1, "toVersion", 2, "stageMapping", Map.of("old", "fresh")));
        assertThat(moved.get("migrated")).as(moved.text()).hasSize(1);
        String id = created.get("id").asText();
        JsonNode project = new ProjectDriver(api()).project(id);
        assertThat(project.get("stages").get(0).get("key").asText()).isEqualTo("fresh");
        assertThat(project.get("stages").get(0).get("tasks").get(0).get("status").asText()).isEqualTo("open");
        assertThat(new ProjectDriver(api()).runToCompletion(id).get("status").asText()).isEqualTo("completed");
    }

    @Test
    void refusesAMigrationBetweenUnknownVersions() {
        Api.Answer answer = api().as("admin").post("/api/templates/it-delivery/migrations/dry-run",
                Map.of("fromVersion", 1, "toVersion", 9));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).contains("application/problem+json");
    }

    private String start(String name) {
        Api.Answer created = api().as("pm").post("/api/projects", Map.of("template", "order-flow", "name", name,
                "fields", Map.of("cost", 900)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.get("id").asText();
    }
}
