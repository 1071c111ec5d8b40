package io.tollgate.engine.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.MovableClock;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outcomes of a stage gate, through the API as the people concerned: go, conditional go (whose
 * lapsed condition turns the project red and blocks the next gate), hold and resume (the SLA clock
 * stops: the due date moves by the time held), kill and recycle; waivers that let a gate pass and
 * lapse; a batch of decisions. Time moves on the shared engine clock, never by sleeping.
 */
@Import(GateOutcomesIntegrationTests.EngineTime.class)
@TestPropertySource(properties = "flowable.process.async.executor.default-timer-job-acquire-wait-time=PT0.2S")
class GateOutcomesIntegrationTests extends IntegrationTestSupport {

    @TestConfiguration
    static class EngineTime {

        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }

        @Bean
        EngineConfigurationConfigurer<SpringProcessEngineConfiguration> engineTime(MovableClock clock) {
            return configuration -> configuration.setClock(clock.forEngine());
        }
    }

    private static final String TEMPLATE = """
            key: outcomes
            name: Outcomes
            fields:
              - { key: budget, type: number }
            stages:
              - key: plan
                duration: P5D
                tasks: [ { key: brief, assignee: "user:alice" } ]
                gate:
                  outcomes: [go, conditional, hold, kill, recycle]
                  criteria:
                    - { expression: "budget <= 10000", message: "Budgets over 10000 go to the board" }
                  approval: { approvers: ["user:carol"], mode: any }
              - key: build
                fields: [ { key: repoUrl, type: url, required: true } ]
                tasks:
                  - { key: code, assignee: "user:alice" }
                  - { key: ship, assignee: "user:bob", requires: [code] }
                gate:
                  blockOnLapsedConditions: true
                  criteria:
                    - { expression: "budget <= 1000", message: "Budgets over 1000 need a second opinion" }
              - key: release
                tasks: [ { key: go_live, assignee: "user:alice" } ]
                gate:
                  approval: { approvers: ["user:carol"], mode: any }
            """;

    @Autowired
    MovableClock clock;

    @BeforeEach
    void publish() {
        Api admin = api().as("admin");
        if (admin.get("/api/templates/outcomes").status() == 200
                && admin.get("/api/templates/outcomes").get("latestVersion") != null
                && !admin.get("/api/templates/outcomes").get("latestVersion").isNull()) {
            return;
        }
        Api.Answer saved = admin.put("/api/templates/outcomes", "application/yaml", TEMPLATE);
        assertThat(saved.status()).as(saved.text()).isLessThan(300);
        Api.Answer published = admin.post("/api/templates/outcomes/publish", Map.of());
        assertThat(published.status()).as(published.text()).isEqualTo(201);
    }

    private String start(int budget) {
        Api.Answer created = api().as("pm").post("/api/projects", Map.of("template", "outcomes", "name", "Outcome " + budget,
                "fields", Map.of("budget", budget)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.get("id").asText();
    }

    private String item(String user, String project, String key) {
        JsonNode inbox = api().as(user).get("/api/tasks?project=" + project).json();
        return StreamSupport.stream(inbox.spliterator(), false)
                .filter(i -> key == null ? i.get("kind").asText().equals("approval") : key.equals(i.get("key").asText()))
                .map(i -> i.get("id").asText()).findFirst()
                .orElseThrow(() -> new AssertionError(user + " has no " + (key == null ? "approval" : key) + " in " + inbox));
    }

    /** alice writes the brief; carol's approval of the plan opens. */
    private String toPlanApproval(String project) {
        assertThat(api().as("alice").post("/api/tasks/" + item("alice", project, "brief") + "/complete", Map.of()).status())
                .isEqualTo(200);
        return item("carol", project, null);
    }

    /** A task's id from the project view: waiting tasks are in nobody's inbox yet. */
    private String task(String project, String stageKey, String key) {
        return StreamSupport.stream(stage(view(project), stageKey).get("tasks").spliterator(), false)
                .filter(t -> t.get("key").asText().equals(key)).map(t -> t.get("id").asText()).findFirst().orElseThrow();
    }

    private JsonNode view(String project) {
        return api().as("pm").get("/api/projects/" + project).json();
    }

    private static JsonNode stage(JsonNode view, String key) {
        return StreamSupport.stream(view.get("stages").spliterator(), false)
                .filter(s -> s.get("key").asText().equals(key)).findFirst().orElseThrow();
    }

    private static List<String> unmetKinds(Api.Answer answer) {
        List<String> kinds = new ArrayList<>();
        answer.get("unmet").forEach(u -> kinds.add(u.get("kind").asText()));
        return kinds;
    }

    @Test
    void conditionalGoWhoseConditionLapsesTurnsTheProjectRedAndBlocksTheNextGateWithEveryUnmetItem() {
        String project = start(5000);
        String approval = toPlanApproval(project);
        Instant due = clock.instant().plus(Duration.ofDays(1));
        Api.Answer decided = api().as("carol").post("/api/tasks/" + approval + "/decision", Map.of("decision", "conditional",
                "conditions", List.of(Map.of("text", "Security review signed off", "owner", "alice", "dueAt", due.toString()))));
        assertThat(decided.status()).as(decided.text()).isEqualTo(200);
        assertThat(stage(decided.json(), "plan").get("status").asText()).isEqualTo("done");
        assertThat(decided.get("conditions").get(0).get("status").asText()).isEqualTo("open");
        assertThat(decided.get("conditions").get(0).get("owner").asText()).isEqualTo("alice");
        assertThat(decided.get("health").asText()).isEqualTo("green");

        clock.advance(Duration.ofDays(2));
        // the engine's timer for the due date reports the lapse, for the audit and for those who listen
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> api().as("pm").get("/api/projects/" + project + "/audit").text(), a -> a.contains("condition.lapsed"));
        JsonNode lapsed = view(project);
        assertThat(lapsed.get("conditions").get(0).get("status").asText()).isEqualTo("lapsed");
        assertThat(lapsed.get("health").asText()).isEqualTo("red");

        // bob's task would finish the stage: the 409 lists what the gate lacks as well as the open task before it
        Api.Answer refused = api().as("bob").post("/api/tasks/" + task(project, "build", "ship") + "/complete", Map.of());
        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(unmetKinds(refused)).contains("task", "field", "expression", "condition");
        assertThat(refused.text()).contains("Budgets over 1000 need a second opinion", "Security review signed off",
                "must be filled", "must be done first");

        String condition = lapsed.get("conditions").get(0).get("id").asText();
        assertThat(api().as("bob").post("/api/projects/" + project + "/conditions/" + condition + "/met", Map.of()).status())
                .as("only the owner or a manager").isEqualTo(403);
        Api.Answer met = api().as("alice").post("/api/projects/" + project + "/conditions/" + condition + "/met", Map.of());
        assertThat(met.status()).as(met.text()).isEqualTo(200);
        assertThat(met.get("conditions").get(0).get("status").asText()).isEqualTo("met");
        assertThat(view(project).get("health").asText()).isNotEqualTo("red");
        assertThat(api().as("pm").get("/api/projects/" + project + "/audit").text())
                .contains("gate.conditional", "condition.added", "condition.met");
    }

    @Test
    void holdStopsTheSlaClockAndResumeMovesTheDueDateByTheTimeHeld() {
        String project = start(100);
        String approval = toPlanApproval(project);
        Instant dueBefore = Instant.parse(stage(view(project), "plan").get("dueAt").asText());

        Api.Answer held = api().as("carol").post("/api/tasks/" + approval + "/decision",
                Map.of("decision", "hold", "comment", "Waiting for the budget round"));
        assertThat(held.status()).as(held.text()).isEqualTo(200);
        assertThat(held.get("status").asText()).isEqualTo("on_hold");
        assertThat(held.get("hold").get("by").asText()).isEqualTo("carol");
        Api.Answer whileHeld = api().as("carol").post("/api/tasks/" + approval + "/decision", Map.of("decision", "approve"));
        assertThat(whileHeld.status()).isEqualTo(409);
        assertThat(whileHeld.text()).contains("on hold");

        clock.advance(Duration.ofDays(3));
        assertThat(api().as("alice").post("/api/projects/" + project + "/resume", Map.of()).status())
                .as("alice neither manages nor approves").isIn(403, 404);
        Api.Answer resumed = api().as("carol").post("/api/projects/" + project + "/resume", Map.of());
        assertThat(resumed.status()).as(resumed.text()).isEqualTo(200);
        assertThat(resumed.get("status").asText()).isEqualTo("active");
        Instant dueAfter = Instant.parse(stage(resumed.json(), "plan").get("dueAt").asText());
        assertThat(Duration.between(dueBefore, dueAfter)).isBetween(Duration.ofDays(3), Duration.ofDays(3).plusMinutes(1));

        // three days later the old due date has passed by a day, the new one has not: not overdue
        clock.advance(Duration.ofDays(3));
        assertThat(stage(view(project), "plan").hasNonNull("overdueAt")).isFalse();
        // past the new due date, the engine's timer (moved with it) fires
        clock.advance(Duration.ofDays(2).plusHours(1));
        JsonNode overdue = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> view(project), v -> stage(v, "plan").hasNonNull("overdueAt"));
        assertThat(Instant.parse(stage(overdue, "plan").get("overdueAt").asText())).isAfter(dueAfter);
        assertThat(api().as("carol").post("/api/tasks/" + approval + "/decision", Map.of("decision", "approve")).status())
                .isEqualTo(200);
        assertThat(api().as("pm").get("/api/projects/" + project + "/audit").text())
                .contains("project.held", "project.resumed");
    }

    @Test
    void killCancelsTheProjectWithItsReason() {
        String project = start(100);
        String approval = toPlanApproval(project);
        assertThat(api().as("carol").post("/api/tasks/" + approval + "/decision", Map.of("decision", "kill")).status())
                .as("a kill needs a reason").isEqualTo(400);
        Api.Answer killed = api().as("carol").post("/api/tasks/" + approval + "/decision",
                Map.of("decision", "kill", "comment", "The market moved on"));
        assertThat(killed.status()).as(killed.text()).isEqualTo(200);
        assertThat(killed.get("status").asText()).isEqualTo("cancelled");
        assertThat(killed.get("cancelReason").asText()).isEqualTo("The market moved on");
        assertThat(api().as("carol").get("/api/tasks?project=" + project).json()).isEmpty();
        assertThat(api().as("pm").get("/api/projects/" + project + "/audit").text()).contains("gate.kill", "project.killed");
    }

    @Test
    void recycleSendsTheStageBackForReworkAndAGateOffersOnlyItsOutcomes() {
        String project = start(100);
        String approval = toPlanApproval(project);
        Api.Answer recycled = api().as("carol").post("/api/tasks/" + approval + "/decision",
                Map.of("decision", "recycle", "comment", "The brief misses the rollout"));
        assertThat(recycled.status()).as(recycled.text()).isEqualTo(200);
        assertThat(stage(recycled.json(), "plan").get("status").asText()).isEqualTo("active");
        assertThat(api().as("pm").get("/api/projects/" + project + "/audit").text()).contains("gate.send_back");
        String again = toPlanApproval(project);
        assertThat(api().as("carol").post("/api/tasks/" + again + "/decision", Map.of("decision", "approve")).status())
                .isEqualTo(200);
        assertThat(api().as("alice").post("/api/tasks/" + item("alice", project, "code") + "/complete", Map.of()).status())
                .isEqualTo(200);
        Api.Answer shipped = api().as("bob").post("/api/tasks/" + item("bob", project, "ship") + "/complete",
                Map.of("fields", Map.of("repoUrl", "https://git.example.com/x")));
        assertThat(shipped.status()).as(shipped.text()).isEqualTo(200);
        assertThat(api().as("alice").post("/api/tasks/" + item("alice", project, "go_live") + "/complete", Map.of()).status())
                .isEqualTo(200);
        // the release gate offers the default outcomes, go and recycle
        Api.Answer notOffered = api().as("carol").post("/api/tasks/" + item("carol", project, null) + "/decision",
                Map.of("decision", "hold", "comment", "Wait"));
        assertThat(notOffered.status()).isEqualTo(409);
        assertThat(notOffered.text()).contains("outcome-not-offered", "[go, recycle]");
        assertThat(stage(view(project), "release").get("gate").get("outcomes").toString()).isEqualTo("[\"go\",\"recycle\"]");
    }

    @Test
    void aGrantedWaiverLetsTheGatePassAndOneThatLapsesNoLonger() {
        String passing = start(20000);
        String approval = toPlanApproval(passing);
        Api.Answer blocked = api().as("carol").post("/api/tasks/" + approval + "/decision", Map.of("decision", "approve"));
        assertThat(blocked.status()).isEqualTo(409);
        assertThat(blocked.text()).contains("Budgets over 10000 go to the board");

        String expires = clock.instant().plus(Duration.ofDays(1)).toString();
        assertThat(api().as("carol").post("/api/projects/" + passing + "/stages/plan/waivers",
                Map.of("criterion", "expression0", "reason", "Board agreed by mail", "expiresAt", expires)).status())
                .as("only a project manager asks").isIn(403, 404);
        Api.Answer requested = api().as("pm").post("/api/projects/" + passing + "/stages/plan/waivers",
                Map.of("criterion", "expression0", "reason", "Board agreed by mail", "expiresAt", expires));
        assertThat(requested.status()).as(requested.text()).isEqualTo(200);
        JsonNode waiver = stage(requested.json(), "plan").get("gate").get("waivers").get(0);
        assertThat(waiver.get("status").asText()).isEqualTo("requested");
        assertThat(api().as("pm").post("/api/projects/" + passing + "/stages/plan/waivers/" + waiver.get("id").asText()
                + "/grant", Map.of()).status()).as("only an approver grants").isEqualTo(403);
        Api.Answer granted = api().as("carol").post("/api/projects/" + passing + "/stages/plan/waivers/"
                + waiver.get("id").asText() + "/grant", Map.of("comment", "Fine"));
        assertThat(granted.status()).as(granted.text()).isEqualTo(200);
        JsonNode criterion = stage(granted.json(), "plan").get("gate").get("criteria").get(0);
        assertThat(criterion.get("met").asBoolean()).isTrue();
        assertThat(criterion.get("message").asText()).contains("Waived by carol");
        Api.Answer passed = api().as("carol").post("/api/tasks/" + approval + "/decision", Map.of("decision", "approve"));
        assertThat(passed.status()).as(passed.text()).isEqualTo(200);
        assertThat(stage(passed.json(), "plan").get("status").asText()).isEqualTo("done");
        assertThat(api().as("pm").get("/api/projects/" + passing + "/audit").text())
                .contains("gate.waiver-requested", "gate.waiver-granted");

        String lapsing = start(20000);
        String second = toPlanApproval(lapsing);
        Api.Answer asked = api().as("pm").post("/api/projects/" + lapsing + "/stages/plan/waivers",
                Map.of("criterion", "expression0", "reason", "Until the board meets",
                        "expiresAt", clock.instant().plus(Duration.ofHours(12)).toString()));
        String id = stage(asked.json(), "plan").get("gate").get("waivers").get(0).get("id").asText();
        assertThat(api().as("carol").post("/api/projects/" + lapsing + "/stages/plan/waivers/" + id + "/grant", Map.of())
                .status()).isEqualTo(200);
        clock.advance(Duration.ofDays(1));
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> api().as("pm").get("/api/projects/" + lapsing + "/audit").text(),
                        a -> a.contains("gate.waiver-lapsed"));
        JsonNode gate = stage(view(lapsing), "plan").get("gate");
        assertThat(gate.get("waivers").get(0).get("status").asText()).isEqualTo("lapsed");
        assertThat(gate.get("criteria").get(0).get("met").asBoolean()).isFalse();
        Api.Answer refused = api().as("carol").post("/api/tasks/" + second + "/decision", Map.of("decision", "approve"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text()).contains("Budgets over 10000 go to the board");
    }

    @Test
    void aBatchOfTenApprovalsDecidesEachOnItsOwn() {
        List<String> ids = new ArrayList<>();
        List<String> projects = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            String project = start(100 + i);
            projects.add(project);
            ids.add(toPlanApproval(project));
        }
        ids.add(4, "no-such-approval");
        Api.Answer answer = api().as("carol").post("/api/tasks/decisions",
                Map.of("ids", ids, "decision", "approve", "comment", "Batch go"));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode results = answer.get("results");
        assertThat(results).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(results.get(i).get("id").asText()).isEqualTo(ids.get(i));
            assertThat(results.get(i).get("ok").asBoolean()).isEqualTo(i != 4);
        }
        assertThat(results.get(4).get("status").asInt()).isEqualTo(404);
        assertThat(results.get(4).get("problem").get("detail").asText()).contains("no-such-approval");
        for (String project : projects) {
            assertThat(stage(view(project), "plan").get("status").asText()).isEqualTo("done");
        }
        assertThat(api().as("carol").post("/api/tasks/decisions", Map.of("ids", List.of(), "decision", "approve")).status())
                .isEqualTo(400);
    }

    @Test
    void aTaskIsTakenBackUntilTheNextPersonActs() {
        String project = start(100);
        String brief = item("alice", project, "brief");
        String approval = toPlanApproval(project);
        assertThat(api().as("bob").post("/api/tasks/" + brief + "/withdraw", Map.of()).status())
                .as("only who completed it").isIn(403, 404, 409);
        Api.Answer withdrawn = api().as("alice").post("/api/tasks/" + brief + "/withdraw", Map.of());
        assertThat(withdrawn.status()).as(withdrawn.text()).isEqualTo(200);
        assertThat(stage(withdrawn.json(), "plan").get("status").asText()).isEqualTo("active");
        assertThat(item("alice", project, "brief")).isEqualTo(brief);
        assertThat(api().as("carol").get("/api/tasks?project=" + project).json()).as("the approval closed again").isEmpty();
        assertThat(api().as("carol").post("/api/tasks/" + approval + "/decision", Map.of("decision", "approve")).status())
                .isEqualTo(409);

        String again = toPlanApproval(project);
        assertThat(api().as("carol").post("/api/tasks/" + again + "/decision", Map.of("decision", "approve")).status())
                .isEqualTo(200);
        String code = item("alice", project, "code");
        assertThat(api().as("alice").post("/api/tasks/" + code + "/complete", Map.of()).status()).isEqualTo(200);
        Api.Answer shipped = api().as("bob").post("/api/tasks/" + item("bob", project, "ship") + "/complete",
                Map.of("fields", Map.of("repoUrl", "https://git.example.com/y")));
        assertThat(shipped.status()).as(shipped.text()).isEqualTo(200);
        Api.Answer refused = api().as("alice").post("/api/tasks/" + code + "/withdraw", Map.of());
        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.text()).contains("bob already did");
        assertThat(api().as("pm").get("/api/projects/" + project + "/audit").text()).contains("task.withdrawn", "task.completed");
    }

    @Test
    void eachTimeoutActionFiresWhenTheEngineClockPassesIt() {
        Api admin = api().as("admin");
        Api.Answer saved = admin.put("/api/templates/timeouts", "application/yaml", """
                key: timeouts
                name: Timeouts
                stages:
                  - key: nudge
                    tasks: [ { key: t, assignee: "user:alice" } ]
                    gate:
                      approval: { approvers: ["user:carol"], mode: any, timeout: { after: PT48H, action: remind, repeat: 2 } }
                  - key: auto_go
                    tasks: [ { key: t, assignee: "user:alice" } ]
                    gate:
                      approval: { approvers: ["user:carol", "user:bob"], mode: all, timeout: { after: PT24H, action: approve } }
                  - key: auto_no
                    tasks: [ { key: t, assignee: "user:alice" } ]
                    gate:
                      approval: { approvers: ["user:carol"], mode: any, timeout: { after: PT24H, action: reject } }
                """);
        assertThat(saved.status()).as(saved.text()).isLessThan(300);
        assertThat(admin.post("/api/templates/timeouts/publish", Map.of()).status()).isEqualTo(201);
        String project = api().as("pm").post("/api/projects", Map.of("template", "timeouts", "name", "Timeouts"))
                .get("id").asText();
        String audit = "/api/projects/" + project + "/audit";

        assertThat(api().as("alice").post("/api/tasks/" + item("alice", project, "t") + "/complete", Map.of()).status())
                .isEqualTo(200);
        clock.advance(Duration.ofHours(49));
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> api().as("pm").get(audit).text(), a -> a.contains("gate.timeout-remind"));
        clock.advance(Duration.ofHours(48));
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> api().as("pm").get(audit).text().split("gate.timeout-remind", -1).length - 1, n -> n == 2);
        assertThat(stage(view(project), "nudge").get("status").asText()).as("a reminder decides nothing").isEqualTo("approval");
        assertThat(api().as("carol").post("/api/tasks/" + item("carol", project, null) + "/decision",
                Map.of("decision", "approve")).status()).isEqualTo(200);

        assertThat(api().as("alice").post("/api/tasks/" + item("alice", project, "t") + "/complete", Map.of()).status())
                .isEqualTo(200);
        clock.advance(Duration.ofHours(25));
        JsonNode approved = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> view(project), v -> stage(v, "auto_go").get("status").asText().equals("done"));
        JsonNode decisions = stage(approved, "auto_go").get("gate").get("approval").get("decisions");
        assertThat(decisions).hasSize(2).allSatisfy(d -> {
            assertThat(d.get("user").asText()).isEqualTo("system");
            assertThat(d.get("decision").asText()).isEqualTo("approve");
        });
        assertThat(api().as("pm").get(audit).text()).contains("gate.timeout-approve");

        assertThat(api().as("alice").post("/api/tasks/" + item("alice", project, "t") + "/complete", Map.of()).status())
                .isEqualTo(200);
        clock.advance(Duration.ofHours(25));
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> api().as("pm").get(audit).text(), a -> a.contains("gate.timeout-reject"));
        JsonNode rejected = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> view(project), v -> stage(v, "auto_no").get("status").asText().equals("active"));
        assertThat(stage(rejected, "auto_no").get("gate").get("approval").get("decisions").get(0).get("user").asText())
                .isEqualTo("system");
        assertThat(item("alice", project, "t")).as("the work comes back for rework").isNotNull();
    }

    @Test
    void anAbsenceRoutesNewWorkToTheSubstituteUntilItEnds() {
        Api alice = api().as("alice");
        Instant now = clock.instant();
        assertThat(alice.put("/api/me/absence", "application/json", """
                {"to": "%s", "substitute": "nobody"}""".formatted(now.plus(Duration.ofDays(1)))).status()).isEqualTo(400);
        Api.Answer set = alice.put("/api/me/absence", "application/json", """
                {"from": "%s", "to": "%s", "substitute": "bob"}""".formatted(now, now.plus(Duration.ofDays(1))));
        assertThat(set.status()).as(set.text()).isEqualTo(200);
        assertThat(set.get("current").asBoolean()).isTrue();
        try {
            String away = start(100);
            JsonNode bobs = api().as("bob").get("/api/tasks?project=" + away).json();
            assertThat(bobs).hasSize(1);
            assertThat(bobs.get(0).get("key").asText()).isEqualTo("brief");
            assertThat(bobs.get(0).get("onBehalfOf").asText()).isEqualTo("alice");
            assertThat(alice.get("/api/tasks?project=" + away).json()).isEmpty();
            assertThat(stage(view(away), "plan").get("tasks").get(0).get("onBehalfOf").asText()).isEqualTo("alice");
            assertThat(api().as("bob").post("/api/tasks/" + bobs.get(0).get("id").asText() + "/complete", Map.of()).status())
                    .isEqualTo(200);
            assertThat(api().as("pm").get("/api/projects/" + away + "/audit").text()).contains("task.for-absent", "bob for alice");

            clock.advance(Duration.ofDays(1).plusHours(1));
            String back = start(100);
            JsonNode alices = alice.get("/api/tasks?project=" + back).json();
            assertThat(alices).as("after the absence, new work is alice's again").hasSize(1);
            assertThat(alices.get(0).hasNonNull("onBehalfOf")).isFalse();

            Instant later = clock.instant();
            assertThat(alice.put("/api/me/absence", "application/json", """
                    {"to": "%s", "substitute": "carol"}""".formatted(later.plus(Duration.ofDays(2)))).status()).isEqualTo(200);
            Api.Answer handover = alice.post("/api/me/absence/handover", Map.of());
            assertThat(handover.status()).as(handover.text()).isEqualTo(200);
            assertThat(handover.get("moved").toString()).contains(alices.get(0).get("id").asText());
            JsonNode carols = api().as("carol").get("/api/tasks?project=" + back).json();
            assertThat(carols).hasSize(1);
            assertThat(carols.get(0).get("onBehalfOf").asText()).isEqualTo("alice");
        } finally {
            assertThat(alice.delete("/api/me/absence").status()).isEqualTo(204);
        }
        assertThat(alice.get("/api/me/absence").status()).isEqualTo(404);
    }
}
