package io.tollgate.engine.browser;

import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.ProjectDriver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An attachment field and a retrospective in English and Chinese, at desktop and phone width: alice
 * uploads her report in a task's attachment field (a page disguised as a PDF is refused), the project
 * completes, its manager records the retrospective, alice reads it, and the knowledge page finds it
 * by a word of a stage note.
 */
class RetrospectiveBrowserTests extends IntegrationTestSupport {

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "zh-CN"})
    void attachmentFieldAndRetrospective(String lang) throws Exception {
        try (Browser b = new Browser("http://localhost:" + port, lang)) {
            try {
                run(b);
            } catch (RuntimeException | AssertionError e) {
                Browser.screenshotOnFailure(b, "retrospective");
                throw e;
            }
        }
    }

    private void run(Browser b) throws Exception {
        boolean zh = b.lang.startsWith("zh");
        String key = "retro-ui-" + (zh ? "zh" : "en");
        Api admin = api().as("admin");
        Api.Answer saved = admin.put("/api/templates/" + key, "application/yaml", """
                key: %s
                name: Site survey
                names: { zh-CN: 现场勘查 }
                roles:
                  pm: { name: Project manager, names: { zh-CN: 项目经理 } }
                fields:
                  - { key: contract, type: attachment, name: Signed contract, names: { zh-CN: 已签合同 }, required: true }
                stages:
                  - key: survey
                    name: Survey
                    names: { zh-CN: 勘查 }
                    owner: pm
                    tasks:
                      - key: report
                        name: Survey report
                        names: { zh-CN: 勘查报告 }
                        assignee: "user:alice"
                        fields: [ { key: evidence, type: attachment, name: Report file, names: { zh-CN: 报告文件 }, required: true } ]
                """.formatted(key));
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        assertThat(admin.post("/api/templates/" + key + "/publish", Map.of()).status()).isEqualTo(201);
        Api pm = api().as("pm");
        String contract = ProjectDriver.upload(pm, "contract.pdf", ProjectDriver.PDF);
        String name = zh ? "江边泵站勘查" : "Riverside pump survey";
        Api.Answer created = pm.post("/api/projects", Map.of("template", key, "name", name,
                "fields", Map.of("contract", contract), "roles", Map.of("pm", List.of("pm"))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String project = created.get("id").asText();

        Path fake = Files.createTempFile("invoice-", ".pdf");
        Files.write(fake, "<html><body>not a pdf</body></html>".getBytes(StandardCharsets.UTF_8));
        Path report = Files.createTempDirectory("report").resolve("site-report.pdf");
        Files.write(report, ProjectDriver.PDF);

        // alice uploads her report in the task's attachment field
        b.signIn("alice", "alice");
        b.go("#/inbox");
        // other tests give alice work too: open the item of this project
        String item = b.waitFor(By.xpath("//li[@data-item][.//a[normalize-space()='" + name + "']]"))
                .getAttribute("data-item");
        b.find(By.cssSelector("li[data-item='" + item + "'] button.open")).click();
        By picker = By.id("t-" + item + "-evidence");
        // the file input lies invisible over a button labelled in the page's language
        assertThat(b.waitFor(By.cssSelector(".file-pick")).getText()).isEqualTo(zh ? "选择文件…" : "Choose a file…");
        b.find(picker).sendKeys(fake.toAbsolutePath().toString());
        assertThat(b.waitFor(By.cssSelector(".attachment-input .field-error")).getText()).isNotBlank();
        b.find(picker).sendKeys(report.toAbsolutePath().toString());
        assertThat(b.waitFor(By.cssSelector(".attachment-current a")).getText()).isEqualTo("site-report.pdf");
        assertThat(b.all(By.cssSelector(".attachment-input .field-error"))).isEmpty();
        assertThat(b.find(By.cssSelector(".attachment-current")).getText()).contains("PDF");
        b.capture("attachment-field");
        b.find(By.cssSelector("li[data-item='" + item + "'] form.panel button.primary")).click();
        b.until(d -> d.findElements(By.cssSelector("li[data-item='" + item + "']")).isEmpty());
        assertThat(pm.get("/api/projects/" + project).get("status").asText()).isEqualTo("completed");

        // the project manager records the retrospective on the completed project's page
        String word = zh ? "防汛" : "floodgate";
        b.signOut();
        b.signIn("pm", "pm");
        b.go("#/projects/" + project);
        b.waitFor(By.id("retro-well"));
        assertThat(b.find(By.cssSelector(".field-values")).getText()).contains("contract.pdf").contains("site-report.pdf");
        b.type(By.id("retro-well"), zh ? "提前与业主沟通，现场配合顺畅。" : "Talking to the owner early made the site visits smooth.");
        b.type(By.id("retro-improve"), zh ? "设备清单要提前一周确认。" : "Confirm the equipment list a week ahead.");
        b.type(By.id("retro-stage-survey"), zh ? "进入" + word + "区域需要额外许可。" : "The " + word + " area needs an extra permit.");
        b.capture("retrospective-form");
        b.find(By.cssSelector(".retro-save")).click();
        b.waitFor(By.cssSelector(".retro-edit"));
        assertThat(b.find(By.cssSelector("[data-slot=retrospective]")).getText()).contains(word);
        b.capture("retrospective");

        // alice reads it, and cannot edit it
        b.signOut();
        b.signIn("alice", "alice");
        b.go("#/projects/" + project);
        b.waitFor(By.cssSelector("[data-slot=retrospective] .retro-notes"));
        assertThat(b.all(By.cssSelector("[data-slot=retrospective] textarea, .retro-edit"))).isEmpty();

        // the knowledge page finds it by a word of the stage note
        b.go("#/retrospectives");
        b.type(By.id("retro-q"), word);
        b.find(By.cssSelector(".retro-search button.primary")).click();
        b.waitFor(By.cssSelector(".retro-hit[data-project='" + project + "']"));
        assertThat(b.find(By.cssSelector(".retro-results")).getText()).contains(name).contains(word);
        assertThat(b.find(By.cssSelector(".main-nav a[href='#/retrospectives']")).getAttribute("aria-current")).isEqualTo("page");
        b.capture("retrospectives");
        Files.deleteIfExists(fake);
        Files.deleteIfExists(report);
    }
}
