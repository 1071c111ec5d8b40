package io.tollgate.engine.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.ProjectDriver;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person belongs to several workspaces, with other roles in each, and every request names the one
 * it is for; a workspace they do not belong to is not found.
 */
class WorkspaceMembershipIntegrationTests extends IntegrationTestSupport {

    @Test
    void aUserWorksInTwoWorkspacesWithTheRolesOfEach() {
        String key = "ws-" + UUID.randomUUID().toString().substring(0, 8);
        Api admin = api().as("admin");
        Api.Answer created = admin.post("/api/workspaces", Map.of("key", key, "name", "Second office"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.get("key").asText()).isEqualTo(key);
        assertThat(roles(admin.get("/api/me").json(), key)).containsExactly("admin");

        Api.Answer added = admin.in(key).post("/api/workspaces/" + key + "/members",
                Map.of("username", "alice", "roles", List.of("pm")));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.get("home").asBoolean()).isFalse();
        assertThat(admin.post("/api/workspaces/" + key + "/members", Map.of("username", "alice")).status())
                .as("added twice").isEqualTo(409);
        assertThat(admin.post("/api/workspaces/" + key + "/members", Map.of("username", "nobody-" + key)).status())
                .isEqualTo(404);

        Api alice = api().as("alice");
        JsonNode me = alice.get("/api/me").json();
        assertThat(me.get("workspace").get("key").asText()).as("home, when no workspace is named").isEqualTo("demo");
        assertThat(roles(me, key)).containsExactly("pm");
        assertThat(roles(me, "demo")).containsExactly("member");
        assertThat(alice.in(key).get("/api/me").json().get("roles").toString()).isEqualTo("[\"pm\"]");

        // the admin installs the shipped template from the library once its modules are on; alice is a project manager there only
        assertThat(alice.in(key).put("/api/modules/risks", "application/json", "{\"enabled\":true}").status()).isEqualTo(403);
        for (String module : List.of("timesheets", "risks", "budget")) {
            assertThat(admin.in(key).put("/api/modules/" + module, "application/json", "{\"enabled\":true}").status())
                    .isEqualTo(200);
        }
        assertThat(admin.get("/api/modules").text()).as("the demo workspace's modules are its own").contains("checkin");
        assertThat(alice.in(key).post("/api/template-library/it-delivery/install", Map.of()).status()).isEqualTo(403);
        assertThat(admin.in(key).post("/api/template-library/it-delivery/install", Map.of()).status()).isEqualTo(201);
        assertThat(alice.in(key).get("/api/templates/it-delivery").status()).isEqualTo(200);
        Map<String, Object> body = ProjectDriver.itDeliveryProject("Second office rollout");
        body.put("roles", Map.of("pm", List.of("alice"), "sponsor", List.of("admin"), "dev", List.of("alice"),
                "qa", List.of("admin")));
        assertThat(alice.post("/api/projects", body).status()).as("a member at home").isEqualTo(403);
        Api.Answer project = alice.in(key).post("/api/projects", body);
        assertThat(project.status()).isEqualTo(201);
        String id = project.get("id").asText();
        assertThat(alice.in(key).get("/api/projects/" + id).status()).isEqualTo(200);
        assertThat(alice.get("/api/projects/" + id).status()).as("not in her home workspace").isEqualTo(404);
        assertThat(ids(admin.get("/api/projects?size=200").json())).doesNotContain(id);
        assertThat(ids(admin.in(key).get("/api/projects?size=200").json())).contains(id);

        Map<String, Object> withOutsider = ProjectDriver.itDeliveryProject("With an outsider");
        withOutsider.put("roles", Map.of("pm", List.of("alice"), "sponsor", List.of("bob"), "dev", List.of("alice"),
                "qa", List.of("admin")));
        assertThat(alice.in(key).post("/api/projects", withOutsider).status())
                .as("bob does not belong to this workspace").isEqualTo(400);

        Api bob = api().as("bob").in(key);
        for (String path : List.of("/api/projects", "/api/projects/" + id, "/api/tasks", "/api/templates", "/api/me",
                "/api/workspaces/" + key + "/members")) {
            Api.Answer answer = bob.get(path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.text()).doesNotContain("Second office");
        }
        assertThat(api().as("bob").get("/api/workspaces/" + key + "/members").status()).isEqualTo(404);

        assertThat(alice.in(key).get("/api/users").status()).as("a pm, not an admin, there").isEqualTo(403);
        assertThat(names(alice.in(key).get("/api/people?q=ADM").json())).containsExactly("admin");
        assertThat(names(alice.get("/api/people?q=b").json())).contains("bob");
        assertThat(names(alice.in(key).get("/api/people").json())).containsExactly("admin", "alice");

        // roles change per workspace; the account itself is her home workspace's admins' to change
        assertThat(admin.in(key).patch("/api/workspaces/" + key + "/members/alice", Map.of("roles", List.of("member")))
                .status()).isEqualTo(200);
        assertThat(alice.in(key).post("/api/projects", body).status()).isEqualTo(403);
        assertThat(admin.in(key).patch("/api/users/alice", Map.of("displayName", "Renamed")).status()).isEqualTo(403);
        assertThat(admin.in(key).post("/api/users/alice/password", Map.of("password", "a-new-password-1")).status())
                .isEqualTo(403);

        assertThat(admin.delete("/api/workspaces/" + key + "/members/admin").status()).as("not oneself").isEqualTo(400);
        assertThat(admin.delete("/api/workspaces/" + key + "/members/alice").status()).isEqualTo(204);
        assertThat(alice.in(key).get("/api/projects").status()).isEqualTo(404);
        assertThat(alice.get("/api/me").json().get("workspaces").size()).isEqualTo(1);
        assertThat(admin.delete("/api/workspaces/" + key + "/members/alice").status()).isEqualTo(404);

        JsonNode audit = admin.in(key).get("/api/audit").json();
        assertThat(audit.toString()).contains("member.added", "member.removed");
    }

    @Test
    void onlyAdminsCreateWorkspacesAndKeysAreChecked() {
        assertThat(api().as("bob").post("/api/workspaces", Map.of("key", "bobs", "name", "Bob's")).status())
                .isEqualTo(403);
        Api.Answer bad = api().as("admin").post("/api/workspaces", Map.of("key", "Not A Key!", "name", ""));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("\"key\"", "\"name\"");
        assertThat(api().as("admin").post("/api/workspaces", Map.of("key", "demo", "name", "Again")).status())
                .isEqualTo(409);
        assertThat(api().as("admin").in("x".repeat(5000)).get("/api/me").status()).isEqualTo(404);
    }

    private static List<String> roles(JsonNode me, String key) {
        List<String> out = new ArrayList<>();
        me.get("workspaces").forEach(w -> {
            if (w.get("key").asText().equals(key)) {
                w.get("roles").forEach(r -> out.add(r.asText()));
            }
        });
        return out;
    }

    private static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("items").forEach(p -> out.add(p.get("id").asText()));
        return out;
    }

    private static List<String> names(JsonNode people) {
        List<String> out = new ArrayList<>();
        people.forEach(p -> out.add(p.get("username").asText()));
        return out;
    }
}
