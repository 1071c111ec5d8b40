package io.tollgate.engine.modules.risks;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.ProjectDriver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The risks module plugged in as a bean: listed with its names, its API answering 404 while the
 * workspace has it off, its table created from its own migration location and history.
 */
class RisksModuleIntegrationTests extends IntegrationTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aModuleBeanIsListedGuardedWhileOffAndMigratedFromItsOwnLocation() {
        Api admin = api().as("admin");
        JsonNode risks = null;
        for (JsonNode m : admin.get("/api/modules").json()) {
            if (m.get("module").asText().equals("risks")) {
                risks = m;
            }
        }
        assertThat(risks).as("listed").isNotNull();
        assertThat(risks.get("names").get("zh-CN").asText()).isEqualTo("风险");
        assertThat(risks.get("paths").toString()).contains("/api/projects/{id}/risks");

        String project = api().as("pm").post("/api/projects", ProjectDriver.itDeliveryProject("Risky")).get("id").asText();
        Map<String, Object> risk = Map.of("title", "Vendor API late", "probability", 4, "impact", 4, "owner", "alice");
        admin.put("/api/modules/risks", "application/json", "{\"enabled\": false}");
        Api.Answer off = api().as("pm").post("/api/projects/" + project + "/risks", risk);
        assertThat(off.status()).isEqualTo(404);
        assertThat(off.contentType()).contains("application/problem+json");
        assertThat(off.get("detail").asText()).contains("risks");
        assertThat(api().as("pm").get("/api/projects/" + project + "/risks").status()).isEqualTo(404);

        assertThat(admin.put("/api/modules/risks", "application/json", "{\"enabled\": true}").status()).isEqualTo(200);
        Api.Answer added = api().as("pm").post("/api/projects/" + project + "/risks", risk);
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.get("score").asInt()).isEqualTo(16);
        assertThat(added.get("level").asText()).isEqualTo("high");
        assertThat(api().as("alice").get("/api/projects/" + project + "/risks").json()).hasSize(1);
        Api.Answer bad = api().as("pm").post("/api/projects/" + project + "/risks", Map.of("title", "x", "probability", 9, "impact", 1));
        assertThat(bad.status()).isEqualTo(400);

        assertThat(jdbc.queryForObject("select count(*) from \"flyway_schema_history_risks\" where \"version\" = '1' and \"success\" = true",
                Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from \"flyway_schema_history\" where \"script\" like '%risk%'",
                Integer.class)).as("not in Tollgate's own history").isZero();
    }
}
