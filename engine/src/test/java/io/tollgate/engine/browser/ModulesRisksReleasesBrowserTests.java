package io.tollgate.engine.browser;

import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.ProjectDriver;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The risk register and the releases on the project page, and the task-list import in the admin
 * area, at 1280 and 375 px in English and Chinese, each screen checked with axe-core.
 */
class ModulesRisksReleasesBrowserTests extends IntegrationTestSupport {

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "zh-CN"})
    void risksReleasesAndTheImport(String lang) throws IOException {
        try (Browser b = new Browser("http://localhost:" + port, lang)) {
            try {
                run(b);
            } catch (RuntimeException | AssertionError e) {
                Browser.screenshotOnFailure(b, "modules-b");
                throw e;
            }
        }
    }

    private void run(Browser b) throws IOException {
        Api pm = api().as("pm");
        String project = pm.post("/api/projects", ProjectDriver.itDeliveryProject("Risks and releases " + b.lang)).get("id").asText();
        pm.post("/api/projects/" + project + "/risks", Map.of("title", "Vendor API late", "probability", 4, "impact", 5,
                "owner", "alice", "mitigation", "Mock the vendor API", "reviewOn", "2030-01-15"));
        pm.post("/api/projects/" + project + "/risks", Map.of("title", "Test data missing", "probability", 2, "impact", 3));
        pm.post("/api/projects/" + project + "/releases", Map.of("version", "1.0", "plannedOn", "2030-03-01",
                "notes", "First release to the pilot customer", "links", java.util.List.of("stage:release")));

        b.signIn("pm", "pm");
        b.go("#/projects/" + project);
        b.waitFor(By.cssSelector("[data-module=risks] tr[data-risk='Vendor API late']"));
        b.waitFor(By.cssSelector("[data-module=releases] [data-release='1.0']"));
        assertThat(b.find(By.cssSelector("[data-module=releases] [data-release='1.0']")).getText()).doesNotContain("stage:");
        b.capture("project-risks-releases");

        b.find(By.cssSelector("[data-module=releases] [data-release='1.0'] button")).click();
        b.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-module=releases] [data-release='1.0'] button")));
        assertThat(pm.get("/api/projects/" + project + "/releases").json().get(0).get("ready").asBoolean()).isTrue();
        b.find(By.cssSelector("[data-module=risks] tr[data-risk='Vendor API late'] button")).click();
        b.until(d -> pm.get("/api/projects/" + project + "/risks").json().get(0).get("status").asText().equals("mitigated"));

        b.signOut();
        b.signIn("admin", "admin");
        b.go("#/admin/import");
        b.waitFor(By.id("import-file"));
        b.capture("template-import");
        Path file = Files.createTempFile("tasks", ".xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = book.createSheet();
            String[][] rows = {{"阶段", "任务", "负责人", "工期", "前置任务"}, {"设计", "方案设计", "architect", "5", ""},
                    {"设计", "评审", "pm", "two", "方案设计"}, {"施工", "基础", "engineer", "20", "不存在"}};
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            book.write(out);
        }
        b.find(By.id("import-file")).sendKeys(file.toAbsolutePath().toString());
        b.type(By.id("import-key"), "browser-import");
        b.type(By.id("import-name"), "Imported plan");
        b.find(By.cssSelector("[data-slot=task-list-import] form button.primary")).click();
        b.waitFor(By.cssSelector("[data-slot=task-list-import] table tbody tr"));
        assertThat(b.all(By.cssSelector("[data-slot=task-list-import] table tbody tr"))).hasSize(2);
        assertThat(b.find(By.cssSelector("[data-slot=task-list-import] table tbody tr td:last-child")).getText())
                .contains("two").contains(b.lang.equals("en") ? "days" : "天数");
        b.capture("template-import-rows");
        Files.deleteIfExists(file);
    }
}
