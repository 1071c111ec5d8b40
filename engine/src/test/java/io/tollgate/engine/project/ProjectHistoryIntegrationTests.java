package io.tollgate.engine.project;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Finished projects imported from an earlier tool, through the API as the admin: they are listed and
 * shown like projects that ran here, their stages and work count on the dashboard with the durations
 * the test sent, and a batch with anything wrong is refused whole, naming each problem by its path.
 */
class ProjectHistoryIntegrationTests extends IntegrationTestSupport {

    private static final String TEMPLATE = "legacy-history";
    private static final String YAML = """
            key: legacy-history
            name: Legacy history
            roles:
              lead: { name: Lead }
            stages:
              - key: build
                name: Build
                duration: P5D
                tasks:
                  - { key: code, name: Code, assignee: lead }
                gate:
                  approval: { mode: any, approvers: [lead] }
              - key: ship
                name: Ship
                duration: P2D
                tasks:
                  - { key: deploy, name: Deploy, assignee: lead }
            """;

    private final Instant t0 = Instant.now().minus(Duration.ofDays(60)).truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void publishTemplate() {
        Api admin = api().as("admin");
        if (admin.get("/api/templates/" + TEMPLATE).status() == 200) {
            return;
        }
        assertThat(admin.put("/api/templates/" + TEMPLATE, "application/yaml", YAML).status()).isEqualTo(200);
        Api.Answer published = admin.post("/api/templates/" + TEMPLATE + "/publish", Map.of());
        assertThat(published.status()).as(published.text()).isEqualTo(201);
    }

    private Instant day(double d) {
        return t0.plusSeconds(Math.round(d * 86_400));
    }

    private Map<String, Object> project(String name, String outcome, double buildDays, double shipDays, String who) {
        List<Map<String, Object>> stages = new ArrayList<>();
        stages.add(Map.of("key", "build", "startedAt", day(0).toString(), "completedAt", day(buildDays).toString(),
                "rounds", 2));
        List<Map<String, Object>> work = new ArrayList<>();
        work.add(Map.of("stage", "build", "kind", "task", "key", "code", "user", who,
                "openedAt", day(0).toString(), "completedAt", day(buildDays * 0.75).toString()));
        work.add(Map.of("stage", "build", "kind", "approval", "user", "history-approver",
                "openedAt", day(buildDays * 0.75).toString(), "completedAt", day(buildDays).toString()));
        double end = buildDays;
        if (shipDays > 0) {
            stages.add(Map.of("key", "ship", "startedAt", day(buildDays).toString(),
                    "completedAt", day(buildDays + shipDays).toString()));
            work.add(Map.of("stage", "ship", "kind", "task", "key", "deploy", "user", who,
                    "openedAt", day(buildDays).toString(), "completedAt", day(buildDays + shipDays).toString()));
            end += shipDays;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("template", TEMPLATE);
        p.put("name", name);
        p.put("outcome", outcome);
        if (outcome.equals("cancelled")) {
            p.put("reason", "Customer withdrew");
        }
        p.put("roles", Map.of("lead", List.of(who)));
        p.put("createdAt", day(0).toString());
        p.put("completedAt", day(end).toString());
        p.put("stages", stages);
        p.put("work", work);
        return p;
    }

    @Test
    void importedProjectsAreListedShownAndCountedOnTheDashboard() {
        Api admin = api().as("admin");
        Api.Answer imported = admin.post("/api/project-history", Map.of("projects", List.of(
                project("Ledger migration 1", "completed", 0.5, 0.5, "history-dev"),
                project("Ledger migration 2", "completed", 40, 18, "history-dev"),
                project("Ledger migration 3", "cancelled", 3, 0, "history-dev"))));
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        assertThat(imported.get("count").asInt()).isEqualTo(3);

        JsonNode list = admin.get("/api/projects?q=ledger%20migration&template=" + TEMPLATE + "&size=50").json();
        assertThat(list.get("total").asInt()).isEqualTo(3);

        String first = imported.get("ids").get(0).asText();
        JsonNode view = api().as("pm").get("/api/projects/" + first).json();
        assertThat(view.get("status").asText()).isEqualTo("completed");
        assertThat(view.get("stages").get(0).get("status").asText()).isEqualTo("done");
        assertThat(view.get("stages").get(0).get("tasks").get(0).get("status").asText()).isEqualTo("done");
        assertThat(view.get("stages").get(1).get("completedAt").asText()).isNotEmpty();
        String cancelled = imported.get("ids").get(2).asText();
        JsonNode third = api().as("pm").get("/api/projects/" + cancelled).json();
        assertThat(third.get("status").asText()).isEqualTo("cancelled");
        assertThat(third.get("stages").get(1).get("status").asText()).isEqualTo("skipped");

        JsonNode dashboard = admin.get("/api/dashboard?template=" + TEMPLATE + "&period=all").json();
        JsonNode projects = dashboard.get("projects");
        assertThat(projects.get("started").asLong()).isEqualTo(3);
        assertThat(projects.get("completed").asLong()).isEqualTo(2);
        assertThat(projects.get("cancelled").asLong()).isEqualTo(1);
        // planned 5 + 2 days (at most a month on any working calendar): the first (1 day) kept its target,
        // the second (58 days) did not
        assertThat(projects.get("onTime").asLong()).isEqualTo(1);
        assertThat(projects.get("cycle").get("mean").asDouble()).isCloseTo((1 + 58) / 2.0, within(0.01));
        JsonNode build = null;
        for (JsonNode s : dashboard.get("stages")) {
            if (s.get("stage").asText().equals("build")) {
                build = s;
            }
        }
        assertThat(build).isNotNull();
        assertThat(build.get("cycle").get("count").asLong()).isEqualTo(3);
        assertThat(build.get("cycle").get("mean").asDouble()).isCloseTo((0.5 + 40 + 3) / 3.0, within(0.01));
        JsonNode dev = null;
        JsonNode approver = null;
        for (JsonNode person : dashboard.get("people")) {
            if (person.get("user").asText().equals("history-dev")) {
                dev = person;
            } else if (person.get("user").asText().equals("history-approver")) {
                approver = person;
            }
        }
        assertThat(dev).isNotNull();
        assertThat(dev.get("tasks").asLong()).isEqualTo(5);
        // code took three quarters of each build stage, deploy all of each ship stage; approvals the last quarter
        assertThat(dev.get("meanHandlingHours").asDouble())
                .isCloseTo((0.375 + 30 + 2.25 + 0.5 + 18) * 24 / 5.0, within(0.01));
        assertThat(approver.get("decisions").asLong()).isEqualTo(3);
        assertThat(approver.get("meanHandlingHours").asDouble()).isCloseTo((0.125 + 10 + 0.75) * 24 / 3, within(0.01));
    }

    @Test
    void aBatchWithAnythingWrongIsRefusedWholeNamingEachProblem() {
        Map<String, Object> good = project("Audit trail rebuild", "completed", 2, 1, "history-dev");
        Map<String, Object> badStage = new LinkedHashMap<>(project("Audit trail rebuild", "completed", 2, 1, "history-dev"));
        badStage.put("stages", List.of(Map.of("key", "nowhere", "startedAt", day(0).toString(),
                "completedAt", day(1).toString())));
        badStage.put("work", List.of());
        Map<String, Object> badWork = new LinkedHashMap<>(good);
        badWork.put("work", List.of(Map.of("stage", "build", "kind", "review", "user", "x",
                "openedAt", day(0).toString(), "completedAt", day(1).toString())));
        Map<String, Object> future = new LinkedHashMap<>(good);
        future.put("completedAt", Instant.now().plus(Duration.ofDays(3)).toString());

        Api.Answer refused = api().as("admin").post("/api/project-history",
                Map.of("projects", List.of(good, badStage, badWork, future)));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        List<String> paths = new ArrayList<>();
        refused.get("errors").forEach(e -> paths.add(e.get("path").asText()));
        assertThat(paths).contains("projects[1].stages[0].key", "projects[2].work[0].kind", "projects[3].completedAt");
        assertThat(api().as("admin").get("/api/projects?q=audit%20trail%20rebuild").get("total").asInt()).isZero();
    }

    @Test
    void onlyAdminsImportAndBatchesAreBounded() {
        Map<String, Object> good = project("Payroll cutover", "completed", 2, 1, "history-dev");
        assertThat(api().as("pm").post("/api/project-history", Map.of("projects", List.of(good))).status())
                .isEqualTo(403);
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i <= ProjectHistory.MAX_PROJECTS; i++) {
            many.add(Map.of("template", TEMPLATE, "name", "p" + i));
        }
        Api.Answer tooMany = api().as("admin").post("/api/project-history", Map.of("projects", many));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.get("errors").get(0).get("path").asText()).isEqualTo("projects");
        assertThat(api().as("admin").post("/api/project-history", Map.of("projects", List.of())).status()).isEqualTo(400);
        assertThat(api().as("admin").postRaw("/api/project-history", "application/json", "{\"projects\": 7}").status())
                .isEqualTo(400);
    }
}
