package io.tollgate.engine.modules.budget;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.ProjectDriver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The budget through HTTP: the PM plans stages, sets rates, enters costs; approved hours count as
 * labour; overrun per stage and project; the summary other features read; 404 while off.
 */
class BudgetModuleIntegrationTests extends IntegrationTestSupport {

    @Autowired
    Budgets budgets;

    @Test
    void plannedAgainstCostsAndApprovedHoursTimesRates() {
        Api admin = api().as("admin");
        Api pm = api().as("pm");
        String project = pm.post("/api/projects", ProjectDriver.itDeliveryProject("Costly")).get("id").asText();
        String base = "/api/projects/" + project + "/budget";
        JsonNode stages = pm.get("/api/projects/" + project).json().get("stages");
        String first = stages.get(0).get("key").asText();
        String second = stages.get(1).get("key").asText();

        admin.put("/api/modules/budget", "application/json", "{\"enabled\": false}");
        assertThat(pm.get(base).status()).isEqualTo(404);
        assertThat(pm.put(base + "/plan", "application/json", "{\"stages\": {\"" + first + "\": 100}}").status())
                .isEqualTo(404);
        admin.put("/api/modules/budget", "application/json", "{\"enabled\": true}");
        admin.put("/api/modules/timesheets", "application/json", "{\"enabled\": true}");

        // only the PM changes it; bounds
        assertThat(api().as("alice").put(base + "/plan", "application/json", "{\"stages\": {\"" + first + "\": 100}}")
                .status()).isEqualTo(403);
        Api.Answer bad = pm.put(base + "/plan", "application/json", "{\"stages\": {\"nowhere\": 1, \"" + first + "\": -5}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.get("errors")).hasSize(2);
        assertThat(pm.put(base + "/plan", "application/json", "{\"stages\": {\"" + first + "\": 1e15}}").status())
                .isEqualTo(400);
        assertThat(pm.post(base + "/costs", Map.of("stage", first, "amount", 10, "description", "x".repeat(301))).status())
                .isEqualTo(400);

        assertThat(pm.put(base + "/plan", "application/json",
                "{\"stages\": {\"" + first + "\": 1000, \"" + second + "\": 5000}}").status()).isEqualTo(200);
        assertThat(pm.put(base + "/rates", "application/json", "{\"defaultRate\": 50, \"people\": {\"alice\": 80}}")
                .status()).isEqualTo(200);
        Api.Answer cost = pm.post(base + "/costs", Map.of("stage", first, "amount", 300, "description", "Licences"));
        assertThat(cost.status()).isEqualTo(201);

        // approved hours: alice 10 h at 80, bob 2 h at the default 50 on the first stage; carol's draft does not count
        LocalDate monday = LocalDate.now(ZoneOffset.UTC).minusWeeks(1).with(DayOfWeek.MONDAY);
        String ts = "/api/projects/" + project + "/timesheets";
        api().as("alice").post(ts + "/entries", Map.of("date", monday.toString(), "stage", first, "hours", 10));
        api().as("bob").post(ts + "/entries", Map.of("date", monday.toString(), "stage", first, "hours", 2));
        api().as("carol").post(ts + "/entries", Map.of("date", monday.toString(), "stage", first, "hours", 8));
        api().as("alice").post(ts + "/weeks/" + monday + "/submit", Map.of());
        api().as("bob").post(ts + "/weeks/" + monday + "/submit", Map.of());
        assertThat(pm.post(ts + "/weeks/" + monday + "/approve", Map.of("user", "alice")).status()).isEqualTo(200);
        assertThat(pm.post(ts + "/weeks/" + monday + "/approve", Map.of("user", "bob")).status()).isEqualTo(200);

        JsonNode view = api().as("carol").get(base).json();
        assertThat(view.get("canEdit").asBoolean()).isFalse();
        JsonNode summary = view.get("summary");
        // first stage: 300 + 800 + 100 = 1200 against 1000
        JsonNode s1 = summary.get("stages").get(0);
        assertThat(s1.get("labour").decimalValue()).isEqualByComparingTo("900");
        assertThat(s1.get("hours").decimalValue()).isEqualByComparingTo("12");
        assertThat(s1.get("actual").decimalValue()).isEqualByComparingTo("1200");
        assertThat(s1.get("overrun").decimalValue()).isEqualByComparingTo("200");
        assertThat(s1.get("overrunRatio").decimalValue()).isEqualByComparingTo("0.2");
        assertThat(summary.get("planned").decimalValue()).isEqualByComparingTo("6000");
        assertThat(summary.get("actual").decimalValue()).isEqualByComparingTo("1200");
        assertThat(summary.get("overrun").decimalValue()).isEqualByComparingTo("0");
        assertThat(summary.get("overrunRatio").decimalValue()).isEqualByComparingTo("-0.8");
        assertThat(pm.get(base).json().get("canEdit").asBoolean()).isTrue();

        // the summary other features read
        BudgetSummary direct = budgets.summary(project);
        assertThat(direct.actual()).isEqualByComparingTo("1200");
        assertThat(direct.stages().get(0).overrun()).isEqualByComparingTo("200");
        assertThat(direct.overrunning()).isFalse();

        assertThat(pm.delete(base + "/costs/" + cost.get("id").asText()).status()).isEqualTo(204);
        assertThat(pm.get(base).json().at("/summary/stages/0/actual").decimalValue()).isEqualByComparingTo("900");
        assertThat(pm.delete(base + "/costs/" + cost.get("id").asText()).status()).isEqualTo(404);
    }
}
