package io.tollgate.engine.insight;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.MovableClock;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health score's budget and lateness through the API, and the read model rebuilt from
 * Tollgate's own tables: the budget module's overrun, the template's money fields where the module
 * is off, lateness in working days across a weekend and a holiday on a moving clock, and a backfill
 * that gives back every dashboard figure.
 */
@Import(InsightHealthIntegrationTests.EngineTime.class)
@TestPropertySource(properties = {
        "flowable.process.async.executor.default-timer-job-acquire-wait-time=PT0.2S",
        "tollgate.notifications.poll-interval=PT0.1S"})
class InsightHealthIntegrationTests extends IntegrationTestSupport {

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

    @Autowired
    MovableClock clock;

    @Autowired
    InsightBackfill backfill;

    @Autowired
    NamedParameterJdbcTemplate jdbc;

    private String flow(String key, String extra) {
        return """
                key: %s
                name: Health flow
                %s
                stages:
                  - key: plan
                    name: Plan
                    duration: P1D
                    tasks: [ { key: brief, assignee: "user:alice" } ]
                    gate:
                      approval: { approvers: ["user:carol"], mode: any }
                  - key: build
                    name: Build
                    duration: P2D
                    tasks: [ { key: code, assignee: "user:bob" } ]
                    gate:
                      approval: { approvers: ["user:carol"], mode: any }
                """.formatted(key, extra);
    }

    private String publish(String extra) {
        String key = "health-" + UUID.randomUUID().toString().substring(0, 8);
        Api admin = api().as("admin");
        assertThat(admin.put("/api/templates/" + key, "application/yaml", flow(key, extra)).status()).isLessThan(300);
        Api.Answer published = admin.post("/api/templates/" + key + "/publish", Map.of());
        assertThat(published.status()).as(published.text()).isEqualTo(201);
        return key;
    }

    @Test
    void theBudgetModuleSaysHowFarOverBudgetAProjectIs() {
        Api admin = api().as("admin");
        Api pm = api().as("pm");
        assertThat(admin.put("/api/modules/budget", "application/json", "{\"enabled\": true}").status()).isLessThan(300);
        String template = publish("");
        String project = start(template, "Over budget", Map.of());
        String base = "/api/projects/" + project + "/budget";
        assertThat(pm.put(base + "/plan", "application/json", "{\"stages\": {\"plan\": 20000, \"build\": 30000}}")
                .status()).isEqualTo(200);
        assertThat(pm.post(base + "/costs", Map.of("stage", "plan", "amount", 26000, "description", "Design")).status())
                .isEqualTo(201);
        assertThat(health(project).get("en").asText()).as("under budget").doesNotContain("budget");
        assertThat(pm.post(base + "/costs", Map.of("stage", "build", "amount", 30000, "description", "Build")).status())
                .isEqualTo(201);

        JsonNode health = health(project);
        assertThat(health.get("en").asText()).isEqualTo("yellow: budget 12% over: 56,000 of 50,000");
        assertThat(health.get("zh").asText()).isEqualTo("黄：预算超支 12%：已花费 56,000，预算 50,000");
        assertThat(health.get("score").asInt()).isEqualTo(76);
        JsonNode part = health.get("parts").get(0);
        assertThat(part.get("kind").asText()).isEqualTo("budget");
        assertThat(part.get("points").asDouble()).isEqualTo(24.0);

        // the workspace's weights apply to the budget too
        Map<String, Object> weights = new LinkedHashMap<>(Map.of("pointsPerDayLate", 10, "maxSchedulePoints", 60,
                "pointsPerOverrunPercent", 1, "maxBudgetPoints", 10, "pointsPerRework", 10, "maxReworkPoints", 30,
                "pointsPerLapsedCondition", 40, "yellowBelow", 80, "redBelow", 50));
        try {
            assertThat(admin.put("/api/dashboard/settings", "application/json",
                    json(Map.of("health", weights, "lateAlertThreshold", 0.7))).status()).isEqualTo(200);
            assertThat(health(project).get("score").asInt()).as("12 points, capped at 10").isEqualTo(90);
        } finally {
            weights.putAll(Map.of("pointsPerOverrunPercent", 2, "maxBudgetPoints", 40));
            admin.put("/api/dashboard/settings", "application/json", json(Map.of("health", weights, "lateAlertThreshold", 0.7)));
        }
    }

    @Test
    void withTheModuleOffTheTemplatesMoneyFieldsTell() {
        Api admin = api().as("admin");
        Api pm = api().as("pm");
        assertThat(admin.put("/api/modules/budget", "application/json", "{\"enabled\": false}").status()).isLessThan(300);
        String template = publish("""
                fields:
                  - { key: approvedBudget, type: money, currency: CNY }
                  - { key: spentSoFar, type: money, currency: CNY }
                insight: { budgetField: approvedBudget, actualField: spentSoFar }""");
        String project = start(template, "Fielded", Map.of("approvedBudget", 50000, "spentSoFar", 10000));
        assertThat(health(project).get("en").asText()).isEqualTo("green: on track");
        Api.Answer patched = pm.patch("/api/projects/" + project + "/fields", Map.of("fields", Map.of("spentSoFar", 56000)));
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        JsonNode health = health(project);
        assertThat(health.get("en").asText()).isEqualTo("yellow: budget 12% over: 56,000 of 50,000");
        assertThat(health.get("score").asInt()).isEqualTo(76);

        // the template language checks what the insight section names
        String bad = "health-" + UUID.randomUUID().toString().substring(0, 8);
        admin.put("/api/templates/" + bad, "application/yaml", flow(bad, """
                fields:
                  - { key: approvedBudget, type: money }
                  - { key: note, type: text }
                insight: { budgetField: approvedBudget, actualField: note }"""));
        Api.Answer refused = admin.post("/api/templates/" + bad + "/publish", Map.of());
        assertThat(refused.status()).isGreaterThanOrEqualTo(400).isLessThan(500);
        assertThat(refused.text()).contains("insight-field-not-money").contains("$.insight.actualField");
        String unknown = "health-" + UUID.randomUUID().toString().substring(0, 8);
        admin.put("/api/templates/" + unknown, "application/yaml", flow(unknown, "insight: { budgetField: nowhere }"));
        Api.Answer unknownRefused = admin.post("/api/templates/" + unknown + "/publish", Map.of());
        assertThat(unknownRefused.text()).contains("insight-unknown-field").contains("insight-field-missing");
    }

    @Test
    void latenessCountsWorkingDaysAcrossAWeekendAndAHoliday() {
        Api admin = api().as("admin");
        assertThat(admin.put("/api/modules/budget", "application/json", "{\"enabled\": false}").status()).isLessThan(300);
        String template = publish("");

        // plain time: Thursday 10:00 plus a day is due on Friday; the next Wednesday 10:30 is three working days on
        Instant thursday = nextThursdayTen();
        clock.advance(Duration.between(clock.instant(), thursday));
        String plain = start(template, "Over the weekend", Map.of());
        clock.advance(Duration.ofDays(6).plusMinutes(30));
        JsonNode health = health(plain);
        assertThat(health.get("en").asText()).contains("Plan is 3 working days late");
        assertThat(health.get("zh").asText()).contains("Plan 延误 3 个工作日");
        assertThat(health.get("parts").get(0).get("points").asDouble()).isGreaterThanOrEqualTo(30);

        // working time 09:00-18:00 with the Monday a holiday: Friday 8 h, Tuesday 9 h, Wednesday 1.5 h
        thursday = nextThursdayTen();
        LocalDate monday = thursday.atZone(ZoneOffset.UTC).toLocalDate().plusDays(4);
        Api.Answer calendar = admin.put("/api/calendar", "application/json", json(Map.of("mode", "working",
                "workingDays", List.of("MON", "TUE", "WED", "THU", "FRI"), "hours", Map.of("start", "09:00", "end", "18:00"),
                "zone", "UTC", "holidays", List.of(monday.toString()), "workingWeekends", List.of())));
        assertThat(calendar.status()).as(calendar.text()).isEqualTo(200);
        try {
            clock.advance(Duration.between(clock.instant(), thursday));
            String working = start(template, "Over a long weekend", Map.of());
            JsonNode stage = api().as("pm").get("/api/projects/" + working).json().get("stages").get(0);
            assertThat(Instant.parse(stage.get("dueAt").asText())).isBetween(thursday.plus(Duration.ofHours(24)),
                    thursday.plus(Duration.ofHours(24)).plusSeconds(60));
            clock.advance(Duration.ofDays(6).plusMinutes(30));
            JsonNode late = health(working);
            assertThat(late.get("en").asText()).contains("Plan is 2 working days late");
            assertThat(late.get("zh").asText()).contains("Plan 延误 2 个工作日");
        } finally {
            admin.put("/api/calendar", "application/json", json(Map.of("mode", "calendar")));
        }
    }

    @Test
    void theBackfillGivesBackEveryDashboardFigure() {
        Api admin = api().as("admin");
        assertThat(admin.put("/api/modules/budget", "application/json", "{\"enabled\": false}").status()).isLessThan(300);
        String template = publish("");
        String reworked = start(template, "Rejected once", Map.of());
        String running = start(template, "Still building", Map.of());
        String cancelled = start(template, "Cancelled", Map.of());
        String sentBack = start(template, "Sent back", Map.of());
        assertThat(api().as("pm").post("/api/projects/" + cancelled + "/cancel", Map.of("reason", "Not needed")).status())
                .isEqualTo(200);
        advance(0.4);
        for (String p : List.of(reworked, running, sentBack)) {
            task("alice", p, "brief");
        }
        advance(0.3);
        for (String p : List.of(reworked, running, sentBack)) {
            decide(p, "approve");
        }
        advance(1.2);
        for (String p : List.of(reworked, running, sentBack)) {
            task("bob", p, "code");
        }
        advance(0.5);
        decide(reworked, "reject");
        decide(sentBack, "send_back");
        advance(0.8);
        task("bob", reworked, "code");
        task("alice", sentBack, "brief");
        advance(0.25);
        decide(reworked, "approve");
        decide(sentBack, "approve");
        advance(0.6);
        task("bob", sentBack, "code");
        advance(0.1);
        decide(sentBack, "approve");
        advance(3);

        String dashboard = "/api/dashboard?period=all&template=" + template;
        JsonNode before = api().as("pm").get(dashboard).json();
        assertThat(before.at("/projects/completed").asLong()).isEqualTo(2);
        assertThat(before.get("overdue")).hasSize(1);
        JsonNode healthBefore = health(running);
        JsonNode scheduleBefore = api().as("pm").get("/api/projects/" + running + "/schedule").json();

        List<String> ours = List.of(reworked, running, cancelled, sentBack);
        MapSqlParameterSource ids = new MapSqlParameterSource("ids", ours);
        jdbc.update("delete from insight_work where project_id in (:ids)", ids);
        jdbc.update("delete from insight_stage where project_id in (:ids)", ids);
        jdbc.update("delete from insight_project where project_id in (:ids)", ids);
        assertThat(api().as("pm").get(dashboard).json().at("/projects/started").asLong()).isZero();
        assertThat(api().as("pm").get("/api/projects/" + running + "/health").status()).isEqualTo(404);

        assertThat(backfill.backfill()).isEqualTo(ours.size());
        JsonNode after = api().as("pm").get(dashboard).json();
        for (String part : List.of("projects", "byStatus", "byStage", "stages", "gates", "overdue", "people", "stageWork",
                "throughput")) {
            assertSame(part, before.get(part), after.get(part));
        }
        assertSame("health", healthBefore, health(running));
        assertSame("schedule", scheduleBefore.get("stages"),
                api().as("pm").get("/api/projects/" + running + "/schedule").json().get("stages"));
        assertThat(backfill.backfill()).as("nothing is missing any more").isZero();
        assertThat(jdbc.queryForObject("select count(*) from insight_stage where project_id in (:ids)", ids, Integer.class))
                .isEqualTo(ours.size() * 2);
    }

    // --- helpers

    /** Equal, numbers to within one unit of the dashboard's rounding (the rows' instants differ by milliseconds). */
    private static void assertSame(String path, JsonNode expected, JsonNode actual) {
        if (expected == null || actual == null) {
            assertThat(actual).as(path).isEqualTo(expected);
        } else if (expected.isNumber()) {
            assertThat(actual.isNumber()).as(path + " " + actual).isTrue();
            assertThat(Math.abs(expected.asDouble() - actual.asDouble())).as(path + ": " + expected + " vs " + actual)
                    .isLessThanOrEqualTo(0.011);
        } else if (expected.isObject()) {
            assertThat(actual.isObject()).as(path).isTrue();
            assertThat(iterable(actual.fieldNames())).as(path).containsExactlyElementsOf(iterable(expected.fieldNames()));
            expected.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("now")) {
                    assertSame(path + "." + e.getKey(), e.getValue(), actual.get(e.getKey()));
                }
            });
        } else if (expected.isArray()) {
            assertThat(actual.size()).as(path + " " + actual).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertSame(path + "[" + i + "]", expected.get(i), actual.get(i));
            }
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }

    private Instant nextThursdayTen() {
        ZonedDateTime now = clock.instant().atZone(ZoneOffset.UTC).plusDays(1);
        return now.toLocalDate().with(TemporalAdjusters.next(DayOfWeek.THURSDAY)).atTime(10, 0).toInstant(ZoneOffset.UTC);
    }

    private void advance(double days) {
        clock.advance(Duration.ofMillis((long) (days * 86_400_000)));
    }

    private JsonNode health(String project) {
        Api.Answer answer = api().as("pm").get("/api/projects/" + project + "/health");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    private String start(String template, String name, Map<String, Object> fields) {
        Api.Answer created = api().as("pm").post("/api/projects", Map.of("template", template, "name", name, "fields", fields));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.get("id").asText();
    }

    private void task(String user, String project, String key) {
        String id = item(user, project, key);
        Api.Answer answer = api().as(user).post("/api/tasks/" + id + "/complete", Map.of());
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    }

    private void decide(String project, String decision) {
        String id = item("carol", project, null);
        Map<String, Object> body = new LinkedHashMap<>(Map.of("decision", decision, "comment", "Decided"));
        if (decision.equals("send_back")) {
            body.put("sendBackTo", "plan");
        }
        Api.Answer answer = api().as("carol").post("/api/tasks/" + id + "/decision", body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    }

    private String item(String user, String project, String key) {
        JsonNode inbox = api().as(user).get("/api/tasks?project=" + project).json();
        return StreamSupport.stream(inbox.spliterator(), false)
                .filter(i -> key == null ? i.get("kind").asText().equals("approval") : key.equals(i.get("key").asText()))
                .map(i -> i.get("id").asText()).findFirst()
                .orElseThrow(() -> new AssertionError(user + " has no " + (key == null ? "approval" : key) + " in " + inbox));
    }

    private static String json(Object body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
