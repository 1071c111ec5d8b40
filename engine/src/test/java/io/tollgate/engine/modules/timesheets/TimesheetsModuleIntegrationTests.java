package io.tollgate.engine.modules.timesheets;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.ProjectDriver;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Timesheets through HTTP as the people concerned: alice and bob enter hours, submit their weeks, the
 * PM returns one and approves the other; totals per stage and person; CSV and Excel exports; bounds;
 * 404 while the module is off.
 */
class TimesheetsModuleIntegrationTests extends IntegrationTestSupport {

    static final LocalDate MONDAY = LocalDate.now(ZoneOffset.UTC).minusWeeks(2).with(DayOfWeek.MONDAY);

    @Test
    void peopleEnterAndSubmitTheirWeeksAndThePmApprovesOrReturnsThem() throws Exception {
        Api admin = api().as("admin");
        String project = api().as("pm").post("/api/projects", ProjectDriver.itDeliveryProject("Hours")).get("id").asText();
        String base = "/api/projects/" + project + "/timesheets";
        String stage = api().as("pm").get("/api/projects/" + project).json().at("/stages/0/key").asText();

        admin.put("/api/modules/timesheets", "application/json", "{\"enabled\": false}");
        Api.Answer off = api().as("alice").post(base + "/entries", entry(MONDAY, stage, "8"));
        assertThat(off.status()).isEqualTo(404);
        assertThat(off.contentType()).contains("application/problem+json");
        assertThat(api().as("pm").get(base + "/totals").status()).isEqualTo(404);
        assertThat(admin.put("/api/modules/timesheets", "application/json", "{\"enabled\": true}").status()).isEqualTo(200);

        // alice: two days, bob: one day
        assertThat(api().as("alice").post(base + "/entries", entry(MONDAY, stage, "7.5")).status()).isEqualTo(201);
        Api.Answer tuesday = api().as("alice").post(base + "/entries", entry(MONDAY.plusDays(1), stage, "8"));
        assertThat(tuesday.status()).isEqualTo(201);
        assertThat(api().as("bob").post(base + "/entries", entry(MONDAY, stage, "6")).status()).isEqualTo(201);

        // bounds: more than 24 hours, 24 in a day across entries, a long note, an unknown stage, a Tuesday week
        assertThat(api().as("alice").post(base + "/entries", entry(MONDAY, stage, "25")).status()).isEqualTo(400);
        assertThat(api().as("alice").post(base + "/entries", entry(MONDAY, stage, "-1")).status()).isEqualTo(400);
        Api.Answer overDay = api().as("alice").post(base + "/entries", entry(MONDAY, stage, "17"));
        assertThat(overDay.status()).isEqualTo(400);
        assertThat(overDay.get("errors").toString()).contains("24");
        Map<String, Object> longNote = entry(MONDAY, stage, "1");
        longNote.put("note", "x".repeat(501));
        assertThat(api().as("alice").post(base + "/entries", longNote).status()).isEqualTo(400);
        Api.Answer noStage = api().as("alice").post(base + "/entries", entry(MONDAY, "nowhere", "1"));
        assertThat(noStage.status()).isEqualTo(400);
        assertThat(noStage.contentType()).contains("application/problem+json");
        assertThat(api().as("alice").post(base + "/entries", "{\"hours\": \"lots\"}").status()).isEqualTo(400);
        assertThat(api().as("alice").get(base + "/weeks/" + MONDAY.plusDays(1)).status()).isEqualTo(400);

        // nobody sees or decides another's week but the PM
        assertThat(api().as("bob").get(base + "/weeks/" + MONDAY + "?user=alice").status()).isEqualTo(403);
        JsonNode aliceWeek = api().as("pm").get(base + "/weeks/" + MONDAY + "?user=alice").json();
        assertThat(aliceWeek.get("total").decimalValue()).isEqualByComparingTo("15.5");
        assertThat(aliceWeek.get("status").asText()).isEqualTo("draft");

        assertThat(api().as("alice").post(base + "/weeks/" + MONDAY + "/submit", Map.of()).get("status").asText())
                .isEqualTo("submitted");
        assertThat(api().as("bob").post(base + "/weeks/" + MONDAY + "/submit", Map.of()).status()).isEqualTo(200);
        // a submitted week no longer changes
        assertThat(api().as("alice").post(base + "/entries", entry(MONDAY.plusDays(2), stage, "1")).status()).isEqualTo(409);
        assertThat(api().as("alice").delete(base + "/entries/" + tuesday.get("id").asText()).status()).isEqualTo(409);
        assertThat(api().as("alice").post(base + "/weeks/" + MONDAY + "/approve", Map.of("user", "bob")).status())
                .isEqualTo(403);
        assertThat(api().as("pm").get(base + "/weeks?status=submitted").json()).hasSize(2);
        assertThat(api().as("bob").get(base + "/weeks").json()).hasSize(1);

        // the PM returns alice's week with a comment, approves bob's
        assertThat(api().as("pm").post(base + "/weeks/" + MONDAY + "/return", Map.of("user", "alice")).status())
                .isEqualTo(400);
        JsonNode returned = api().as("pm").post(base + "/weeks/" + MONDAY + "/return",
                Map.of("user", "alice", "comment", "Tuesday was a holiday")).json();
        assertThat(returned.get("status").asText()).isEqualTo("returned");
        assertThat(returned.get("comment").asText()).isEqualTo("Tuesday was a holiday");
        assertThat(api().as("pm").post(base + "/weeks/" + MONDAY + "/approve", Map.of("user", "bob")).get("status")
                .asText()).isEqualTo("approved");
        assertThat(api().as("pm").post(base + "/weeks/" + MONDAY + "/approve", Map.of("user", "bob")).status())
                .isEqualTo(409);

        // alice fixes and submits again; the PM approves
        assertThat(api().as("alice").delete(base + "/entries/" + tuesday.get("id").asText()).status()).isEqualTo(204);
        api().as("alice").post(base + "/weeks/" + MONDAY + "/submit", Map.of());
        assertThat(api().as("pm").post(base + "/weeks/" + MONDAY + "/approve", Map.of("user", "alice")).status())
                .isEqualTo(200);
        // and alice's next week stays a draft
        api().as("alice").post(base + "/entries", entry(MONDAY.plusWeeks(1), stage, "2"));

        JsonNode totals = api().as("carol").get(base + "/totals").json();
        assertThat(totals.get("total").decimalValue()).isEqualByComparingTo("15.5");
        assertThat(totals.get("approved").decimalValue()).isEqualByComparingTo("13.5");
        assertThat(totals.at("/byStage/0/key").asText()).isEqualTo(stage);
        assertThat(totals.at("/byPerson/0/key").asText()).isEqualTo("alice");
        assertThat(totals.at("/byPerson/0/hours").decimalValue()).isEqualByComparingTo("9.5");
        assertThat(totals.at("/byPerson/1/approved").decimalValue()).isEqualByComparingTo("6");

        // exports, by the PM only
        assertThat(api().as("alice").get(base + "/export").status()).isEqualTo(403);
        assertThat(api().as("pm").get(base + "/export?format=pdf").status()).isEqualTo(400);
        Api.Answer csv = api().as("pm").get(base + "/export?format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.text()).contains("date,user,stage,task,hours,note,week status")
                .contains(MONDAY + ",alice," + stage + ",,7.50,,approved")
                .contains(MONDAY.plusWeeks(1) + ",alice," + stage + ",,2.00,,draft");
        HttpResponse<byte[]> xlsx = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + base + "/export?format=xlsx"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("pm:pm".getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(3);
            assertThat(sheet.getRow(0).getCell(4).getStringCellValue()).isEqualTo("hours");
            assertThat(sheet.getRow(1).getCell(4).getNumericCellValue()).isEqualTo(7.5);
            assertThat(sheet.getRow(1).getCell(6).getStringCellValue()).isEqualTo("approved");
        }
    }

    static Map<String, Object> entry(LocalDate date, String stage, String hours) {
        Map<String, Object> body = new HashMap<>();
        body.put("date", date.toString());
        body.put("stage", stage);
        body.put("hours", hours);
        return body;
    }
}
