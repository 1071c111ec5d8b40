package io.tollgate.engine.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gate outcomes in the web UI, in English and in Chinese: an approver gives a conditional go with one
 * condition and the project page lists it; an approver holds a project and its project manager resumes
 * it from the project page; a batch of approvals decided from the inbox shows each one's result, a
 * refused one with its reason in words; the bell counts unread notices and the notifications page lists
 * them; my settings. Every new screen is photographed at desktop and phone width and checked by axe-core.
 */
class GateOutcomesBrowserTests extends IntegrationTestSupport {

    private static final String TEMPLATE = """
            key: ui-outcomes
            name: Gate outcomes
            names: { zh-CN: 关口结论 }
            fields:
              - { key: budget, type: number }
            stages:
              - key: plan
                name: Plan
                names: { zh-CN: 计划 }
                tasks: [ { key: brief, name: Brief, names: { zh-CN: 简报 }, assignee: "user:alice" } ]
                gate:
                  outcomes: [go, conditional, hold, kill, recycle]
                  criteria:
                    - { expression: "budget <= 10000", message: "Budgets over 10000 go to the board" }
                  approval: { approvers: ["user:carol"], mode: any }
              - key: build
                name: Build
                names: { zh-CN: 构建 }
                tasks: [ { key: code, name: Code, names: { zh-CN: 编码 }, assignee: "user:alice" } ]
            """;

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "zh-CN"})
    void approversDecideGateOutcomesAndPeopleFollowThemInTheUi(String lang) {
        publish();
        try (Browser b = new Browser("http://localhost:" + port, lang)) {
            try {
                run(b);
            } catch (RuntimeException | AssertionError e) {
                Browser.screenshotOnFailure(b, "gate-outcomes");
                System.out.println("DEBUG-MAIN " + b.script("return document.querySelector('main').innerText + ' URL ' + location.href"));
                throw e;
            }
        }
    }

    private void publish() {
        Api admin = api().as("admin");
        Api.Answer current = admin.get("/api/templates/ui-outcomes");
        if (current.status() == 200 && current.get("latestVersion") != null && !current.get("latestVersion").isNull()) {
            return;
        }
        Api.Answer saved = admin.put("/api/templates/ui-outcomes", "application/yaml", TEMPLATE);
        assertThat(saved.status()).as(saved.text()).isLessThan(300);
        Api.Answer published = admin.post("/api/templates/ui-outcomes/publish", Map.of());
        assertThat(published.status()).as(published.text()).isEqualTo(201);
    }

    /** A project of the template whose plan approval waits for carol. */
    private String atApproval(String name, int budget) {
        Api.Answer created = api().as("pm").post("/api/projects", Map.of("template", "ui-outcomes", "name", name,
                "fields", Map.of("budget", budget)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String project = created.get("id").asText();
        Api.Answer done = api().as("alice").post("/api/tasks/" + item("alice", project, "task") + "/complete", Map.of());
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        return project;
    }

    private String item(String user, String project, String kind) {
        JsonNode inbox = api().as(user).get("/api/tasks?project=" + project).json();
        return StreamSupport.stream(inbox.spliterator(), false)
                .filter(i -> kind.equals(i.get("kind").asText()))
                .map(i -> i.get("id").asText()).findFirst()
                .orElseThrow(() -> new AssertionError(user + " has no " + kind + " in " + inbox));
    }

    private void run(Browser b) {
        String lang = b.lang;
        String conditional = atApproval("Conditional " + lang, 5000);
        String held = atApproval("Held " + lang, 5000);
        List<String> batch = List.of(atApproval("Batch A " + lang, 5000), atApproval("Batch B " + lang, 5000),
                atApproval("Batch too dear " + lang, 20000));

        // carol gives a conditional go with one condition; the project page lists it
        b.signIn("carol", "carol");
        String conditionText = "Security review by alice " + lang;
        WebElement approval = openApproval(b, conditional);
        String approvalId = approval.getDomAttribute("data-item");
        approval.findElement(By.cssSelector("[data-decision=conditional] input")).click();
        // sent without its parts, the condition is refused on its fields
        approval.findElement(By.cssSelector(".panel > form > button.primary")).click();
        b.waitFor(By.cssSelector("li[data-item='" + approvalId + "'] .condition .field.invalid .field-error"));
        b.type(By.id("cond-text-" + approvalId + "-0"), conditionText);
        b.select(By.id("cond-owner-" + approvalId + "-0"), "alice");
        b.script("const e = document.getElementById(arguments[0]); e.value = '2031-06-30'; e.dispatchEvent(new Event('input'))",
                "cond-due-" + approvalId + "-0");
        b.capture("approval-conditional");
        approval.findElement(By.cssSelector(".panel > form > button.primary")).click();
        gone(b, approvalId);
        b.go("#/projects/" + conditional);
        WebElement condition = b.waitFor(By.cssSelector(".conditions-list [data-condition]"));
        assertThat(condition.getText()).contains(conditionText).contains("alice");
        assertThat(condition.getDomAttribute("data-status")).isEqualTo("open");
        b.capture("project-conditions");

        // carol holds the other project, with a comment
        approval = openApproval(b, held);
        approvalId = approval.getDomAttribute("data-item");
        approval.findElement(By.cssSelector("[data-decision=hold] input")).click();
        b.type(By.id("comment-" + approvalId), "Wait for the budget round " + lang);
        b.capture("approval-hold");
        approval.findElement(By.cssSelector(".panel > form > button.primary")).click();
        // on hold, the approval waits for the project to resume
        b.until(d -> !d.findElements(By.cssSelector("main .notice")).isEmpty());
        assertThat(api().as("pm").get("/api/projects/" + held).get("status").asText()).isEqualTo("on_hold");

        // the held project's approval stays in her inbox, marked as waiting for the project to resume
        b.go("#/inbox");
        String heldItem = approvalId;
        b.waitFor(By.cssSelector("li[data-item='" + heldItem + "'] .held-note"));

        // a batch: two approved, the third refused with its reason in words
        for (String project : batch) {
            String id = item("carol", project, "approval");
            b.waitFor(By.cssSelector("li[data-item='" + id + "'] .pick input")).click();
        }
        b.type(By.id("batch-comment"), "Fine by me " + lang);
        b.capture("inbox-batch");
        b.find(By.cssSelector("form.batch button.primary")).click();
        b.waitFor(By.cssSelector(".batch-results li[data-result]"));
        List<WebElement> results = b.all(By.cssSelector(".batch-results li[data-result]"));
        assertThat(results).hasSize(3);
        assertThat(results.stream().filter(r -> "true".equals(r.getDomAttribute("data-ok")))).hasSize(2);
        WebElement refused = results.stream().filter(r -> "false".equals(r.getDomAttribute("data-ok"))).findFirst().orElseThrow();
        assertThat(refused.getText()).contains("Batch too dear " + lang).contains("Budgets over 10000 go to the board");
        b.capture("inbox-batch-results");

        // the project manager sees the held project and resumes it
        b.signOut();
        b.signIn("pm", "pm");
        b.go("#/projects/" + held);
        WebElement hold = b.waitFor(By.cssSelector("[data-slot=hold]"));
        assertThat(hold.getText()).contains("carol");
        b.capture("project-held");
        hold.findElement(By.cssSelector("button.primary")).click();
        b.until(d -> d.findElements(By.cssSelector("[data-slot=hold]")).isEmpty()
                && !d.findElements(By.cssSelector("main .notice")).isEmpty());
        assertThat(api().as("pm").get("/api/projects/" + held).get("status").asText()).isEqualTo("active");

        // the bell counts the unread notices; the page lists them and marks them read
        b.go("#/inbox");
        WebElement count = b.until(d -> {
            List<WebElement> c = d.findElements(By.cssSelector("[data-slot=notifications] .count"));
            return c.isEmpty() ? null : c.get(0);
        });
        assertThat(Integer.parseInt(count.getText().replace("+", ""))).isPositive();
        b.find(By.cssSelector("[data-slot=notifications]")).click();
        b.waitFor(By.cssSelector(".notifications .notification.unread"));
        assertThat(b.find(By.cssSelector(".notifications")).getText()).isNotBlank();
        b.capture("notifications");
        b.find(By.cssSelector("main [data-action=read-all]")).click();
        b.until(d -> d.findElements(By.cssSelector(".notification.unread")).isEmpty()
                && d.findElements(By.cssSelector("[data-slot=notifications] .count")).isEmpty());

        // my settings: channels per event and out of office
        b.go("#/settings");
        b.waitFor(By.cssSelector("table.channels tbody tr"));
        b.capture("settings");

        // the project manager asks to waive the budget criterion the batch refused; carol grants it
        String dear = batch.get(2);
        b.go("#/projects/" + dear);
        b.waitFor(By.cssSelector(".stage[data-stage=plan] .waiver-open")).click();
        WebElement criterion = b.waitFor(By.id("wv-crit-plan"));
        new org.openqa.selenium.support.ui.Select(criterion).selectByIndex(1);
        b.type(By.id("wv-reason-plan"), "The board agreed by mail " + lang);
        b.script("const e = document.getElementById('wv-exp-plan'); e.value = '2031-06-30'; e.dispatchEvent(new Event('input'))");
        b.find(By.cssSelector(".waiver-form button.primary")).click();
        b.waitFor(By.cssSelector(".stage[data-stage=plan] [data-waiver][data-status=requested]"));
        b.capture("project-waiver");
        b.signOut();
        b.signIn("carol", "carol");
        b.go("#/projects/" + dear);
        b.waitFor(By.cssSelector("[data-waiver][data-status=requested] .waiver-grant")).click();
        b.waitFor(By.cssSelector(".stage[data-stage=plan] [data-waiver][data-status=granted]"));

        // carol's inbox is left as it was found: the two projects still at her gate are killed
        for (String project : List.of(held, dear)) {
            Api.Answer killed = api().as("carol").post("/api/tasks/" + item("carol", project, "approval") + "/decision",
                    Map.of("decision", "kill", "comment", "Done with it"));
            assertThat(killed.status()).as(killed.text()).isEqualTo(200);
            assertThat(killed.get("status").asText()).isEqualTo("cancelled");
        }
    }

    private static WebElement openApproval(Browser b, String project) {
        b.go("#/inbox");
        WebElement item = b.waitFor(By.xpath("//li[@data-item][.//span[contains(@class,'kind-approval')]]"
                + "[.//a[@href='#/projects/" + project + "']]"));
        item.findElement(By.cssSelector("button.open")).click();
        b.until(d -> !item.findElements(By.cssSelector(".panel")).isEmpty());
        return item;
    }

    private static void gone(Browser b, String itemId) {
        b.until(d -> d.findElements(By.cssSelector("li[data-item='" + itemId + "']")).isEmpty()
                && !d.findElements(By.cssSelector("main .notice")).isEmpty());
    }
}
