package io.tollgate.engine.insight;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.MovableClock;
import io.tollgate.engine.calendar.WorkingTime;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard, through the API as the people concerned: four projects run on one moving clock (one
 * on time, one rejected at a gate and late, one left overdue, one cancelled), and every figure of the
 * dashboard is checked against what the test computes from its own record of what it did and when.
 * The overdue project becomes likely to be late and raises exactly one alert.
 */
@Import(InsightIntegrationTests.EngineTime.class)
@TestPropertySource(properties = {
        "flowable.process.async.executor.default-timer-job-acquire-wait-time=PT0.2S",
        "tollgate.notifications.poll-interval=PT0.1S"})
class InsightIntegrationTests extends IntegrationTestSupport {

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

    /** Durations are compared to within about a quarter of an hour: the clock also runs in real time. */
    private static final double DAYS = 0.01;
    private static final double HOURS = 0.25;

    /** What the test did: when (in days since it started), who, what, and from when the item waited. */
    private record Done(String user, String kind, String project, String stage, double at, double from, String decision) {
    }

    private final List<Done> done = new ArrayList<>();
    /** Per project and stage: first start and completion, in days. */
    private final Map<String, double[]> stages = new LinkedHashMap<>();
    private final Map<String, Double> roundStart = new HashMap<>();
    private final Map<String, Double> gateOpen = new HashMap<>();
    private double now;
    private Instant t0;

    private String template;

    private String yaml() {
        return """
                key: %s
                name: Insight flow
                stages:
                  - key: plan
                    name: Plan
                    duration: P2D
                    tasks: [ { key: brief, assignee: "user:alice" } ]
                    gate:
                      approval: { approvers: ["user:carol"], mode: any }
                  - key: build
                    name: Build
                    duration: P4D
                    tasks: [ { key: code, assignee: "user:bob" } ]
                    gate:
                      approval: { approvers: ["user:carol"], mode: any }
                """.formatted(template);
    }

    @Test
    void everyDashboardFigureMatchesWhatHappened() {
        template = "insight-" + UUID.randomUUID().toString().substring(0, 8);
        Api admin = api().as("admin");
        assertThat(admin.put("/api/templates/" + template, "application/yaml", yaml()).status()).isLessThan(300);
        assertThat(admin.post("/api/templates/" + template + "/publish", Map.of()).status()).isEqualTo(201);

        t0 = clock.instant();
        String onTime = start("On time");
        String reworked = start("Reworked");
        String overdue = start("Overdue");
        String cancelled = start("Cancelled");
        String sentBack = start("Sent back");
        for (String p : List.of(onTime, reworked, overdue, cancelled, sentBack)) {
            started(p, "plan");
        }
        assertThat(api().as("pm").post("/api/projects/" + cancelled + "/cancel", Map.of("reason", "Not needed")).status())
                .isEqualTo(200);

        advance(1);
        task("alice", onTime, "plan", "brief");
        task("alice", reworked, "plan", "brief");
        task("alice", sentBack, "plan", "brief");
        advance(0.5);
        decide(onTime, "plan", "approve");
        started(onTime, "build");
        decide(reworked, "plan", "reject");
        roundStart.put(reworked + "/plan", now);
        decide(sentBack, "plan", "approve");
        started(sentBack, "build");
        advance(1);
        // the overdue project's plan (due after 2 days) is now late: its forecast passes 70%
        JsonNode alert = awaitNotification("pm", overdue, "late_risk");
        assertThat(alert.get("title").asText()).contains("Overdue");
        task("alice", reworked, "plan", "brief");
        task("bob", onTime, "build", "code");
        task("bob", sentBack, "build", "code");
        advance(0.5);
        decide(reworked, "plan", "approve");
        started(reworked, "build");
        decide(onTime, "build", "approve");
        double onTimeFinish = now;
        // the build's gate sends the project back to its plan: the plan is done again, then the build
        decide(sentBack, "build", "send_back");
        roundStart.put(sentBack + "/plan", now);
        advance(2.9);
        task("bob", reworked, "build", "code");
        task("alice", sentBack, "plan", "brief");
        advance(0.6);
        decide(reworked, "build", "approve");
        double lateFinish = now;
        decide(sentBack, "plan", "approve");
        started(sentBack, "build");
        task("bob", sentBack, "build", "code");
        decide(sentBack, "build", "approve");
        double sentBackFinish = now;

        Api.Answer answer = api().as("pm").get("/api/dashboard?period=all&template=" + template);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode d = answer.json();

        JsonNode projects = d.get("projects");
        List<Double> finishes = List.of(onTimeFinish, lateFinish, sentBackFinish);
        assertThat(projects.get("started").asLong()).isEqualTo(5);
        assertThat(projects.get("active").asLong()).isEqualTo(1);
        assertThat(projects.get("completed").asLong()).isEqualTo(finishes.size());
        assertThat(projects.get("cancelled").asLong()).isEqualTo(1);
        assertThat(projects.get("completionRate").asDouble()).isCloseTo(finishes.size() / 5.0, within(1e-4));
        // the target is the critical path of the plan: 2 + 4 days
        long onTimeCount = finishes.stream().filter(f -> f <= 6).count();
        assertThat(projects.get("onTime").asLong()).isEqualTo(onTimeCount).isEqualTo(1);
        assertThat(projects.get("onTimeRate").asDouble()).isCloseTo((double) onTimeCount / finishes.size(), within(1e-4));
        stats(projects.get("cycle"), finishes);

        assertThat(d.get("byStage")).hasSize(1);
        assertThat(d.get("byStage").get(0).get("stage").asText()).isEqualTo("plan");
        assertThat(d.get("byStage").get(0).get("projects").asLong()).isEqualTo(1);

        Map<String, List<Double>> cycles = new TreeMap<>();
        stages.forEach((key, times) -> {
            if (times[1] >= 0) {
                cycles.computeIfAbsent(key.substring(key.indexOf('/') + 1), k -> new ArrayList<>()).add(times[1] - times[0]);
            }
        });
        assertThat(d.get("stages")).hasSize(2);
        for (JsonNode s : d.get("stages")) {
            stats(s.get("cycle"), cycles.get(s.get("stage").asText()));
        }

        Map<String, long[]> gates = new HashMap<>();
        done.stream().filter(x -> x.decision() != null).forEach(x -> gates.computeIfAbsent(x.stage(), k -> new long[2])
                [x.decision().equals("approve") ? 0 : 1]++);
        assertThat(d.get("gates")).hasSize(2);
        for (JsonNode g : d.get("gates")) {
            long[] expected = gates.get(g.get("stage").asText());
            assertThat(g.get("passed").asLong()).isEqualTo(expected[0]);
            assertThat(g.get("recycled").asLong()).isEqualTo(expected[1]);
            assertThat(g.get("reworkRate").asDouble()).isCloseTo((double) expected[1] / (expected[0] + expected[1]), within(1e-4));
        }

        assertThat(d.get("overdue")).hasSize(1);
        JsonNode late = d.get("overdue").get(0);
        assertThat(late.get("projectId").asText()).isEqualTo(overdue);
        assertThat(late.get("stage").asText()).isEqualTo("plan");
        assertThat(late.get("daysLate").asDouble()).isCloseTo(now - 2, within(DAYS));

        Map<String, List<Double>> handling = new TreeMap<>();
        Map<String, long[]> counts = new TreeMap<>();
        for (Done x : done) {
            handling.computeIfAbsent(x.user(), k -> new ArrayList<>()).add((x.at() - x.from()) * 24);
            counts.computeIfAbsent(x.user(), k -> new long[2])[x.kind().equals("task") ? 0 : 1]++;
        }
        assertThat(d.get("people")).hasSize(counts.size());
        for (JsonNode p : d.get("people")) {
            String user = p.get("user").asText();
            assertThat(p.get("tasks").asLong()).as(user).isEqualTo(counts.get(user)[0]);
            assertThat(p.get("decisions").asLong()).as(user).isEqualTo(counts.get(user)[1]);
            assertThat(p.get("meanHandlingHours").asDouble()).as(user).isCloseTo(mean(handling.get(user)), within(HOURS));
        }
        Map<String, List<Double>> byStage = new TreeMap<>();
        done.forEach(x -> byStage.computeIfAbsent(x.stage(), k -> new ArrayList<>()).add((x.at() - x.from()) * 24));
        assertThat(d.get("stageWork")).hasSize(byStage.size());
        for (JsonNode s : d.get("stageWork")) {
            List<Double> hours = byStage.get(s.get("stage").asText());
            assertThat(s.get("items").asLong()).isEqualTo(hours.size());
            assertThat(s.get("meanHandlingHours").asDouble()).isCloseTo(mean(hours), within(HOURS));
        }

        Map<String, Long> weeks = new TreeMap<>();
        for (double finish : finishes) {
            weeks.merge(t0.plusMillis((long) (finish * 86_400_000)).atZone(ZoneOffset.UTC).toLocalDate()
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString(), 1L, Long::sum);
        }
        Map<String, Long> throughput = new TreeMap<>();
        d.get("throughput").forEach(w -> throughput.put(w.get("week").asText(), w.get("completed").asLong()));
        assertThat(throughput).isEqualTo(weeks);

        // the schedule: one chain, both stages critical, six days long
        JsonNode schedule = api().as("pm").get("/api/projects/" + overdue + "/schedule").json();
        assertThat(schedule.get("criticalPath").toString()).isEqualTo("[\"plan\",\"build\"]");
        assertThat(schedule.get("lengthDays").asDouble()).isEqualTo(6.0);
        schedule.get("stages").forEach(s -> assertThat(s.get("floatDays").asDouble()).isZero());

        JsonNode forecast = api().as("pm").get("/api/projects/" + overdue + "/forecast").json();
        assertThat(forecast.get("probabilityLate").asDouble()).isGreaterThan(0.7);
        assertThat(forecast.get("alertedAt").isNull()).isFalse();

        // lateness counts working days (the workspace keeps plain time: Monday to Friday, no holidays)
        Instant due = Instant.parse(api().as("pm").get("/api/projects/" + overdue).json().at("/stages/0/dueAt").asText());
        double lateBefore = Math.floor(WorkingTime.PLAIN.workingDaysBetween(due, clock.instant()) * 10) / 10;
        JsonNode health = api().as("pm").get("/api/projects/" + overdue + "/health").json();
        double lateAfter = Math.floor(WorkingTime.PLAIN.workingDaysBetween(due, clock.instant()) * 10) / 10;
        assertThat(health.get("en").asText()).containsAnyOf("Plan is " + days(lateBefore) + " working day",
                "Plan is " + days(lateAfter) + " working day");
        int score = health.get("score").asInt();
        assertThat(score).as("at least the stage's lateness taken off").isLessThanOrEqualTo((int) Math.round(Math.max(40, 100 - 10 * lateBefore)));
        assertThat(health.get("colour").asText()).isEqualTo(score < 50 ? "red" : "yellow");
        assertThat(health.get("zh").asText()).startsWith(score < 50 ? "红" : "黄").contains("Plan 延误");
        JsonNode reworkedHealth = api().as("pm").get("/api/projects/" + reworked + "/health").json();
        assertThat(reworkedHealth.get("score").asInt()).isEqualTo(90);

        // the overdue project's plan passes late and its build starts: judged again, still likely late, no second alert
        task("alice", overdue, "plan", "brief");
        decide(overdue, "plan", "approve");
        awaitNotification("pm", overdue, "approval_decided");
        assertThat(api().as("pm").get("/api/projects/" + overdue + "/forecast").get("probabilityLate").asDouble())
                .isGreaterThan(0.7);
        assertThat(inbox("pm").stream().filter(n -> n.get("event").asText().equals("late_risk")
                && n.get("projectId").asText().equals(overdue)).count()).isEqualTo(1);
        assertThat(inbox("pm").stream().filter(n -> n.get("event").asText().equals("late_risk")
                && List.of(onTime, reworked, cancelled).contains(n.get("projectId").asText()))).isEmpty();
        assertThat(api().as("pm").get("/api/projects/" + sentBack).get("status").asText()).isEqualTo("completed");
    }

    @Test
    void theDashboardIsForManagersAndEveryInputIsBounded() {
        assertThat(api().as("alice").get("/api/dashboard").status()).isEqualTo(403);
        assertThat(api().as("pm").get("/api/dashboard").status()).isEqualTo(200);
        Api.Answer period = api().as("pm").get("/api/dashboard?period=forever");
        assertThat(period.status()).isEqualTo(400);
        assertThat(period.contentType()).contains("application/problem+json");
        assertThat(api().as("pm").get("/api/dashboard?template=" + "x".repeat(101)).status()).isEqualTo(400);
        assertThat(api().as("pm").get("/api/dashboard?group=%3Cscript%3E").status()).isEqualTo(400);
        assertThat(api().as("pm").get("/api/dashboard/export?format=pdf").status()).isEqualTo(400);
        assertThat(api().as("pm").get("/api/dashboard/export?format=csv&table=secrets").status()).isEqualTo(400);
        Api.Answer csv = api().as("pm").get("/api/dashboard/export?format=csv&table=projects");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.text()).startsWith("started,active,on_hold,completed,cancelled");
        Api.Answer xlsx = api().as("pm").get("/api/dashboard/export?format=xlsx");
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.text()).startsWith("PK");

        assertThat(api().as("alice").get("/api/projects/" + UUID.randomUUID() + "/health").status()).isEqualTo(404);
        assertThat(api().as("pm").get("/api/projects/" + "x".repeat(300) + "/forecast").status()).isEqualTo(404);

        Map<String, Object> health = new LinkedHashMap<>();
        health.put("pointsPerDayLate", 5);
        health.put("maxSchedulePoints", 60);
        health.put("pointsPerOverrunPercent", 2);
        health.put("maxBudgetPoints", 40);
        health.put("pointsPerRework", 10);
        health.put("maxReworkPoints", 30);
        health.put("pointsPerLapsedCondition", 40);
        health.put("yellowBelow", 80);
        health.put("redBelow", 50);
        assertThat(api().as("pm").put("/api/dashboard/settings", "application/json",
                json(Map.of("health", health, "lateAlertThreshold", 0.7))).status()).isEqualTo(403);
        Api.Answer bad = api().as("admin").put("/api/dashboard/settings", "application/json",
                json(Map.of("health", health, "lateAlertThreshold", 1.5)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("lateAlertThreshold");
        health.put("redBelow", 90);
        assertThat(api().as("admin").put("/api/dashboard/settings", "application/json",
                json(Map.of("health", health, "lateAlertThreshold", 0.7))).text()).contains("health.redBelow");
        health.put("redBelow", 50);
        Api.Answer saved = api().as("admin").put("/api/dashboard/settings", "application/json",
                json(Map.of("health", health, "lateAlertThreshold", 0.8)));
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        assertThat(api().as("pm").get("/api/dashboard/settings").get("lateAlertThreshold").asDouble()).isEqualTo(0.8);
        assertThat(api().as("admin").put("/api/dashboard/settings", "application/json",
                json(Map.of("health", Map.of("pointsPerDayLate", 10, "maxSchedulePoints", 60, "pointsPerOverrunPercent", 2,
                        "maxBudgetPoints", 40, "pointsPerRework", 10, "maxReworkPoints", 30,
                        "pointsPerLapsedCondition", 40, "yellowBelow", 80, "redBelow", 50), "lateAlertThreshold", 0.7)))
                .status()).isEqualTo(200);
    }

    // --- the record and its arithmetic

    private void stats(JsonNode stats, List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        assertThat(stats.get("count").asLong()).isEqualTo(sorted.size());
        assertThat(stats.get("mean").asDouble()).isCloseTo(mean(sorted), within(DAYS));
        assertThat(stats.get("p50").asDouble()).isCloseTo(percentile(sorted, 0.5), within(DAYS));
        assertThat(stats.get("p85").asDouble()).isCloseTo(percentile(sorted, 0.85), within(DAYS));
        assertThat(stats.get("p95").asDouble()).isCloseTo(percentile(sorted, 0.95), within(DAYS));
    }

    private static String days(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** The continuous percentile: interpolated between the two nearest ranks. */
    private static double percentile(List<Double> sorted, double q) {
        double rank = q * (sorted.size() - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return sorted.get(low) + (rank - low) * (sorted.get(high) - sorted.get(low));
    }

    private void advance(double days) {
        clock.advance(Duration.ofMillis((long) (days * 86_400_000)));
        now += days;
    }

    private String start(String name) {
        Api.Answer created = api().as("pm").post("/api/projects", Map.of("template", template, "name", name));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.get("id").asText();
    }

    private void started(String project, String stage) {
        stages.putIfAbsent(project + "/" + stage, new double[] {now, -1});
        roundStart.put(project + "/" + stage, now);
    }

    private void task(String user, String project, String stage, String key) {
        String id = item(user, project, key);
        Api.Answer answer = api().as(user).post("/api/tasks/" + id + "/complete", Map.of());
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        done.add(new Done(user, "task", project, stage, now, roundStart.get(project + "/" + stage), null));
        gateOpen.put(project + "/" + stage, now);
    }

    private void decide(String project, String stage, String decision) {
        String id = item("carol", project, null);
        Map<String, Object> body = new LinkedHashMap<>(Map.of("decision", decision, "comment", "Decided"));
        if (decision.equals("send_back")) {
            body.put("sendBackTo", "plan");
        }
        Api.Answer answer = api().as("carol").post("/api/tasks/" + id + "/decision", body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        done.add(new Done("carol", "approval", project, stage, now, gateOpen.get(project + "/" + stage), decision));
        if (decision.equals("approve")) {
            stages.get(project + "/" + stage)[1] = now;
        }
    }

    private String item(String user, String project, String key) {
        JsonNode inbox = api().as(user).get("/api/tasks?project=" + project).json();
        return StreamSupport.stream(inbox.spliterator(), false)
                .filter(i -> key == null ? i.get("kind").asText().equals("approval") : key.equals(i.get("key").asText()))
                .map(i -> i.get("id").asText()).findFirst()
                .orElseThrow(() -> new AssertionError(user + " has no " + (key == null ? "approval" : key) + " in " + inbox));
    }

    private List<JsonNode> inbox(String user) {
        List<JsonNode> out = new ArrayList<>();
        api().as(user).get("/api/notifications?size=100").get("items").forEach(out::add);
        return out;
    }

    private JsonNode awaitNotification(String user, String project, String event) {
        return await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> inbox(user).stream().filter(n -> n.get("event").asText().equals(event)
                        && n.get("projectId").asText().equals(project)).findFirst().orElse(null), n -> n != null);
    }

    private static String json(Object body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
