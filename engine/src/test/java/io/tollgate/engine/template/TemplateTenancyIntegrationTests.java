package io.tollgate.engine.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.ProjectDriver;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.security.AppUser;
import org.flowable.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Templates belong to a workspace: another workspace's admin neither sees nor changes them, and a
 * template of the same key there is theirs alone, deployed under their own engine tenant.
 */
class TemplateTenancyIntegrationTests extends IntegrationTestSupport {

    private static final String DEMO = "00000000-0000-0000-0000-000000000001";

    @Autowired
    Actors actors;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RepositoryService repository;

    @Test
    void anotherWorkspacesAdminNeitherSeesNorReplacesThisWorkspacesTemplates() {
        String other = UUID.randomUUID().toString();
        jdbc.update("insert into workspace (id, ws_key, name, enabled_modules, row_version) values (?, ?, ?, '', 0)",
                other, "b-" + other.substring(0, 8), "Company B");
        String adminB = "adminb" + other.substring(0, 8);
        actors.register(new AppUser(adminB, encoder.encode(adminB),
                adminB, null, other, false), Set.of("admin"), Set.of());
        Api theirs = api().as(adminB);
        Api ours = api().as("admin");
        ours.put("/api/templates/our-draft", "application/yaml", "key: our-draft\nname: Ours\nstages: [ { key: s } ]\n");

        assertThat(theirs.get("/api/templates").json().findValues("key")).as("nothing of ours").isEmpty();
        assertThat(theirs.get("/api/templates/it-delivery").status()).isEqualTo(404);
        assertThat(theirs.get("/api/templates/our-draft?draft=true").status()).isEqualTo(404);
        assertThat(theirs.get("/api/templates/it-delivery/bpmn").status()).isEqualTo(404);

        Api.Answer saved = theirs.put("/api/templates/it-delivery", "application/yaml", """
                key: it-delivery
                name: Their delivery
                stages:
                  - key: only
                    tasks: [ { key: t, assignee: "user:%s" } ]
                """.formatted(adminB));
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        Api.Answer published = theirs.post("/api/templates/it-delivery/publish", Map.of());
        assertThat(published.status()).as(published.text()).isEqualTo(201);
        assertThat(published.get("version").asInt()).as("their first version").isEqualTo(1);

        JsonNode ourTemplate = ours.get("/api/templates/it-delivery").json();
        assertThat(ourTemplate.get("name").asText()).isEqualTo("IT software delivery");
        assertThat(ours.get("/api/templates/it-delivery/versions").json()).hasSize(1);
        JsonNode project = api().as("pm").post("/api/projects", ProjectDriver.itDeliveryProject("Ours still")).json();
        assertThat(project.get("stages").size()).as("our five stages, not their one").isEqualTo(5);

        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("it-delivery")
                .processDefinitionTenantId(other).count()).isEqualTo(1);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("it-delivery")
                .processDefinitionTenantId(DEMO).count()).isEqualTo(1);
    }
}
