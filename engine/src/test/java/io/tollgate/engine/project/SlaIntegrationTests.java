package io.tollgate.engine.project;

import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.MovableClock;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stage's SLA: its duration sets the due date; passing it marks the stage overdue, and being
 * late by more than alertAfter escalates. Time moves on one clock shared by Tollgate and the engine,
 * and the engine's async executor fires the timers as it does in production: the test never runs a
 * job itself, so it cannot race the executor.
 */
@Import(SlaIntegrationTests.EngineTime.class)
@TestPropertySource(properties = "flowable.process.async.executor.default-timer-job-acquire-wait-time=PT0.2S")
class SlaIntegrationTests extends IntegrationTestSupport {

    @TestConfiguration
    static class EngineTime {

        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }

        @Bean
        EngineConfigurationConfigurer<SpringProcessEngineConfiguration> engineTime(MovableClock clock) {
            return configuration -> configuration.setClock(clock.forEngine());
        }
    }

    @Autowired
    MovableClock clock;

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
        assertThat(Duration.between(Instant.parse(stage.get("startedAt").asText()),
                Instant.parse(stage.get("dueAt").asText()))).isEqualTo(Duration.ofHours(8));
        assertThat(created.get("health").asText()).isEqualTo("green");

        clock.advance(Duration.ofHours(8).plusMinutes(1));
        JsonNode overdue = awaitStage(id, "overdueAt");
        assertThat(overdue.get("stages").get(0).hasNonNull("escalatedAt")).isFalse();
        assertThat(overdue.get("health").asText()).isEqualTo("yellow");

        clock.advance(Duration.ofHours(4));
        JsonNode escalated = awaitStage(id, "escalatedAt");
        assertThat(escalated.get("health").asText()).isEqualTo("red");
        assertThat(escalated.get("stages").get(0).get("status").asText()).as("the work goes on").isEqualTo("active");

        String task = escalated.get("stages").get(0).get("tasks").get(0).get("id").asText();
        assertThat(api().as("alice").post("/api/tasks/" + task + "/complete", Map.of()).status()).isEqualTo(200);
        assertThat(api().as("pm").get("/api/projects/" + id).get("status").asText()).isEqualTo("completed");
    }

    /** Waits, at most a minute, for the executor to have fired the timer that sets {@code field}. */
    private JsonNode awaitStage(String projectId, String field) {
        return await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> api().as("pm").get("/api/projects/" + projectId).json(),
                        project -> project.get("stages").get(0).hasNonNull(field));
    }
}
