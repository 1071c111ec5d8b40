package io.tollgate.engine.notification;

import io.tollgate.engine.Api;
import io.tollgate.engine.MovableClock;
import io.tollgate.engine.TestDatabase;
import io.tollgate.engine.TollgateApplication;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Two servers on one PostgreSQL database, both running timers and delivery workers: each overdue
 * alert is recorded once and delivered once. (H2 keeps its file to one server, so this runs on
 * PostgreSQL only.)
 */
class TwoServersIntegrationTests {

    static final MovableClock CLOCK = new MovableClock();
    static final int PROJECTS = 6;

    @Configuration
    static class SharedTime {
        @Bean
        @Primary
        MovableClock movableClock() {
            return CLOCK;
        }

        @Bean
        EngineConfigurationConfigurer<SpringProcessEngineConfiguration> engineTime() {
            return configuration -> configuration.setClock(CLOCK.forEngine());
        }
    }

    private static ConfigurableApplicationContext start(TestDatabase.Settings db) {
        return new SpringApplicationBuilder(TollgateApplication.class, SharedTime.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(),
                "--spring.main.allow-bean-definition-overriding=true",
                "--flowable.process.async.executor.default-timer-job-acquire-wait-time=PT0.2S",
                "--tollgate.notifications.allow-private-targets=true",
                "--tollgate.notifications.poll-interval=PT0.05S");
    }

    @Test
    void eachOverdueAlertIsDeliveredOnceByTwoServers() throws Exception {
        assumeThat(TestDatabase.postgres()).as("two servers share a PostgreSQL database").isTrue();
        TestDatabase.Settings db = TestDatabase.fresh();
        try (WebhookReceiver receiver = new WebhookReceiver();
             ConfigurableApplicationContext first = start(db);
             ConfigurableApplicationContext second = start(db)) {
            Api one = api(first);
            Api two = api(second);
            assertThat(one.as("admin").post("/api/webhooks", Map.of("kind", "generic", "name", "both",
                    "url", receiver.url("/generic"), "secret", "two-servers")).status()).isEqualTo(201);
            one.as("admin").put("/api/templates/notify-two", "application/yaml", """
                    key: notify-two
                    name: Notify two
                    roles:
                      dev: { name: Developer }
                    stages:
                      - key: only
                        owner: dev
                        duration: PT1H
                        alertAfter: PT1H
                        tasks: [ { key: t, assignee: dev } ]
                    """);
            assertThat(one.as("admin").post("/api/templates/notify-two/publish", Map.of()).status()).isEqualTo(201);
            List<String> projects = new ArrayList<>();
            for (int i = 0; i < PROJECTS; i++) {
                Api api = i % 2 == 0 ? one : two;
                projects.add(api.as("pm").post("/api/projects", Map.of("template", "notify-two", "name", "Two " + i,
                        "roles", Map.of("dev", List.of("alice")))).get("id").asText());
            }
            CLOCK.advance(Duration.ofHours(3));
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() ->
                    projects.stream().allMatch(p -> receiver.received.stream().anyMatch(r -> r.answered() == 200
                            && r.body().contains("\"event\":\"stage_overdue\"") && r.body().contains(p))));
            // both workers keep polling a while: a second send would show up among these
            CLOCK.advance(Duration.ofHours(1));
            await().atMost(Duration.ofMinutes(1)).until(() -> two.as("admin")
                    .get("/api/notifications/deliveries?status=pending").get("items").isEmpty());
            List<WebhookReceiver.Received> alerts = receiver.received.stream()
                    .filter(r -> r.body().contains("\"event\":\"stage_overdue\"")).toList();
            Set<String> ids = alerts.stream().map(r -> r.header("X-Tollgate-Delivery")).collect(Collectors.toSet());
            assertThat(alerts).hasSize(PROJECTS);
            assertThat(ids).hasSize(PROJECTS);
            for (String p : projects) {
                JsonNode inbox = one.as("alice").get("/api/notifications?size=100").get("items");
                assertThat(inbox).filteredOn(n -> n.get("projectId").asText().equals(p)
                        && n.get("event").asText().equals("stage_overdue")).hasSize(1);
            }
        }
    }

    private static Api api(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new Api("http://localhost:" + port);
    }
}
