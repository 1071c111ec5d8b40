package io.tollgate.engine.notification;

import io.tollgate.engine.Api;
import io.tollgate.engine.MovableClock;
import io.tollgate.engine.TestDatabase;
import io.tollgate.engine.TollgateApplication;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server that stops between a failed delivery and its retry: the next server on the same database
 * sends it, once, with the same delivery id, and records the notice no second time.
 */
class DeliveryRestartIntegrationTests {

    static final MovableClock CLOCK = new MovableClock();

    @TempDir
    Path dataDir;

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

    private ConfigurableApplicationContext start(TestDatabase.Settings db) {
        return new SpringApplicationBuilder(TollgateApplication.class, SharedTime.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(),
                "--spring.main.allow-bean-definition-overriding=true",
                "--tollgate.notifications.allow-private-targets=true",
                "--tollgate.notifications.poll-interval=PT0.1S",
                "--tollgate.notifications.first-retry=PT1H",
                "--tollgate.notifications.max-retry=PT1H");
    }

    @Test
    void aRestartBetweenAFailureAndItsRetryLosesNothingAndRepeatsNothing() throws Exception {
        TestDatabase.Settings db = TestDatabase.postgres() ? TestDatabase.fresh()
                : new TestDatabase.Settings("jdbc:h2:file:" + dataDir.resolve("tollgate") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String project;
            String deliveryId;
            try (ConfigurableApplicationContext first = start(db)) {
                Api api = api(first);
                assertThat(api.as("admin").post("/api/webhooks", Map.of("kind", "generic", "name", "down",
                        "url", receiver.url("/down"), "secret", "restart-secret")).status()).isEqualTo(201);
                api.as("admin").put("/api/templates/notify-restart", "application/yaml", """
                        key: notify-restart
                        name: Notify restart
                        stages:
                          - key: only
                            tasks: [ { key: t, assignee: "user:carol" } ]
                        """);
                assertThat(api.as("admin").post("/api/templates/notify-restart/publish", Map.of()).status()).isEqualTo(201);
                project = api.as("pm").post("/api/projects", Map.of("template", "notify-restart", "name", "Restart"))
                        .get("id").asText();
                JsonNode failed = await().atMost(Duration.ofMinutes(1)).until(() -> delivery(api, project),
                        d -> d != null && d.get("attempts").asInt() == 1 && d.get("status").asText().equals("pending"));
                deliveryId = failed.get("id").asText();
            }
            receiver.down = false;
            CLOCK.advance(Duration.ofHours(2));
            try (ConfigurableApplicationContext second = start(db)) {
                Api api = api(second);
                JsonNode sent = await().atMost(Duration.ofMinutes(1)).until(() -> delivery(api, project),
                        d -> d != null && d.get("status").asText().equals("sent"));
                assertThat(sent.get("id").asText()).isEqualTo(deliveryId);
                assertThat(sent.get("attempts").asInt()).isEqualTo(2);
                List<WebhookReceiver.Received> got = receiver.at("/down", "/projects/" + project);
                assertThat(got).extracting(r -> r.header("X-Tollgate-Delivery")).containsExactly(deliveryId, deliveryId);
                assertThat(got).extracting(WebhookReceiver.Received::answered).containsExactly(503, 200);
                JsonNode inbox = api.as("carol").get("/api/notifications?size=100").get("items");
                assertThat(inbox).filteredOn(n -> n.get("projectId").asText().equals(project)).hasSize(1);
            }
        }
    }

    private static JsonNode delivery(Api api, String project) {
        for (JsonNode d : api.as("admin").get("/api/notifications/deliveries?size=100").get("items")) {
            if (d.get("projectId").asText().equals(project) && d.get("channel").asText().equals("webhook")) {
                return d;
            }
        }
        return null;
    }

    private static Api api(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new Api("http://localhost:" + port);
    }
}
