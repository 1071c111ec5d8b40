package io.tollgate.engine;

import io.tollgate.engine.project.ProjectEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Listeners that react after commit go through the event publication registry: they see the
 * committed change, and a publication whose listener failed is delivered again after a restart.
 */
class EventPublicationIntegrationTests {

    @TempDir
    Path dataDir;

    /** A listener in another module's place: it reacts to new projects after their transaction committed. */
    @Configuration
    static class Watcher {

        static final List<String> seen = new CopyOnWriteArrayList<>();
        static volatile boolean down;

        @Bean
        Listener projectWatcher(JdbcTemplate jdbc) {
            return new Listener(jdbc);
        }

        static class Listener {
            private final JdbcTemplate jdbc;

            Listener(JdbcTemplate jdbc) {
                this.jdbc = jdbc;
            }

            @ApplicationModuleListener
            void on(ProjectEvents.ProjectCreated event) {
                if (down) {
                    throw new IllegalStateException("The watcher is down");
                }
                // a new transaction of its own: the row is there only if the project's transaction committed
                Integer rows = jdbc.queryForObject("select count(*) from project where id = ?", Integer.class,
                        event.projectId());
                seen.add(event.projectId() + " rows=" + rows);
            }
        }
    }

    private ConfigurableApplicationContext start(TestDatabase.Settings db) {
        return new SpringApplicationBuilder(TollgateApplication.class, Watcher.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password());
    }

    @Test
    void aListenerRunsAfterCommitAndAFailedPublicationIsDeliveredAgainAfterARestart() {
        TestDatabase.Settings db = TestDatabase.postgres() ? TestDatabase.fresh()
                : new TestDatabase.Settings("jdbc:h2:file:" + dataDir.resolve("tollgate") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
        String delivered;
        String failed;
        try (ConfigurableApplicationContext first = start(db)) {
            Api api = api(first);
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            Watcher.down = false;
            delivered = api.as("pm").post("/api/projects", ProjectDriver.itDeliveryProject("Seen after commit")).get("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> Watcher.seen.contains(delivered + " rows=1"));
            await().atMost(Duration.ofSeconds(30)).until(() -> incomplete(jdbc) == 0);

            Watcher.down = true;
            failed = api.as("pm").post("/api/projects", ProjectDriver.itDeliveryProject("Missed once")).get("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> incomplete(jdbc) == 1);
            assertThat(jdbc.queryForObject("select serialized_event from event_publication where completion_date is null",
                    String.class)).contains(failed);
            assertThat(Watcher.seen).noneMatch(s -> s.startsWith(failed));
        }
        Watcher.down = false;
        try (ConfigurableApplicationContext second = start(db)) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> Watcher.seen.contains(failed + " rows=1"));
            await().atMost(Duration.ofSeconds(30)).until(() -> incomplete(jdbc) == 0);
            assertThat(Watcher.seen).filteredOn(s -> s.startsWith(delivered)).as("delivered once").hasSize(1);
        }
    }

    private static int incomplete(JdbcTemplate jdbc) {
        return jdbc.queryForObject("select count(*) from event_publication where completion_date is null", Integer.class);
    }

    private static Api api(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new Api("http://localhost:" + port);
    }
}
