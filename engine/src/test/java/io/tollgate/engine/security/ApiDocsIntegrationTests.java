package io.tollgate.engine.security;

import io.tollgate.engine.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo profile (the embedded default) opens the API docs to anyone, to explore the API. */
class ApiDocsIntegrationTests extends IntegrationTestSupport {

    @Test
    void theDemoProfileMakesTheApiDocsPublic() {
        assertThat(api().get("/v3/api-docs").status()).isEqualTo(200);
        assertThat(api().get("/actuator/info").status()).isEqualTo(401);
    }
}
