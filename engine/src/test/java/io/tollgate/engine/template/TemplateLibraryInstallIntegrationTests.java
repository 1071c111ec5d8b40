package io.tollgate.engine.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.security.AppUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The template library through HTTP: a fresh workspace sees the six shipped templates, none installed
 * and their modules off; its admin installs one (refused while its modules are off unless the request
 * switches them on), starts a project from it, installs again without effect, sees customised and
 * outdated versions for what they are and updates; members read but do not install.
 */
class TemplateLibraryInstallIntegrationTests extends IntegrationTestSupport {

    static final List<String> SHIPPED = List.of("construction", "erp-rollout", "it-delivery", "manufacturing-npi",
            "marketing-campaign", "pharma-change-control");

    @Autowired
    Actors actors;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theLibraryListsEveryShippedTemplateInBothLanguages() {
        JsonNode library = api().as("alice").get("/api/template-library").json();
        List<String> keys = new ArrayList<>();
        library.forEach(t -> keys.add(t.get("key").asText()));
        assertThat(keys).containsExactlyElementsOf(SHIPPED);
        for (JsonNode t : library) {
            assertThat(t.at("/names/en").asText()).as(t.toString()).isNotBlank();
            assertThat(t.at("/names/zh-CN").asText()).as(t.toString()).isNotBlank();
            assertThat(t.at("/descriptions/en").asText()).as(t.toString()).isNotBlank();
            assertThat(t.at("/descriptions/zh-CN").asText()).as(t.toString()).isNotBlank();
            assertThat(t.get("industry").asText()).isNotBlank();
            assertThat(t.get("stages").asInt()).isGreaterThan(2);
            assertThat(t.get("modules").size()).isGreaterThan(0);
        }
        JsonNode it = library.get(SHIPPED.indexOf("it-delivery"));
        assertThat(it.get("industry").asText()).isEqualTo("it");
        assertThat(it.at("/names/zh-CN").asText()).isEqualTo("IT 软件交付");
        assertThat(it.get("modules").toString()).contains("\"key\":\"timesheets\"", "\"key\":\"risks\"", "\"key\":\"budget\"");
        // the demo workspace has every module on, so each template there was published by itself at start-up
        for (JsonNode t : library) {
            assertThat(t.get("modulesReady").asBoolean()).as(t.get("key").asText()).isTrue();
            assertThat(t.get("installed").asBoolean()).as(t.get("key").asText()).isTrue();
        }
        assertThat(api().as("alice").get("/api/template-library/nowhere").status()).isEqualTo(404);
    }

    @Test
    void anAdminInstallsATemplateAndStartsAProjectFromIt() {
        Workspace ws = freshWorkspace();
        Api admin = api().as(ws.admin());
        JsonNode library = admin.get("/api/template-library").json();
        assertThat(library).hasSize(SHIPPED.size());
        for (JsonNode t : library) {
            assertThat(t.get("installed").asBoolean()).as(t.get("key").asText()).isFalse();
            assertThat(t.path("latestVersion").isMissingNode()).as("no version").isTrue();
            assertThat(t.get("modulesReady").asBoolean()).isFalse();
            assertThat(t.get("updateAvailable").asBoolean()).isFalse();
        }
        assertThat(admin.get("/api/templates/construction").status()).as("nothing arrives by itself").isEqualTo(404);

        Api.Answer off = admin.post("/api/template-library/construction/install", Map.of());
        assertThat(off.status()).as(off.text()).isEqualTo(409);
        assertThat(off.contentType()).contains("application/problem+json");
        assertThat(off.get("type").asText()).endsWith("modules-off");
        assertThat(off.get("modules").toString()).isEqualTo("[\"timesheets\",\"risks\"]");
        assertThat(off.get("detail").asText()).contains("timesheets", "risks");
        assertThat(admin.get("/api/modules").text()).doesNotContain("\"enabled\":true");

        Api.Answer member = api().as(ws.member()).post("/api/template-library/construction/install",
                Map.of("enableModules", true));
        assertThat(member.status()).isEqualTo(403);
        assertThat(member.contentType()).contains("application/problem+json");
        assertThat(api().as(ws.member()).get("/api/template-library").status()).as("members read the library").isEqualTo(200);

        Api.Answer installed = admin.post("/api/template-library/construction/install", Map.of("enableModules", true));
        assertThat(installed.status()).as(installed.text()).isEqualTo(201);
        assertThat(installed.get("changed").asBoolean()).isTrue();
        assertThat(installed.get("version").asInt()).isEqualTo(1);
        assertThat(installed.get("modulesSwitchedOn").toString()).isEqualTo("[\"timesheets\",\"risks\"]");
        assertThat(installed.json().at("/template/installedVersion").asInt()).isEqualTo(1);
        assertThat(installed.json().at("/template/upToDate").asBoolean()).isTrue();
        assertThat(installed.json().at("/template/modulesReady").asBoolean()).isTrue();

        JsonNode versions = admin.get("/api/templates/construction/versions").json();
        assertThat(versions).hasSize(1);
        assertThat(versions.get(0).get("publishedBy").asText()).isEqualTo(ws.admin());
        assertThat(admin.get("/api/templates/construction").json().at("/names/zh-CN").asText()).isEqualTo("建设工程项目");

        Map<String, Object> roles = new LinkedHashMap<>();
        for (String role : List.of("pm", "client", "architect", "reviewer", "engineer", "safety")) {
            roles.put(role, List.of(ws.admin(), ws.member()));
        }
        Api.Answer project = admin.post("/api/projects", Map.of("template", "construction", "name", "Harbour tower",
                "fields", Map.of("siteAddress", "1 Harbour Road", "floors", 24, "contractValue", 8000000), "roles", roles));
        assertThat(project.status()).as(project.text()).isEqualTo(201);
        assertThat(project.get("version").asInt()).isEqualTo(1);

        Api.Answer again = admin.post("/api/template-library/construction/install", Map.of());
        assertThat(again.status()).as("installing what is already newest changes nothing").isEqualTo(200);
        assertThat(again.get("changed").asBoolean()).isFalse();
        assertThat(again.get("version").asInt()).isEqualTo(1);
        assertThat(admin.get("/api/templates/construction/versions").json()).hasSize(1);

        JsonNode audit = admin.get("/api/audit?limit=1000").json();
        List<String> lines = new ArrayList<>();
        audit.forEach(l -> lines.add(l.get("actor").asText() + " " + l.get("action").asText() + " "
                + l.get("subject").asText() + " | " + l.path("detail").asText("-")));
        assertThat(lines).containsOnlyOnce(ws.admin() + " template.installed construction | version 1; modules switched on "
                + "timesheets, risks");
        assertThat(lines).contains(ws.admin() + " module.enabled timesheets | -", ws.admin() + " module.enabled risks | -");
        assertThat(api().as("admin").get("/api/audit?limit=1000").text()).as("another workspace's trail")
                .doesNotContain("template.installed construction | version 1; modules switched on");
    }

    @Test
    void theLibraryTellsCustomisedFromOutdatedAndUpdates() throws IOException {
        Workspace ws = freshWorkspace();
        Api admin = api().as(ws.admin());
        String shipped = new ClassPathResource("tollgate/templates/pharma-change-control.yaml")
                .getContentAsString(StandardCharsets.UTF_8);
        admin.put("/api/modules/risks", "application/json", "{\"enabled\": true}");

        // an older text of the template, published before the library had this one
        String older = shipped.replaceFirst("(?m)^name: .*$", "name: Change control (our first cut)");
        assertThat(admin.put("/api/templates/pharma-change-control", "application/yaml", older).status()).isBetween(200, 201);
        assertThat(admin.post("/api/templates/pharma-change-control/publish", Map.of()).status()).isEqualTo(201);
        JsonNode outdated = admin.get("/api/template-library/pharma-change-control").json();
        assertThat(outdated.get("installed").asBoolean()).isFalse();
        assertThat(outdated.get("latestVersion").asInt()).isEqualTo(1);
        assertThat(outdated.get("updateAvailable").asBoolean()).isTrue();

        // an open draft is not overwritten unless asked
        assertThat(admin.put("/api/templates/pharma-change-control", "application/yaml", older + "\n# still editing\n")
                .status()).isBetween(200, 201);
        assertThat(admin.get("/api/template-library/pharma-change-control").json().get("draft").asBoolean()).isTrue();
        Api.Answer draft = admin.post("/api/template-library/pharma-change-control/install", Map.of());
        assertThat(draft.status()).isEqualTo(409);
        assertThat(draft.get("type").asText()).endsWith("template-draft-open");

        Api.Answer updated = admin.post("/api/template-library/pharma-change-control/install", Map.of("replaceDraft", true));
        assertThat(updated.status()).as(updated.text()).isEqualTo(201);
        assertThat(updated.get("version").asInt()).isEqualTo(2);
        assertThat(updated.json().at("/template/upToDate").asBoolean()).isTrue();
        assertThat(updated.json().at("/template/updateAvailable").asBoolean()).isFalse();
        assertThat(updated.json().at("/template/draft").asBoolean()).isFalse();
        assertThat(admin.get("/api/audit?limit=50").text()).contains("template.updated");

        // the admin's own later version is a customisation, not an outdated install
        String customised = shipped.replaceFirst("(?m)^name: .*$", "name: GMP change control");
        admin.put("/api/templates/pharma-change-control", "application/yaml", customised);
        assertThat(admin.post("/api/templates/pharma-change-control/publish", Map.of()).status()).isEqualTo(201);
        JsonNode mine = admin.get("/api/template-library/pharma-change-control").json();
        assertThat(mine.get("installed").asBoolean()).isTrue();
        assertThat(mine.get("installedVersion").asInt()).isEqualTo(2);
        assertThat(mine.get("latestVersion").asInt()).isEqualTo(3);
        assertThat(mine.get("customized").asBoolean()).isTrue();
        assertThat(mine.get("upToDate").asBoolean()).isFalse();
        assertThat(mine.get("updateAvailable").asBoolean()).isFalse();
    }

    @Test
    void badInstallRequestsAreProblems() {
        Workspace ws = freshWorkspace();
        Api admin = api().as(ws.admin());
        Api.Answer unknown = admin.post("/api/template-library/no-such-template/install", Map.of("enableModules", true));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).contains("application/problem+json");
        assertThat(admin.postRaw("/api/template-library/construction/install", "application/json", "{\"enableModules\": \"often\"}")
                .status()).isEqualTo(400);
        assertThat(admin.postRaw("/api/template-library/construction/install", "application/json", "[1,").status())
                .isEqualTo(400);
        assertThat(admin.get("/api/template-library/" + "x".repeat(300)).status()).isEqualTo(404);
    }

    private record Workspace(String id, String admin, String member) {
    }

    private Workspace freshWorkspace() {
        String id = UUID.randomUUID().toString();
        String tag = id.substring(0, 8);
        jdbc.update("insert into workspace (id, ws_key, name, enabled_modules, row_version) values (?, ?, ?, '', 0)",
                id, "lib-" + tag, "Library " + tag);
        String admin = "libadmin" + tag;
        String member = "libmember" + tag;
        actors.register(new AppUser(admin, encoder.encode(admin), admin, null, id, false), Set.of("admin"), Set.of());
        actors.register(new AppUser(member, encoder.encode(member), member, null, id, false), Set.of("member"), Set.of());
        return new Workspace(id, admin, member);
    }
}
