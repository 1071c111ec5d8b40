package io.tollgate.engine.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.work.ProjectTaskImportIntegrationTests;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two-step task-list imports in the web UI, in English and in Chinese: an admin previews a CSV
 * task list, sees what the draft would hold, and confirms it; a project manager imports extra tasks
 * into a running project (a file with a mistake first, reported by row and column), confirms, and
 * the tasks show under their stage with the gate waiting for them; the assignee finds one in the inbox.
 */
class TaskImportBrowserTests extends IntegrationTestSupport {

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "zh-CN"})
    void previewAndConfirmForADraftAndForARunningProject(String lang) throws IOException {
        try (Browser b = new Browser("http://localhost:" + port, lang)) {
            try {
                run(b);
            } catch (RuntimeException | AssertionError e) {
                Browser.screenshotOnFailure(b, "task-import");
                throw e;
            }
        }
    }

    private void run(Browser b) throws IOException {
        String suffix = b.lang.toLowerCase(Locale.ROOT).replace("-", "");
        String key = "browser-csv-" + suffix;
        Path template = Files.createTempFile("template", ".csv");
        Files.write(template, ProjectTaskImportIntegrationTests.utf8WithBom("""
                阶段,任务,负责人,工期（天）,前置任务
                设计 Design,方案设计,architect,5,
                设计 Design,评审 Review,项目经理,2,方案设计
                施工 Build,基础 Foundation,engineer,20,
                施工 Build,主体结构,engineer,30,基础 Foundation
                """));
        b.signIn("admin", "admin");
        b.go("#/admin/import");
        b.waitFor(By.id("import-file")).sendKeys(template.toAbsolutePath().toString());
        b.type(By.id("import-key"), key);
        b.type(By.id("import-name"), "CSV plan");
        b.find(By.cssSelector("[data-slot=task-list-import] form button.primary")).click();
        assertThat(b.waitFor(By.cssSelector("[data-import=summary]")).getText()).contains("2", "4");
        assertThat(b.all(By.cssSelector(".import-stages > li"))).hasSize(2);
        assertThat(new Api("http://localhost:" + port).as("admin").get("/api/templates/" + key + "?draft=true").status())
                .as("a preview creates nothing").isEqualTo(404);
        b.capture("task-import-template-preview");
        b.find(By.cssSelector("[data-import=confirm]")).click();
        b.waitFor(By.cssSelector("[data-import=saved] a"));
        assertThat(api().as("admin").get("/api/templates/" + key + "?draft=true").status()).isEqualTo(200);
        b.capture("task-import-template-confirmed");
        Files.deleteIfExists(template);

        JsonNode project = ProjectTaskImportIntegrationTests.runningProject(api(), "Site " + suffix);
        String id = project.get("id").asText();
        Path wrong = Files.createTempFile("extra", ".csv");
        Files.write(wrong, """
                阶段;任务;负责人;工期;前置任务
                建造;Order rebar;alice;2;
                建造;Fix scaffold;mallory;两天;Order rebar
                """.getBytes(Charset.forName("GB18030")));
        Path right = Files.createTempFile("extra", ".csv");
        Files.write(right, ProjectTaskImportIntegrationTests.utf8WithBom("""
                Stage,Task,Assignee,Duration,Predecessor
                Build,Order rebar,alice,2,
                Build,Fix scaffold,alice,1,Order rebar
                Inspect,Extra check,carol,,
                """));
        b.signOut();
        b.signIn("pm", "pm");
        b.go("#/projects/" + id);
        b.waitFor(By.cssSelector("[data-import=open]")).click();
        b.waitFor(By.id("project-import-file")).sendKeys(wrong.toAbsolutePath().toString());
        b.find(By.cssSelector(".project-task-import form button.primary")).click();
        b.waitFor(By.cssSelector(".project-task-import .import-problems tbody tr"));
        assertThat(b.all(By.cssSelector(".project-task-import .import-problems tbody tr"))).hasSize(2);
        assertThat(b.find(By.cssSelector(".import-problems tr[data-row='3'][data-column='C']")).getText()).contains("mallory");
        assertThat(b.find(By.cssSelector(".project-task-import [data-import=confirm]")).isEnabled()).isFalse();
        b.script("document.querySelector('.project-task-import').scrollIntoView()");
        b.capture("task-import-project-problems");

        b.find(By.id("project-import-file")).sendKeys(right.toAbsolutePath().toString());
        b.find(By.cssSelector(".project-task-import form button.primary")).click();
        b.until(d -> d.findElements(By.cssSelector(".project-task-import table.import-tasks tbody tr")).size() == 3);
        b.capture("task-import-project-preview");
        assertThat(api().as("alice").get("/api/tasks?project=" + id).json()).as("a preview creates nothing").isEmpty();
        b.find(By.cssSelector(".project-task-import [data-import=confirm]")).click();
        b.waitFor(By.cssSelector("[data-import=created]"));
        b.until(d -> d.findElements(By.cssSelector("[data-stage=build] .badge.imported")).size() == 2);
        assertThat(b.find(By.cssSelector("[data-stage=build] .checklist")).getText()).contains("Order rebar");
        b.capture("task-import-project-confirmed");

        b.signOut();
        b.signIn("alice", "alice");
        b.waitFor(By.xpath("//li[@data-item][contains(., 'Order rebar')]"));
        b.capture("task-import-inbox");
        Files.deleteIfExists(wrong);
        Files.deleteIfExists(right);
    }
}
