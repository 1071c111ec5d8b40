package io.tollgate.engine.isolation;

import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.ProjectDriver;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.security.AppUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two workspaces never see each other: with every id and key of workspace A in hand, the admin
 * and a member of workspace B get 404 from every endpoint that reads or changes one thing, and
 * lists that never name A's things.
 */
class WorkspaceIsolationIntegrationTests extends IntegrationTestSupport {

    @Autowired
    Actors actors;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyEndpointAnswers404ForAnotherWorkspacesThings() {
        // workspace A is the demo workspace: a project with tasks, an approval, a draft, a risk
        Api pmA = api().as("pm");
        String project = pmA.post("/api/projects", ProjectDriver.itDeliveryProject("A's secret project")).get("id").asText();
        String task = pmA.get("/api/tasks?project=" + project).json().get(0).get("id").asText();
        pmA.post("/api/tasks/" + task + "/complete", Map.of("fields", Map.of("prdUrl", "https://a.example.com/prd")));
        String review = api().as("alice").get("/api/tasks?project=" + project).json().get(0).get("id").asText();
        api().as("alice").post("/api/tasks/" + review + "/complete", Map.of());
        String approval = api().as("carol").get("/api/tasks?project=" + project).json().get(0).get("id").asText();
        api().as("admin").put("/api/templates/a-only-draft", "application/yaml",
                "key: a-only-draft\nname: A only\nstages: [ { key: s } ]\n");
        api().as("admin").put("/api/modules/risks", "application/json", "{\"enabled\": true}");
        String risk = pmA.post("/api/projects/" + project + "/risks",
                Map.of("title", "A's risk", "probability", 2, "impact", 2)).get("id").asText();

        // workspace B: an admin and a member, every module on
        String b = UUID.randomUUID().toString();
        jdbc.update("insert into workspace (id, ws_key, name, enabled_modules, row_version) values (?, ?, ?, ?, 0)",
                b, "b-" + b.substring(0, 8), "Company B", "budget,checkin,releases,risks,timesheets");
        String adminB = register("adminb", b, "admin");
        String memberB = register("memberb", b, "member");

        for (String user : List.of(adminB, memberB)) {
            Api them = api().as(user);
            Map<String, Api.Answer> answers = new LinkedHashMap<>();
            answers.put("GET project", them.get("/api/projects/" + project));
            answers.put("PATCH fields", them.patch("/api/projects/" + project + "/fields", Map.of("fields", Map.of("customer", "B"))));
            answers.put("POST cancel", them.post("/api/projects/" + project + "/cancel", Map.of("reason", "B says so")));
            answers.put("GET project audit", them.get("/api/projects/" + project + "/audit"));
            answers.put("GET risks", them.get("/api/projects/" + project + "/risks"));
            answers.put("POST risk", them.post("/api/projects/" + project + "/risks", Map.of("title", "x", "probability", 1, "impact", 1)));
            answers.put("PATCH risk", them.patch("/api/projects/" + project + "/risks/" + risk, Map.of("status", "closed")));
            answers.put("POST complete", them.post("/api/tasks/" + review + "/complete", Map.of()));
            answers.put("POST decision", them.post("/api/tasks/" + approval + "/decision", Map.of("decision", "approve")));
            answers.put("POST delegate", them.post("/api/tasks/" + approval + "/delegate", Map.of("to", user)));
            answers.put("POST signers", them.post("/api/tasks/" + approval + "/signers", Map.of("add", List.of(user))));
            answers.put("GET template", them.get("/api/templates/it-delivery"));
            answers.put("GET draft", them.get("/api/templates/a-only-draft?draft=true"));
            answers.put("GET versions", them.get("/api/templates/a-only-draft/versions"));
            answers.put("GET bpmn", them.get("/api/templates/it-delivery/bpmn"));
            answers.put("POST validate draft", them.postRaw("/api/templates/a-only-draft/validate", "application/json", ""));
            List<String> leaks = new ArrayList<>();
            answers.forEach((what, answer) -> {
                if (answer.status() != 404 && !(answer.status() == 403 && user.equals(memberB))) {
                    leaks.add(what + " -> " + answer.status() + " " + answer.text());
                }
                assertThat(answer.text()).as(what).doesNotContain("A's secret project", "a.example.com");
            });
            assertThat(leaks).as(user + " reached workspace A").isEmpty();
            assertThat(them.get("/api/tasks").text()).doesNotContain(project);
            assertThat(them.get("/api/projects?size=200").text()).doesNotContain(project);
            assertThat(them.get("/api/templates").text()).doesNotContain("a-only-draft", "it-delivery");
        }
        assertThat(api().as(adminB).get("/api/audit?limit=1000").text()).doesNotContain(project);
        assertThat(api().as(adminB).get("/api/modules").text()).contains("\"enabled\":true");
        assertThat(pmA.get("/api/projects/" + project).get("status").asText()).as("untouched").isEqualTo("active");
        assertThat(pmA.get("/api/projects/" + project).get("fields").get("customer").asText()).isEqualTo("ACME");
    }

    private String register(String prefix, String workspace, String role) {
        String name = prefix + workspace.substring(0, 8);
        actors.register(new AppUser(name, encoder.encode(name), name, null, workspace, false), Set.of(role), Set.of());
        return name;
    }
}
