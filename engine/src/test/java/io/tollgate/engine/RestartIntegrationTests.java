package io.tollgate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Stopping and starting Tollgate on the same database keeps projects, tasks and templates. */
class RestartIntegrationTests {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start(TestDatabase.Settings db) {
        return new SpringApplicationBuilder(TollgateApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password());
    }

    @Test
    void keepsProjectsTasksAndTemplatesAcrossARestart() {
        TestDatabase.Settings db = TestDatabase.postgres() ? TestDatabase.fresh()
                : new TestDatabase.Settings("jdbc:h2:file:" + dataDir.resolve("tollgate") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
        String projectId;
        String taskId;
        try (ConfigurableApplicationContext first = start(db)) {
            Api api = api(first);
            Api.Answer created = api.as("pm").post("/api/projects", ProjectDriver.itDeliveryProject("Survives restarts"));
            assertThat(created.status()).isEqualTo(201);
            projectId = created.get("id").asText();
            taskId = created.get("stages").get(0).get("tasks").get(0).get("id").asText();
            assertThat(api.as("pm").post("/api/tasks/" + taskId + "/complete",
                    Map.of("fields", Map.of("prdUrl", "https://wiki.example.com/prd"))).status()).isEqualTo(200);
        }
        try (ConfigurableApplicationContext second = start(db)) {
            Api api = api(second);
            JsonNode project = api.as("pm").get("/api/projects/" + projectId).json();
            assertThat(project.get("name").asText()).isEqualTo("Survives restarts");
            assertThat(project.get("fields").get("prdUrl").asText()).isEqualTo("https://wiki.example.com/prd");
            assertThat(project.get("stages").get(0).get("tasks").get(0).get("status").asText()).isEqualTo("done");
            assertThat(api.as("admin").get("/api/templates/it-delivery/versions").json()).hasSize(1);
            JsonNode inbox = api.as("alice").get("/api/tasks?project=" + projectId).json();
            assertThat(inbox).hasSize(1);
            assertThat(api.as("alice").post("/api/tasks/" + inbox.get(0).get("id").asText() + "/complete", Map.of())
                    .status()).isEqualTo(200);
        }
    }

    private static Api api(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new Api("http://localhost:" + port);
    }
}
