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
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A shipped template reaches a workspace only once the modules it needs are on there, and template
 * validation is for admins: members neither validate nor publish.
 */
class ShippedTemplatesIntegrationTests extends IntegrationTestSupport {

    @Autowired
    Actors actors;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aShippedTemplateArrivesWhenItsModulesAreSwitchedOn() {
        String workspace = UUID.randomUUID().toString();
        jdbc.update("insert into workspace (id, ws_key, name, enabled_modules, row_version) values (?, ?, ?, '', 0)",
                workspace, "m-" + workspace.substring(0, 8), "No modules yet");
        String admin = "madmin" + workspace.substring(0, 8);
        actors.register(new AppUser(admin, encoder.encode(admin),
                admin, null, workspace, false), Set.of("admin"), Set.of());
        Api them = api().as(admin);
        assertThat(them.get("/api/templates/it-delivery").status()).as("it needs timesheets, risks, budget").isEqualTo(404);

        them.put("/api/modules/timesheets", "application/json", "{\"enabled\": true}");
        them.put("/api/modules/risks", "application/json", "{\"enabled\": true}");
        assertThat(them.get("/api/templates/it-delivery").status()).as("budget is still off").isEqualTo(404);
        them.put("/api/modules/budget", "application/json", "{\"enabled\": true}");

        await().atMost(Duration.ofSeconds(30)).until(() -> them.get("/api/templates/it-delivery").status() == 200);
        assertThat(them.get("/api/templates/it-delivery/versions").json()).hasSize(1);
    }

    @Test
    void membersNeitherValidateNorPublishTemplates() {
        assertThat(api().as("alice").postRaw("/api/templates/it-delivery/validate", "application/yaml",
                "key: it-delivery\nname: X\nstages: [ { key: s } ]\n").status()).isEqualTo(403);
        assertThat(api().as("alice").post("/api/templates/it-delivery/publish", java.util.Map.of()).status()).isEqualTo(403);
    }
}
