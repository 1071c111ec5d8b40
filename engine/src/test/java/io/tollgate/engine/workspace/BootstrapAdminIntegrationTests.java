package io.tollgate.engine.workspace;

import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.security.Caller;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outside the demo profile, the first administrator comes from {@code TOLLGATE_ADMIN_PASSWORD}; that
 * password was handed over, so it opens nothing until the administrator has chosen their own.
 */
@ActiveProfiles("bootstrap")
@TestPropertySource(properties = "tollgate.bootstrap.admin-password=handed-Over-Pass-1")
class BootstrapAdminIntegrationTests extends IntegrationTestSupport {

    @Test
    void theFirstAdministratorMustChangeTheBootstrapPasswordFirst() {
        Caller first = new Caller(port, "admin", "handed-Over-Pass-1");

        Api.Answer refused = first.get("/api/users");

        assertThat(refused.status()).as(refused.text()).isEqualTo(403);
        assertThat(refused.get("type").asText()).isEqualTo("https://tollgate.io/problems/password-change-required");
        assertThat(api().as("alice").get("/api/tasks").status()).as("no demo users here").isEqualTo(401);

        Api.Answer changed = first.post("/api/users/admin/password",
                Map.of("currentPassword", "handed-Over-Pass-1", "password", "chosen-Pass-123"));

        assertThat(changed.status()).as(changed.text()).isEqualTo(204);
        Caller own = new Caller(port, "admin", "chosen-Pass-123");
        Api.Answer users = own.get("/api/users");
        assertThat(users.status()).as(users.text()).isEqualTo(200);
        assertThat(users.json()).hasSize(1);
        assertThat(users.json().get(0).get("username").asText()).isEqualTo("admin");
        assertThat(users.json().get(0).get("mustChangePassword").asBoolean()).isFalse();
        assertThat(users.json().get(0).get("roles").get(0).asText()).isEqualTo("admin");
        Api.Answer added = own.post("/api/users", Map.of("username", "first.member", "displayName", "First member",
                "password", "first-Pass-123", "roles", List.of("pm")));
        assertThat(added.status()).as(added.text()).isEqualTo(201);
    }
}
