package io.tollgate.engine.browser;

import io.tollgate.engine.IntegrationTestSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An it-delivery project from start to completion through the web UI only, in English and in
 * Chinese: the project manager starts it from the form and names who plays each role; each
 * assignee completes their tasks from the inbox (a required field is refused on the field first);
 * the sponsor rejects with a comment and the project page shows the stage sent back; the timeline
 * and the diagram show the current stage along the way. Every screen is photographed at desktop and
 * phone width and checked by axe-core.
 */
class ItDeliveryBrowserTests extends IntegrationTestSupport {

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "zh-CN"})
    void aProjectRunsFromStartToCompletionThroughTheUi(String lang) {
        try (Browser b = new Browser("http://localhost:" + port, lang)) {
            try {
                run(b);
            } catch (RuntimeException | AssertionError e) {
                Browser.screenshotOnFailure(b, "it-delivery");
                throw e;
            }
        }
    }

    private void run(Browser b) {
        String lang = b.lang;
        b.open("/login");
        b.waitFor(By.id("username"));
        assertThat(b.find(By.tagName("html")).getDomAttribute("lang")).isEqualTo(lang);
        b.capture("login");

        // the project manager starts the project from the form, naming who plays each role
        b.signIn("pm", "pm");
        b.go("#/projects/new");
        b.select(By.id("st-template"), "it-delivery");
        String name = "Checkout " + lang;
        b.type(By.id("st-name"), name);
        pick(b, "pm", "pm");
        pick(b, "sponsor", "carol");
        pick(b, "dev", "alice");
        pick(b, "qa", "carol");
        submit(b.find(By.cssSelector("main form")));
        // the budget is required: refused on its field before anything is sent
        WebElement budgetError = b.waitFor(By.cssSelector("[data-field=budget] .field-error"));
        assertThat(budgetError.getText()).isNotBlank();
        b.capture("start-project-refused");
        b.type(By.id("st-budget"), "120000");
        b.type(By.id("st-customer"), "ACME");
        submit(b.find(By.cssSelector("main form")));
        b.until(d -> d.getCurrentUrl().matches(".*#/projects/[^/n][^/]*$"));
        String id = b.driver().getCurrentUrl().replaceAll(".*#/projects/", "");
        b.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), name));
        current(b, id, "requirements");
        b.capture("project-started");
        b.go("#/projects");
        b.waitFor(By.xpath("//main//a[@href='#/projects/" + id + "']"));
        b.capture("projects");

        // the PM writes the PRD: the inbox refuses it without the PRD link, then takes it
        complete(b, id, Map.of("prdUrl", "https://wiki.example.com/prd"), "inbox-task-refused");
        switchTo(b, "alice");
        complete(b, id, Map.of(), null);

        // the sponsor rejects, with a comment (asked for first)
        switchTo(b, "carol");
        WebElement approval = openItem(b, id, "approval");
        approval.findElement(By.cssSelector("input[name=decision][value=reject]")).click();
        submit(approval.findElement(By.cssSelector(".panel form")));
        b.until(d -> !approval.findElements(By.cssSelector(".error")).isEmpty());
        b.capture("inbox-approval-needs-comment");
        approval.findElement(By.cssSelector("textarea[id^=comment-]")).sendKeys("The PRD misses the payment flows.");
        submit(approval.findElement(By.cssSelector(".panel form")));
        gone(b, approval);

        // the project page shows the stage sent back, with the comment
        b.go("#/projects/" + id);
        b.waitFor(By.cssSelector(".stage-card[data-stage=requirements] .badge.st-sent_back"));
        assertThat(b.find(By.cssSelector(".stage[data-stage=requirements] .decisions")).getText())
                .contains("The PRD misses the payment flows.");
        current(b, id, "requirements");
        b.capture("project-sent-back");

        // round two of the requirements, then every other stage, only through the UI
        switchTo(b, "pm");
        complete(b, id, Map.of(), null);
        switchTo(b, "alice");
        complete(b, id, Map.of(), null);
        switchTo(b, "carol");
        decide(b, id, "approve", null, "inbox-approval");

        switchTo(b, "alice");
        current(b, id, "prototype");
        complete(b, id, Map.of("prototypeUrl", "https://proto.example.com/checkout"), null);
        switchTo(b, "pm");
        decide(b, id, "approve", null, null);

        switchTo(b, "alice");
        current(b, id, "development");
        complete(b, id, Map.of("repository", "https://git.example.com/checkout"), null);
        complete(b, id, Map.of(), null);
        switchTo(b, "pm");
        decide(b, id, "approve", null, null);

        switchTo(b, "carol");
        current(b, id, "testing");
        complete(b, id, ordered("testReport", "https://qa.example.com/report", "openDefects", "0"), null);
        decide(b, id, "approve", "Tested.", null);
        // while the PM has not decided, she takes her approval back on the project page and decides again
        b.go("#/projects/" + id);
        b.waitFor(By.cssSelector(".stage[data-stage=testing] .take-back")).click();
        b.until(d -> d.findElements(By.cssSelector(".stage[data-stage=testing] .take-back")).isEmpty()
                && !d.findElements(By.cssSelector("main .notice")).isEmpty());
        b.capture("project-approval-taken-back");
        decide(b, id, "approve", "Tested again.", null);
        switchTo(b, "pm");
        decide(b, id, "approve", null, null);

        switchTo(b, "alice");
        current(b, id, "release");
        complete(b, id, Map.of(), null);
        switchTo(b, "pm");
        complete(b, id, Map.of(), null);
        switchTo(b, "carol");
        decide(b, id, "approve", null, null);

        b.go("#/projects/" + id);
        b.waitFor(By.cssSelector(".title-row .badge.status-completed"));
        assertThat(b.all(By.cssSelector(".stage-card[data-status=done]"))).hasSize(5);
        b.capture("project-completed");
        b.go("#/inbox");
        b.waitFor(By.cssSelector("main .empty"));
        b.capture("inbox-empty");
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    private static void pick(Browser b, String role, String user) {
        b.select(By.id("st-role-" + role), user);
        b.find(By.cssSelector("[data-role=" + role + "] .inline button")).click();
        b.until(d -> d.findElement(By.cssSelector("[data-role=" + role + "] .chips")).getText().contains(user));
    }

    private static void submit(WebElement form) {
        form.findElement(By.cssSelector("button.primary")).click();
    }

    private static void switchTo(Browser b, String user) {
        b.signOut();
        b.signIn(user, user);
    }

    /** Opens the caller's first inbox item of the project of that kind. */
    private static WebElement openItem(Browser b, String project, String kind) {
        b.go("#/inbox");
        WebElement item = b.waitFor(By.xpath("//li[@data-item][.//span[contains(@class,'kind-" + kind + "')]]"
                + "[.//a[@href='#/projects/" + project + "']]"));
        item.findElement(By.cssSelector("button.open")).click();
        b.until(d -> !item.findElements(By.cssSelector(".panel")).isEmpty());
        return item;
    }

    /** Completes the caller's task of the project; when {@code refusedShot} is given, tries it empty first. */
    private static void complete(Browser b, String project, Map<String, String> fields, String refusedShot) {
        WebElement item = openItem(b, project, "task");
        String itemId = item.getDomAttribute("data-item");
        if (refusedShot != null) {
            submit(item.findElement(By.cssSelector(".panel")));
            WebElement error = b.waitFor(By.cssSelector("li[data-item='" + itemId + "'] .field.invalid .field-error"));
            assertThat(error.getText()).isNotBlank();
            b.capture(refusedShot);
        }
        fields.forEach((key, value) -> {
            WebElement input = b.find(By.id("t-" + itemId + "-" + key));
            input.clear();
            input.sendKeys(value);
        });
        submit(item.findElement(By.cssSelector(".panel")));
        gone(b, item);
    }

    private static void decide(Browser b, String project, String decision, String comment, String shot) {
        WebElement item = openItem(b, project, "approval");
        item.findElement(By.cssSelector("input[name=decision][value=" + decision + "]")).click();
        if (comment != null) {
            item.findElement(By.cssSelector("textarea[id^=comment-]")).sendKeys(comment);
        }
        if (shot != null) {
            b.capture(shot);
        }
        submit(item.findElement(By.cssSelector(".panel form")));
        gone(b, item);
    }

    private static void gone(Browser b, WebElement item) {
        String itemId = item.getDomAttribute("data-item");
        b.until(d -> d.findElements(By.cssSelector("li[data-item='" + itemId + "']")).isEmpty()
                && !d.findElements(By.cssSelector("main .notice")).isEmpty());
    }

    /** The project page marks the stage as the current one, in the timeline and in the diagram. */
    private static void current(Browser b, String project, String stage) {
        b.go("#/projects/" + project);
        WebElement card = b.waitFor(By.cssSelector(".stage-card[data-stage=" + stage + "]"));
        assertThat(card.getDomAttribute("data-status")).isIn("active", "approval");
        b.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "const i = document.querySelector('.diagram img'); return !!i && i.complete && i.naturalWidth > 0"));
        String svg = (String) ((JavascriptExecutor) b.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/projects/' + arguments[0] + '/diagram.svg').then(r => r.text()).then(done, e => done(String(e)))",
                project);
        assertThat(svg).contains("data-element=\"stage__" + stage + "\" data-state=\"active\"");
    }
}
