package io.tollgate.engine.template;

import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.security.AppUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A template names only people of the workspace it is published in. */
class TemplatePeopleIntegrationTests extends IntegrationTestSupport {

    @Autowired
    Actors actors;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aTemplateNamingAUserOfAnotherWorkspaceIsRefusedWithItsPath() {
        String workspace = UUID.randomUUID().toString();
        jdbc.update("insert into workspace (id, ws_key, name, enabled_modules, row_version) values (?, ?, ?, '', 0)",
                workspace, "other-" + workspace.substring(0, 8), "Another company");
        String stranger = "stranger" + workspace.substring(0, 8);
        actors.register(new AppUser(stranger, encoder.encode(stranger),
                stranger, null, workspace, false), Set.of("member"), Set.of());

        Api admin = api().as("admin");
        Api.Answer saved = admin.put("/api/templates/foreign-people", "application/yaml", """
                key: foreign-people
                name: Foreign people
                stages:
                  - key: s
                    tasks: [ { key: t, assignee: "user:%s" } ]
                    gate: { approval: { approvers: ["user:carol", "user:%s"] } }
                """.formatted(stranger, stranger));
        assertThat(saved.status()).isEqualTo(200);
        Api.Answer published = admin.post("/api/templates/foreign-people/publish", Map.of());
        assertThat(published.status()).isEqualTo(400);
        assertThat(published.text()).contains("$.stages[0].tasks[0].assignee", "$.stages[0].gate.approval.approvers[1]",
                "assignee-unknown-user").doesNotContain("$.stages[0].gate.approval.approvers[0]");
    }
}
