package io.tollgate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowable.common.engine.api.FlowableObjectNotFoundException;
import org.flowable.common.engine.api.FlowableOptimisticLockingException;
import org.flowable.engine.ManagementService;
import org.flowable.job.api.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stage's SLA: its duration sets the due date; passing it marks the stage overdue, and being
 * late by more than alertAfter escalates. The timers are fired through the engine's job API, so
 * the test does not wait for the clock.
 */
class SlaIntegrationTests extends IntegrationTestSupport {

    @Autowired
    ManagementService management;

    @Test
    void aLateStageTurnsOverdueThenEscalates() {
        Api admin = api().as("admin");
        admin.put("/api/templates/sla-check", "application/yaml", """
                key: sla-check
                name: SLA check
                stages:
                  - key: work
                    duration: PT8H
                    alertAfter: PT4H
                    tasks: [ { key: t, assignee: "user:alice" } ]
                """);
        assertThat(admin.post("/api/templates/sla-check/publish", Map.of()).status()).isEqualTo(201);
        Api.Answer created = api().as("pm").post("/api/projects", Map.of("template", "sla-check", "name", "Late"));
        String id = created.get("id").asText();
        JsonNode stage = created.get("stages").get(0);
        assertThat(java.time.Duration.between(java.time.Instant.parse(stage.get("startedAt").asText()),
                java.time.Instant.parse(stage.get("dueAt").asText()))).isEqualTo(java.time.Duration.ofHours(8));
        assertThat(created.get("health").asText()).isEqualTo("green");

        List<Job> timers = management.createTimerJobQuery().processInstanceId(id).orderByJobDuedate().asc().list();
        assertThat(timers).hasSize(2);
        fire(timers.get(0));
        JsonNode overdue = awaitStage(id, "overdueAt");
        assertThat(overdue.get("stages").get(0).hasNonNull("escalatedAt")).isFalse();
        assertThat(overdue.get("health").asText()).isEqualTo("yellow");

        fire(timers.get(1));
        JsonNode escalated = awaitStage(id, "escalatedAt");
        assertThat(escalated.get("health").asText()).isEqualTo("red");
        assertThat(escalated.get("stages").get(0).get("status").asText()).as("the work goes on").isEqualTo("active");

        String task = escalated.get("stages").get(0).get("tasks").get(0).get("id").asText();
        assertThat(api().as("alice").post("/api/tasks/" + task + "/complete", Map.of()).status()).isEqualTo(200);
        assertThat(api().as("pm").get("/api/projects/" + id).get("status").asText()).isEqualTo("completed");
    }

    /**
     * Makes a timer due now and runs it. The engine's async executor may grab the same job first;
     * then this call loses the race (optimistic lock, or the job is gone) and the executor's run counts.
     */
    private void fire(Job timer) {
        Job executable = management.moveTimerToExecutableJob(timer.getId());
        try {
            management.executeJob(executable.getId());
        } catch (FlowableOptimisticLockingException | FlowableObjectNotFoundException raced) {
            // the executor ran it
        }
    }

    private JsonNode awaitStage(String projectId, String field) {
        for (int i = 0; i < 300; i++) {
            JsonNode project = api().as("pm").get("/api/projects/" + projectId).json();
            if (project.get("stages").get(0).hasNonNull(field)) {
                return project;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("stage never got " + field);
    }
}
