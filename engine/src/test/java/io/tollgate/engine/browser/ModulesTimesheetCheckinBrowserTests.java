package io.tollgate.engine.browser;

import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.ProjectDriver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timesheets, budget and daily check-in pages in English and Chinese, at desktop and phone width:
 * a member enters hours and checks in with a photo, the PM sees the week to approve, the totals and
 * the budget; a module switched off has no link and its page says so.
 */
class ModulesTimesheetCheckinBrowserTests extends IntegrationTestSupport {

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "zh-CN"})
    void timesheetsBudgetAndCheckinPages(String lang) throws Exception {
        try (Browser b = new Browser("http://localhost:" + port, lang)) {
            try {
                run(b);
            } catch (RuntimeException | AssertionError e) {
                Browser.screenshotOnFailure(b, "modules");
                throw e;
            }
        }
    }

    private void run(Browser b) throws Exception {
        Api admin = api().as("admin");
        for (String m : new String[] {"timesheets", "budget", "checkin"}) {
            admin.put("/api/modules/" + m, "application/json", "{\"enabled\": true}");
        }
        Api pm = api().as("pm");
        String project = pm.post("/api/projects", ProjectDriver.itDeliveryProject("Harbour bridge " + b.lang)).get("id").asText();
        String stage = pm.get("/api/projects/" + project).json().at("/stages/0/key").asText();
        String second = pm.get("/api/projects/" + project).json().at("/stages/1/key").asText();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String ts = "/api/projects/" + project + "/timesheets";
        assertThat(api().as("bob").post(ts + "/entries", Map.of("date", today, "stage", stage, "hours", 4,
                "note", "Foundations")).status()).isEqualTo(201);
        assertThat(api().as("bob").post(ts + "/weeks/" + LocalDate.now(ZoneOffset.UTC).with(java.time.DayOfWeek.MONDAY)
                + "/submit", Map.of()).status()).isEqualTo(200);
        assertThat(api().as("alice").post(ts + "/entries", Map.of("date", today, "stage", second, "hours", 6)).status())
                .isEqualTo(201);
        String budget = "/api/projects/" + project + "/budget";
        pm.put(budget + "/plan", "application/json", "{\"stages\": {\"" + stage + "\": 2000, \"" + second + "\": 8000}}");
        pm.put(budget + "/rates", "application/json", "{\"defaultRate\": 60}");
        pm.post(budget + "/costs", Map.of("stage", stage, "amount", 2500, "description", "Survey drone rental"));
        api().as("bob").post("/api/projects/" + project + "/checkins", Map.of("note", "Pouring the slab on level 2"));

        // alice enters hours in the page
        b.signIn("alice", "alice");
        b.go("#/projects/" + project);
        b.waitFor(By.cssSelector(".module-links a[href$='/timesheets']"));
        b.go("#/projects/" + project + "/timesheets");
        b.waitFor(By.cssSelector(".entries tbody tr td"));
        b.type(By.cssSelector(".entry-form input[name=hours]"), "2");
        b.type(By.cssSelector(".entry-form input[name=note]"), "Site meeting");
        b.find(By.cssSelector(".entry-form button[type=submit]")).click();
        b.until(d -> d.findElements(By.cssSelector(".entries tbody tr")).size() == 2);
        assertThat(b.find(By.cssSelector(".entries tfoot")).getText()).contains("8");
        b.capture("timesheets-member");

        // alice checks in from her phone with a photo
        b.go("#/projects/" + project + "/checkin");
        b.waitFor(By.cssSelector(".checkin-form textarea"));
        b.type(By.id("ci-note"), "Scaffold inspection on level 3");
        Path photo = Files.createTempFile("site-", ".png");
        BufferedImage image = new BufferedImage(320, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x4a90c2));
        g.fillRect(0, 0, 320, 200);
        g.setColor(new Color(0x8a6d3b));
        g.fillRect(0, 140, 320, 60);
        g.dispose();
        ImageIO.write(image, "png", photo.toFile());
        b.find(By.id("ci-file")).sendKeys(photo.toAbsolutePath().toString());
        b.find(By.cssSelector(".checkin-form button.big")).click();
        b.waitFor(By.cssSelector(".standup img.photo"));
        b.until(d -> d.findElements(By.cssSelector(".standup li")).size() == 2);
        assertThat(b.find(By.cssSelector(".standup")).getText()).contains("Scaffold inspection on level 3")
                .contains("Pouring the slab on level 2");
        b.capture("checkin");
        Files.deleteIfExists(photo);

        // the PM: the week to approve, the totals, the budget
        b.signOut();
        b.signIn("pm", "pm");
        b.go("#/projects/" + project + "/timesheets");
        b.waitFor(By.cssSelector(".approvals .card"));
        assertThat(b.find(By.cssSelector(".approvals")).getText()).contains("bob");
        b.waitFor(By.cssSelector("a[href$='format=xlsx']"));
        b.capture("timesheets-pm");
        b.go("#/projects/" + project + "/budget");
        b.waitFor(By.cssSelector(".budget-stages tbody tr"));
        assertThat(b.find(By.cssSelector(".budget-stages tbody tr.over")).getText()).contains("2,500");
        b.capture("budget");

        // a module switched off: no link, and its page says so
        admin.put("/api/modules/budget", "application/json", "{\"enabled\": false}");
        b.open("/");
        b.waitFor(By.cssSelector("main h1"));
        b.go("#/projects/" + project + "/budget");
        b.waitFor(By.cssSelector("main .module-view .card"));
        assertThat(b.all(By.cssSelector(".budget-stages"))).isEmpty();
        b.go("#/projects/" + project);
        b.waitFor(By.cssSelector(".module-links a[href$='/checkin']"));
        assertThat(b.all(By.cssSelector(".module-links a[href$='/budget']"))).isEmpty();
        admin.put("/api/modules/budget", "application/json", "{\"enabled\": true}");
    }
}
