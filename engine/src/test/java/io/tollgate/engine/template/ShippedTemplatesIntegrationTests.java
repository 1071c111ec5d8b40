package io.tollgate.engine.template;

import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.security.AppUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shipped templates publish themselves only into the workspaces named in
 * {@code tollgate.templates.auto-publish} (the demo workspace); any other workspace gets them from
 * the template library when its admin installs them. Template validation is for admins: members
 * neither validate nor publish.
 */
class ShippedTemplatesIntegrationTests extends IntegrationTestSupport {

    @Autowired
    Actors actors;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aNewWorkspaceTakesShippedTemplatesFromTheLibrary() {
        String workspace = UUID.randomUUID().toString();
        jdbc.update("insert into workspace (id, ws_key, name, enabled_modules, row_version) values (?, ?, ?, '', 0)",
                workspace, "m-" + workspace.substring(0, 8), "No modules yet");
        String admin = "madmin" + workspace.substring(0, 8);
        actors.register(new AppUser(admin, encoder.encode(admin),
                admin, null, workspace, false), Set.of("admin"), Set.of());
        Api them = api().as(admin);
        assertThat(them.get("/api/templates/it-delivery").status()).as("it needs timesheets, risks, budget").isEqualTo(404);

        for (String module : List.of("timesheets", "risks", "budget")) {
            assertThat(them.put("/api/modules/" + module, "application/json", "{\"enabled\": true}").status()).isEqualTo(200);
        }
        // every listener of the switches has run (completed publications are deleted) ...
        await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.queryForObject("select count(*) from event_publication", Integer.class) == 0);
        // ... and published nothing here: this workspace is not one that auto-publishes
        assertThat(them.get("/api/templates/it-delivery").status()).isEqualTo(404);
        assertThat(them.get("/api/templates").json()).isEmpty();

        assertThat(them.post("/api/template-library/it-delivery/install", Map.of()).status()).isEqualTo(201);
        assertThat(them.get("/api/templates/it-delivery/versions").json()).hasSize(1);
    }

    @Test
    void membersNeitherValidateNorPublishTemplates() {
        assertThat(api().as("alice").postRaw("/api/templates/it-delivery/validate", "application/yaml",
                "key: it-delivery\nname: X\nstages: [ { key: s } ]\n").status()).isEqualTo(403);
        assertThat(api().as("alice").post("/api/templates/it-delivery/publish", Map.of()).status()).isEqualTo(403);
    }
}
