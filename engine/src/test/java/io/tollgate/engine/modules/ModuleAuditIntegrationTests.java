package io.tollgate.engine.modules;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.ProjectDriver;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What people do in the industry modules of a project (timesheets, budget, releases, risks, check-in)
 * shows in the project's audit trail with who did it, when and what, for the PM to read, and in the
 * workspace audit trail for the admin; a refused change leaves no line behind.
 */
class ModuleAuditIntegrationTests extends IntegrationTestSupport {

    static final LocalDate MONDAY = LocalDate.now(ZoneOffset.UTC).minusWeeks(2).with(DayOfWeek.MONDAY);

    @Test
    void moduleActionsAppearInTheProjectsAuditTrail() {
        Api pm = api().as("pm");
        Api alice = api().as("alice");
        Api bob = api().as("bob");
        for (String module : List.of("timesheets", "budget", "risks", "checkin", "releases")) {
            assertThat(api().as("admin").put("/api/modules/" + module, "application/json", "{\"enabled\": true}").status())
                    .isEqualTo(200);
        }
        String project = pm.post("/api/projects", ProjectDriver.itDeliveryProject("Audited modules")).get("id").asText();
        String base = "/api/projects/" + project;
        String stage = pm.get(base).json().at("/stages/0/key").asText();

        // timesheets: alice enters, removes and submits; the PM approves hers and returns bob's
        String removed = alice.post(base + "/timesheets/entries", Map.of("date", MONDAY.toString(), "stage", stage,
                "hours", "2")).get("id").asText();
        assertThat(alice.delete(base + "/timesheets/entries/" + removed).status()).isEqualTo(204);
        assertThat(alice.post(base + "/timesheets/entries", Map.of("date", MONDAY.toString(), "stage", stage,
                "hours", "7.5")).status()).isEqualTo(201);
        assertThat(alice.post(base + "/timesheets/weeks/" + MONDAY + "/submit", Map.of()).status()).isEqualTo(200);
        assertThat(bob.post(base + "/timesheets/entries", Map.of("date", MONDAY.toString(), "stage", stage,
                "hours", "3")).status()).isEqualTo(201);
        assertThat(bob.post(base + "/timesheets/weeks/" + MONDAY + "/submit", Map.of()).status()).isEqualTo(200);
        assertThat(pm.post(base + "/timesheets/weeks/" + MONDAY + "/approve", Map.of("user", "alice")).status())
                .isEqualTo(200);
        assertThat(pm.post(base + "/timesheets/weeks/" + MONDAY + "/return", Map.of("user", "bob",
                "comment", "Wrong stage")).status()).isEqualTo(200);
        assertThat(pm.post(base + "/timesheets/weeks/" + MONDAY + "/approve", Map.of("user", "carol")).status())
                .as("nothing submitted: refused, and no audit line").isEqualTo(409);

        // budget: a plan, rates, a cost entered and one removed
        assertThat(pm.put(base + "/budget/plan", "application/json", "{\"stages\": {\"" + stage + "\": 5000}}").status())
                .isEqualTo(200);
        assertThat(pm.put(base + "/budget/rates", "application/json", "{\"defaultRate\": 80, \"people\": {\"alice\": 95}}")
                .status()).isEqualTo(200);
        assertThat(pm.post(base + "/budget/costs", Map.of("stage", stage, "amount", 1200, "description", "Licences",
                "date", MONDAY.toString()))
                .status()).isEqualTo(201);
        String cost = pm.post(base + "/budget/costs", Map.of("stage", stage, "amount", 40, "description", "Typo"))
                .get("id").asText();
        assertThat(pm.delete(base + "/budget/costs/" + cost).status()).isEqualTo(204);

        // releases: created, changed, marked ready, mark taken back
        String release = pm.post(base + "/releases", Map.of("version", "1.0", "plannedOn", "2030-01-15"))
                .get("id").asText();
        assertThat(pm.patch(base + "/releases/" + release, Map.of("version", "1.0.1")).status()).isEqualTo(200);
        assertThat(pm.patch(base + "/releases/" + release, Map.of("ready", true)).status()).isEqualTo(200);
        assertThat(pm.patch(base + "/releases/" + release, Map.of("ready", false)).status()).isEqualTo(200);

        // risks: raised and closed; check-in
        String risk = alice.post(base + "/risks", Map.of("title", "Vendor late", "probability", 4, "impact", 3))
                .get("id").asText();
        assertThat(pm.patch(base + "/risks/" + risk, Map.of("status", "closed")).status()).isEqualTo(200);
        Api.Answer checkin = bob.post(base + "/checkins", Map.of("note", "On the API"));
        assertThat(checkin.status()).as(checkin.text()).isBetween(200, 201);

        Api.Answer trail = pm.get(base + "/audit");
        assertThat(trail.status()).isEqualTo(200);
        List<String> lines = new ArrayList<>();
        for (JsonNode line : trail.json()) {
            assertThat(line.get("at").asText()).as("when").isNotBlank();
            lines.add(line.get("actor").asText() + " " + line.get("action").asText() + " " + text(line, "subject")
                    + " | " + text(line, "detail"));
        }
        assertThat(lines).contains(
                "alice timesheet.entry-saved " + stage + " | " + MONDAY + " · 2 h",
                "alice timesheet.entry-removed " + stage + " | " + MONDAY + " · 2 h",
                "alice timesheet.submitted " + MONDAY + " | 7.5 h",
                "pm timesheet.approved alice · " + MONDAY + " | -",
                "pm timesheet.returned bob · " + MONDAY + " | Wrong stage",
                "pm budget.plan-set - | " + stage + " 5000",
                "pm budget.rates-set - | defaultRate 80; alice 95",
                "pm budget.cost-entered " + stage + " | 1200 · " + MONDAY + " · Licences",
                "pm budget.cost-removed " + stage + " | 40 · Typo",
                "pm release.created 1.0 | 2030-01-15",
                "pm release.changed 1.0.1 | version 1.0 → 1.0.1",
                "pm release.ready 1.0.1 | -",
                "pm release.unready 1.0.1 | -",
                "alice risk.raised Vendor late | 4 × 3 = 12",
                "pm risk.updated Vendor late | 4 × 3 = 12 · closed",
                "bob checkin.checked-in " + checkin.get("day").asText() + " | -");
        assertThat(lines).filteredOn(l -> l.contains("carol")).isEmpty();

        assertThat(alice.get(base + "/audit").text()).as("anyone in the project reads its trail")
                .contains("timesheet.returned");
        JsonNode workspace = api().as("admin").get("/api/audit?limit=1000").json();
        List<String> mine = new ArrayList<>();
        workspace.forEach(l -> {
            if (project.equals(text(l, "projectId"))) {
                mine.add(l.get("action").asText());
            }
        });
        assertThat(mine).contains("timesheet.submitted", "budget.cost-entered", "release.ready", "risk.raised",
                "checkin.checked-in");
    }

    /** A field of an audit line as text; "-" where the line has none (absent fields are left out). */
    static String text(JsonNode line, String field) {
        JsonNode value = line.path(field);
        return value.isMissingNode() || value.isNull() ? "-" : value.asText();
    }
}
