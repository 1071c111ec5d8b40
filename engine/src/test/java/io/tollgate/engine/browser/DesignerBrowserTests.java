package io.tollgate.engine.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The template designer in a real browser, in English and in Chinese. An admin builds a template only by
 * clicking and typing: four stages (two in parallel, one skipped by a condition made with the rule
 * builder), two fields of different types, a gate with a required field, a rule and a quorum of two; the
 * quorum is first refused on the gate of the right card with publishing held back, then fixed and
 * published. A project manager starts a project from it and it runs to completion through the UI.
 * Every template shipped, and a hand-written one using every construct of the language, opens in the
 * designer and saves back unchanged.
 */
class DesignerBrowserTests extends IntegrationTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Gestures of the admin while building, to tell how much work a template takes. */
    private int clicks;
    private int keystrokes;

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "zh-CN"})
    void anAdminBuildsAndPublishesATemplateByClickingAndAProjectRunsOnIt(String lang) {
        try (Browser b = new Browser("http://localhost:" + port, lang)) {
            try {
                run(b);
            } catch (RuntimeException | AssertionError e) {
                Browser.screenshotOnFailure(b, "designer");
                throw e;
            }
        }
    }

    private void run(Browser b) {
        String key = "launch-" + b.lang.toLowerCase(Locale.ROOT);
        boolean zh = b.lang.startsWith("zh");
        clicks = 0;
        keystrokes = 0;

        b.signIn("admin", "admin");
        b.go("#/templates");
        b.waitFor(By.cssSelector("li[data-template=it-delivery]"));
        shot(b, "designer-template-list");
        type(b, "#tl-key", key);
        click(b, "main form button.primary");
        b.waitFor(By.cssSelector(".dz-card[data-stage=stage1]"));

        // the template panel: a project field of type number
        click(b, "#dz-tab-settings");
        click(b, "#tf-add");
        type(b, "#tf-0-key", "budget");
        type(b, "#tf-0-en", "Budget");
        type(b, "#tf-0-zh", "预算");
        select(b, "#tf-0-type", "number");
        shot(b, "designer-template-panel");

        // the first stage: a name, a duration, a URL field, a task for the PM and a gate
        click(b, "#dz-tab-flow");
        click(b, ".dz-card[data-stage=stage1] .dz-card-main");
        b.waitFor(By.cssSelector(".dz-drawer[data-drawer=stage1]"));
        type(b, "#st-en", "Plan");
        type(b, "#st-zh", "计划");
        type(b, "#st-duration", "5");
        click(b, "#dz-sec-fields");
        click(b, "#sf-add");
        type(b, "#sf-0-key", "report");
        type(b, "#sf-0-en", "Plan document");
        type(b, "#sf-0-zh", "计划文档");
        select(b, "#sf-0-type", "url");
        click(b, "#sf-0-required");
        shot(b, "designer-drawer-fields");
        click(b, "#dz-sec-tasks");
        click(b, "#tk-add");
        type(b, "#tk0-en", "Write the plan");
        type(b, "#tk0-zh", "编写计划");
        select(b, "#tk0-as", "pm");
        shot(b, "designer-drawer-tasks");
        click(b, "#dz-sec-gate");
        click(b, "#g-add");
        click(b, "#g-crit-field");
        select(b, "#gc0", "report");
        click(b, "#g-crit-rule");
        click(b, "[data-criterion='1'] .rb-add-group");
        select(b, "[data-criterion='1'] select[id$='-0-0-field']", "budget");
        select(b, "[data-criterion='1'] select[id$='-0-0-op']", "le");
        type(b, "[data-criterion='1'] input[id$='-0-0-value']", "500000");
        type(b, "#gm1", zh ? "预算超过 50 万须董事会批准" : "Budgets over 500k go to the board");
        click(b, "#g-mode-quorum");
        select(b, "#g-approver-kind", "user");
        select(b, "#g-approver-who", "alice");
        click(b, "#g-approver-add");

        // a quorum of two over one person: refused on this card's gate, and publishing is held back
        b.until(d -> "1".equals(d.findElement(By.cssSelector(".dz-status")).findElements(By.cssSelector(".dz-count[data-errors]"))
                .stream().map(e -> e.getDomAttribute("data-errors")).findFirst().orElse(null)));
        WebElement card = b.find(By.cssSelector(".dz-card[data-stage=stage1]"));
        assertThat(card.getDomAttribute("class")).contains("bad");
        assertThat(card.findElement(By.cssSelector(".dz-gate")).getDomAttribute("class")).contains("bad");
        assertThat(b.find(By.cssSelector("[data-section-problems=gate] li.error")).getText()).contains("2");
        assertThat(b.find(By.id("dz-publish")).isEnabled()).isFalse();
        assertThat(b.find(By.cssSelector("#dz-sec-gate .badge")).getText()).isEqualTo("1");
        shot(b, "designer-quorum-refused");
        select(b, "#g-approver-who", "bob");
        click(b, "#g-approver-add");
        b.until(d -> d.findElements(By.cssSelector(".dz-card.bad")).isEmpty());
        shot(b, "designer-drawer-gate");

        // a second stage after it, a parallel one that runs only for large budgets, and a fourth that joins them
        click(b, "[data-add='0']");
        b.waitFor(By.cssSelector(".dz-drawer[data-drawer=stage2]"));
        type(b, "#st-en", "Build");
        type(b, "#st-zh", "构建");
        click(b, ".dz-card[data-stage=stage2] .dz-par");
        b.waitFor(By.cssSelector(".dz-drawer[data-drawer=stage3]"));
        type(b, "#st-en", "Security review");
        type(b, "#st-zh", "安全评审");
        click(b, ".dz-when-set .rb-add-group");
        select(b, ".dz-when-set select[id$='-0-0-op']", "gt");
        type(b, ".dz-when-set input[id$='-0-0-value']", "100000");
        assertThat(b.find(By.cssSelector(".dz-when-set textarea")).getDomProperty("value")).isEqualTo("budget > 100000");
        shot(b, "designer-drawer-basics");
        click(b, "[data-add='1']");
        b.waitFor(By.cssSelector(".dz-drawer[data-drawer=stage4]"));
        type(b, "#st-en", "Release");
        type(b, "#st-zh", "发布");
        click(b, ".dz-drawer-head button");
        b.until(d -> "0".equals(d.findElements(By.cssSelector(".dz-count")).stream()
                .map(e -> e.getDomAttribute("data-problems")).findFirst().orElse(null)));
        assertThat(b.all(By.cssSelector(".dz-row.parallel .dz-card"))).hasSize(2);
        assertThat(b.find(By.cssSelector(".dz-card[data-stage=stage3] .dz-when")).getText()).contains(zh ? "预算 > 100000" : "Budget > 100000");
        shot(b, "designer-flow");

        // the diagram of the draft and a preview: a small budget skips the security review
        click(b, "#dz-tab-diagram");
        b.until(d -> (Boolean) b.script("const i = document.querySelector('[data-draft-diagram]'); return !!i && i.complete && i.naturalWidth > 0"));
        shot(b, "designer-diagram");
        click(b, "#dz-tab-preview");
        type(b, "#pv-budget", "50000");
        type(b, "#pv-role-pm", "pm");
        click(b, "#pv-run");
        b.waitFor(By.cssSelector("tr[data-preview=stage3]"));
        assertThat(b.find(By.cssSelector("tr[data-preview=stage3]")).getDomAttribute("data-runs")).isEqualTo("false");
        assertThat(b.find(By.cssSelector("tr[data-preview=stage2]")).getDomAttribute("data-runs")).isEqualTo("true");
        assertThat(b.find(By.cssSelector("tr[data-preview=stage1]")).getText()).contains("Alice", "Bob");
        shot(b, "designer-preview");

        click(b, "#dz-publish");
        b.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main .notice"), "1"));
        int builtClicks = clicks;
        int builtKeys = keystrokes;
        System.out.printf("designer (%s): four-stage template built and published with %d clicks and %d keystrokes%n",
                b.lang, builtClicks, builtKeys);

        Api admin = api().as("admin");
        JsonNode published = admin.get("/api/templates/" + key).json();
        assertThat(published.get("stages")).hasSize(4);
        assertThat(published.at("/stages/0/gate/approval/mode").asText()).isEqualTo("quorum:2");
        assertThat(published.at("/stages/2/after").toString()).isEqualTo("[\"stage1\"]");
        assertThat(published.at("/stages/3/after").toString()).isEqualTo("[\"stage2\",\"stage3\"]");
        assertThat(published.at("/stages/2/when").asText()).isEqualTo("budget > 100000");
        assertThat(published.at("/stages/0/gate/criteria/1/expression").asText()).isEqualTo("budget <= 500000");

        // the PM starts a project from it
        switchTo(b, "pm");
        b.go("#/projects/new");
        b.select(By.id("st-template"), key);
        String name = "Launch " + b.lang;
        b.type(By.id("st-name"), name);
        b.select(By.id("st-role-pm"), "pm");
        b.find(By.cssSelector("[data-role=pm] .inline button")).click();
        b.until(d -> d.findElement(By.cssSelector("[data-role=pm] .chips")).getText().contains("pm"));
        b.type(By.id("st-budget"), "50000");
        b.find(By.cssSelector("main form button.primary")).click();
        b.until(d -> d.getCurrentUrl().matches(".*#/projects/[^/n][^/]*$"));
        String id = b.driver().getCurrentUrl().replaceAll(".*#/projects/", "");
        b.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), name));

        // meanwhile the admin publishes a second version: history, a readable diff, and the project migrated to it
        switchTo(b, "admin");
        b.go("#/templates/" + key);
        click(b, ".dz-card[data-stage=stage2] .dz-card-main");
        type(b, "#st-duration", "3");
        click(b, ".dz-drawer-head button");
        b.until(d -> "0".equals(d.findElements(By.cssSelector(".dz-count")).stream()
                .map(e -> e.getDomAttribute("data-problems")).findFirst().orElse(null)));
        click(b, "#dz-publish");
        b.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main .notice"), "2"));
        click(b, "#dz-tab-versions");
        b.waitFor(By.cssSelector("tr[data-version='2']"));
        select(b, "#df-from", "1");
        select(b, "#df-to", "2");
        click(b, "#df-show");
        WebElement diff = b.waitFor(By.cssSelector(".dz-diff li.changed"));
        assertThat(diff.getText()).contains(zh ? "构建" : "Build", zh ? "计划工期" : "Planned duration", zh ? "3 天" : "3 days");
        select(b, "#mg-from", "1");
        select(b, "#mg-to", "2");
        click(b, "#mg-dry");
        b.waitFor(By.cssSelector("tr[data-plan='" + id + "'] input[type=checkbox]:checked"));
        shot(b, "designer-versions");
        click(b, "#mg-go");
        b.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main .notice"), zh ? "已迁移 1" : "Migrated 1"));
        assertThat(admin.get("/api/projects/" + id).get("version").asInt()).isEqualTo(2);

        // the project, now on version 2, runs to completion through the UI; the security review is skipped
        switchTo(b, "pm");
        complete(b, id, Map.of("report", "https://wiki.example.com/plan"));
        switchTo(b, "alice");
        approve(b, id);
        switchTo(b, "bob");
        approve(b, id);
        b.go("#/projects/" + id);
        b.waitFor(By.cssSelector(".title-row .badge.status-completed"));
        assertThat(b.find(By.cssSelector(".stage-card[data-stage=stage3]")).getDomAttribute("data-status")).isEqualTo("skipped");
        assertThat(b.all(By.cssSelector(".stage-card[data-status=done]"))).hasSize(3);
        shot(b, "designer-project-completed");
    }

    /**
     * The shipped it-delivery template rebuilt in the designer only by clicking and typing: the published
     * template is the shipped one, and it compiles to the same BPMN.
     */
    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "zh-CN"})
    void theShippedItDeliveryTemplateIsRebuiltInTheDesignerToTheSameBpmn(String lang) throws IOException {
        Resource shipped = new PathMatchingResourcePatternResolver().getResource("classpath:tollgate/templates/it-delivery.yaml");
        JsonNode t = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(shipped.getContentAsString(StandardCharsets.UTF_8));
        String key = "it-rebuilt-" + lang.toLowerCase(Locale.ROOT);
        try (Browser b = new Browser("http://localhost:" + port, lang)) {
            try {
                clicks = 0;
                keystrokes = 0;
                b.signIn("admin", "admin");
                b.go("#/templates");
                type(b, "#tl-key", key);
                click(b, "main form button.primary");
                b.waitFor(By.cssSelector(".dz-card[data-stage=stage1]"));

                click(b, "#dz-tab-settings");
                replace(b, "#ts-en", t.get("name").asText());
                replace(b, "#ts-zh", t.at("/names/zh-CN").asText());
                replace(b, "#ts-industry", t.get("industry").asText());
                replace(b, "#ts-desc", t.get("description").asText());
                for (JsonNode m : t.get("modules")) {
                    click(b, "#ts-mod-" + m.asText());
                }
                t.get("roles").fields().forEachRemaining(e -> {
                    String role = e.getKey();
                    if (b.all(By.id("ts-role-" + role)).isEmpty()) {
                        click(b, "#ts-add-role");
                        String added = b.all(By.cssSelector(".dz-role")).get(b.all(By.cssSelector(".dz-role")).size() - 1)
                                .getDomAttribute("data-role");
                        replace(b, "#ts-role-" + added, role + org.openqa.selenium.Keys.TAB);
                    }
                    replace(b, "#ts-role-" + role + "-en", e.getValue().get("name").asText());
                    if (e.getValue().at("/names/zh-CN").isTextual()) {
                        replace(b, "#ts-role-" + role + "-zh", e.getValue().at("/names/zh-CN").asText());
                    }
                });
                int i = 0;
                for (JsonNode f : t.get("fields")) {
                    click(b, "#tf-add");
                    field(b, "tf-", i++, f);
                }

                click(b, "#dz-tab-flow");
                int j = 0;
                for (JsonNode s : t.get("stages")) {
                    if (j == 0) {
                        click(b, ".dz-card[data-stage=stage1] .dz-card-main");
                    } else {
                        click(b, "[data-add='" + (j - 1) + "']");
                    }
                    b.waitFor(By.cssSelector(".dz-drawer"));
                    replace(b, "#st-key", s.get("key").asText() + org.openqa.selenium.Keys.TAB);
                    b.waitFor(By.cssSelector(".dz-drawer[data-drawer='" + s.get("key").asText() + "']"));
                    replace(b, "#st-en", s.get("name").asText());
                    replace(b, "#st-zh", s.at("/names/zh-CN").asText());
                    if (!s.get("owner").asText().equals(b.find(By.id("st-owner")).getDomProperty("value"))) {
                        select(b, "#st-owner", s.get("owner").asText());
                    }
                    replace(b, "#st-duration", s.get("duration").asText().replaceAll("\\D", ""));
                    if (s.has("alertAfter")) {
                        replace(b, "#st-alert", s.get("alertAfter").asText().replaceAll("\\D", ""));
                    }
                    if (s.has("fields")) {
                        click(b, "#dz-sec-fields");
                        int k = 0;
                        for (JsonNode f : s.get("fields")) {
                            click(b, "#sf-add");
                            field(b, "sf-", k++, f);
                        }
                    }
                    click(b, "#dz-sec-tasks");
                    int k = 0;
                    for (JsonNode task : s.get("tasks")) {
                        click(b, "#tk-add");
                        replace(b, "#tk" + k + "-key", task.get("key").asText());
                        replace(b, "#tk" + k + "-en", task.get("name").asText());
                        replace(b, "#tk" + k + "-zh", task.at("/names/zh-CN").asText());
                        select(b, "#tk" + k + "-as", task.get("assignee").asText());
                        k++;
                    }
                    k = 0;
                    for (JsonNode task : s.get("tasks")) {
                        for (JsonNode r : task.path("requires")) {
                            click(b, "#tk" + k + "-req-" + r.asText());
                        }
                        k++;
                    }
                    click(b, "#dz-sec-gate");
                    click(b, "#g-add");
                    JsonNode gate = s.get("gate");
                    int c = 0;
                    for (JsonNode criterion : gate.path("criteria")) {
                        if (criterion.has("field")) {
                            click(b, "#g-crit-field");
                            select(b, "#gc" + c, criterion.get("field").asText());
                        } else {
                            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\w+) (<=|>=|<|>|==|!=) (.+)")
                                    .matcher(criterion.get("expression").asText());
                            assertThat(m.matches()).isTrue();
                            click(b, "#g-crit-rule");
                            click(b, "[data-criterion='" + c + "'] .rb-add-group");
                            select(b, "[data-criterion='" + c + "'] select[id$='-0-0-field']", m.group(1));
                            select(b, "[data-criterion='" + c + "'] select[id$='-0-0-op']",
                                    Map.of("<=", "le", ">=", "ge", "<", "lt", ">", "gt", "==", "eq", "!=", "ne").get(m.group(2)));
                            replace(b, "[data-criterion='" + c + "'] input[id$='-0-0-value']", m.group(3));
                            replace(b, "#gm" + c, criterion.get("message").asText());
                        }
                        c++;
                    }
                    String mode = gate.at("/approval/mode").asText();
                    if (!mode.equals("all")) {
                        click(b, "#g-mode-" + mode);
                    }
                    for (JsonNode approver : gate.at("/approval/approvers")) {
                        select(b, "#g-approver-who", approver.asText());
                        click(b, "#g-approver-add");
                    }
                    select(b, "#g-reject", gate.get("onReject").asText());
                    click(b, ".dz-drawer-head button");
                    j++;
                }
                b.until(d -> "0".equals(d.findElements(By.cssSelector(".dz-count")).stream()
                        .map(e -> e.getDomAttribute("data-problems")).findFirst().orElse(null)));
                click(b, "#dz-publish");
                b.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main .notice"), "1"));
                System.out.printf("designer (%s): it-delivery rebuilt and published with %d clicks and %d keystrokes%n",
                        lang, clicks, keystrokes);
            } catch (RuntimeException | AssertionError e) {
                Browser.screenshotOnFailure(b, "designer-it-delivery");
                throw e;
            }
        }
        Api admin = api().as("admin");
        JsonNode built = admin.get("/api/templates/" + key).json();
        JsonNode expected = admin.get("/api/templates/it-delivery").json().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected).put("key", key);
        assertThat(built).isEqualTo(expected);
        String bpmn = admin.get("/api/templates/" + key + "/bpmn").text();
        String shippedBpmn = admin.get("/api/templates/it-delivery/bpmn").text();
        assertThat(bpmn.replace(key, "it-delivery")).isEqualTo(shippedBpmn);
    }

    /** Fills one field of a field list as the template declares it. */
    private void field(Browser b, String list, int i, JsonNode f) {
        String id = "#" + list + i + "-";
        replace(b, id + "key", f.get("key").asText());
        select(b, id + "type", f.get("type").asText());
        replace(b, id + "en", f.get("name").asText());
        if (f.at("/names/zh-CN").isTextual()) {
            replace(b, id + "zh", f.at("/names/zh-CN").asText());
        }
        if (f.path("required").asBoolean()) {
            click(b, id + "required");
        }
        for (String[] rule : new String[][] {{"min", "min"}, {"max", "max"}, {"currency", "cur"}, {"minLength", "minl"},
                {"maxLength", "maxl"}, {"pattern", "pat"}}) {
            if (f.has(rule[0])) {
                replace(b, id + rule[1], f.get(rule[0]).asText());
            }
        }
    }

    /** Replaces what a text box holds: select all, then type. */
    private void replace(Browser b, String css, String text) {
        WebElement e = b.waitFor(By.cssSelector(css));
        e.click();
        clicks++;
        if (!String.valueOf(e.getDomProperty("value")).isEmpty()) {
            e.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"));
            keystrokes++;
        }
        e.sendKeys(text);
        keystrokes += text.length();
    }

    /** The rule builder reads back what it writes, and refuses to read what it could not show; rows follow prerequisites. */
    @Test
    void theRuleBuilderReadsBackWhatItWritesAndTheFlowFollowsPrerequisites() {
        try (Browser b = new Browser("http://localhost:" + port, "en")) {
            b.signIn("admin", "admin");
            Object result = ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    import('/ui/designer.js').then(d => {
                      const types = { budget: 'money', region: 'select', urgent: 'boolean', tags: 'multiselect' };
                      const texts = ["budget > 100000", "(budget >= 5 && region == 'c\\\\'n') || urgent == true",
                        "tags?.contains('x') && region != null", ""];
                      const back = texts.map(x => { const r = d.parseRule(x); return r && d.toGroovy(r, types) });
                      const refused = ["budget > 1 && region == 'a' || urgent == true", "budget.abs() > 2", "System.exit(0)"]
                        .map(x => d.parseRule(x) === null);
                      const rows = d.rows([{ key: 'a' }, { key: 'b' }, { key: 'c', after: ['a'] }, { key: 'd', after: ['b', 'c'] }]);
                      const tpl = { stages: [{ key: 'a' }, { key: 'b' }, { key: 'c' }] };
                      d.rewire(tpl, w => { w.set('c', ['a']); });
                      done(JSON.stringify({ back, refused, rows, after: tpl.stages.map(s => s.after || null),
                        ops: d.operatorsFor('boolean').concat(d.operatorsFor('date')) }));
                    }, e => done(String(e)));
                    """);
            JsonNode r;
            try {
                r = JSON.readTree(String.valueOf(result));
            } catch (IOException e) {
                throw new AssertionError(String.valueOf(result), e);
            }
            assertThat(r.get("back").get(0).asText()).isEqualTo("budget > 100000");
            assertThat(r.get("back").get(1).asText()).isEqualTo("(budget >= 5 && region == 'c\\'n') || urgent == true");
            assertThat(r.get("back").get(2).asText()).isEqualTo("tags?.contains('x') && region != null");
            assertThat(r.get("back").get(3).asText()).isEmpty();
            assertThat(r.get("refused").toString()).isEqualTo("[true,true,true]");
            assertThat(r.get("rows").toString()).isEqualTo("[[0],[1,2],[3]]");
            assertThat(r.get("after").toString()).isEqualTo("[null,null,[\"a\"]]");
            assertThat(r.get("ops").toString()).isEqualTo("[\"true\",\"false\",\"empty\",\"filled\"]");
        }
    }

    /** Every shipped template, and one written by hand with every construct, saves back from the designer unchanged. */
    @Test
    void everyShippedTemplateOpensInTheDesignerAndSavesBackUnchanged() throws IOException {
        List<String> sources = new ArrayList<>();
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:tollgate/templates/*.yaml")) {
            sources.add(r.getContentAsString(StandardCharsets.UTF_8));
        }
        assertThat(sources).isNotEmpty();
        sources.add(everyConstruct());
        assertThat(roundTrip(sources, "roundtrip-")).isEqualTo(sources.size());
    }

    /**
     * Every template the tests publish saves back from the designer unchanged: each YAML text block in
     * the test sources that the server takes as a valid draft is opened, looked through and saved.
     */
    @Test
    void everyTemplateTheTestsWriteOpensInTheDesignerAndSavesBackUnchanged() throws IOException {
        List<String> sources = new ArrayList<>();
        java.util.regex.Pattern block = java.util.regex.Pattern.compile("\"\"\"\\s*\\n(.*?)\"\"\"", java.util.regex.Pattern.DOTALL);
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/test/java"))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                java.util.regex.Matcher m = block.matcher(java.nio.file.Files.readString(file));
                while (m.find()) {
                    String text = m.group(1).stripIndent().translateEscapes();
                    if (text.matches("(?s).*(?m)^key: .*") && text.matches("(?s).*(?m)^stages:.*")
                            && !text.contains("%s") && !text.contains("%d")) {
                        sources.add(text);
                    }
                }
            }
        }
        assertThat(sources.size()).as("templates written in the tests").isGreaterThan(20);
        int tried = roundTrip(sources, "test-roundtrip-");
        assertThat(tried).as("valid templates among them").isGreaterThan(20);
    }

    /** Opens each valid source in the designer, looks through every card and section, saves; answers how many. */
    private int roundTrip(List<String> sources, String prefix) {
        Api admin = api().as("admin");
        int tried = 0;
        try (Browser b = new Browser("http://localhost:" + port, "en")) {
            try {
                b.signIn("admin", "admin");
                int n = 0;
                for (String source : sources) {
                    String key = prefix + (++n);
                    String yaml = source.replaceFirst("(?m)^key: .*$", "key: " + key);
                    Api.Answer saved = admin.put("/api/templates/" + key, "application/yaml", yaml);
                    if (saved.status() != 200 || !saved.get("valid").asBoolean()) {
                        // written to be refused, or to show a problem: not a template one saves from the designer
                        continue;
                    }
                    tried++;
                    JsonNode before = admin.get("/api/templates/" + key + "?draft=true").json();
                    b.go("#/templates/" + key);
                    b.waitFor(By.cssSelector(".dz-card"));
                    // open every card and every section of its drawer, then save
                    int stages = b.all(By.cssSelector(".dz-card")).size();
                    for (int i = 0; i < stages; i++) {
                        b.find(By.cssSelector("[data-stage-index='" + i + "'] .dz-card-main")).click();
                        for (String section : new String[] {"basics", "tasks", "fields", "gate"}) {
                            b.find(By.id("dz-sec-" + section)).click();
                            b.waitFor(By.cssSelector("[aria-labelledby=dz-sec-" + section + "]"));
                        }
                    }
                    for (String tab : new String[] {"settings", "preview", "versions", "flow"}) {
                        b.find(By.id("dz-tab-" + tab)).click();
                    }
                    assertThat(b.all(By.xpath("//*[contains(@class,'dz-status')]//*[contains(@class,'muted')]")))
                            .as("nothing changed by looking at " + key).isEmpty();
                    b.find(By.id("dz-save")).click();
                    b.waitFor(By.cssSelector("main .notice"));
                    JsonNode after = admin.get("/api/templates/" + key + "?draft=true").json();
                    assertThat(after).as(key + " from\n" + source).isEqualTo(before);
                }
            } catch (RuntimeException | AssertionError e) {
                Browser.screenshotOnFailure(b, "designer-" + prefix + "failure");
                throw e;
            }
        }
        return tried;
    }

    /** A template written by hand, with comments, that uses every part of the language. */
    static String everyConstruct() {
        return """
                # written by hand: every construct the language has
                key: every-construct
                name: Every construct
                names: { zh-CN: 全部构造 }
                description: Uses every part of the language.
                industry: test
                roles:
                  pm: { name: Project manager, names: { zh-CN: 项目经理 } }
                  sponsor: { name: Sponsor }
                fields:
                  - { key: f1, type: text, name: Text, minLength: 1, maxLength: 20, pattern: "[A-Z].*" }
                  - { key: f2, type: textarea, maxLength: 2000 }
                  - { key: f3, type: number, min: 0, max: 10 }
                  - { key: f4, type: money, currency: CNY, required: true, min: 0 }
                  - { key: f5, type: percent, max: 100 }
                  - { key: f6, type: date }
                  - { key: f7, type: datetime }
                  - { key: f8, type: boolean }
                  - key: f9
                    type: select
                    options:
                      - { value: a, name: Alpha, names: { zh-CN: 甲 } }
                      - { value: b, name: Beta }
                  - { key: f10, type: multiselect, options: [ { value: x }, { value: y } ] }
                  - { key: f11, type: user }
                  - { key: f12, type: users }
                  - { key: f13, type: url }
                  - { key: f14, type: email }
                  - { key: f15, type: attachment }
                stages:
                  - key: one
                    name: One
                    owner: pm
                    duration: PT12H
                    alertAfter: P1DT2H
                    when: "(f3 > 2 && f1 != null) || f8 == true"
                    tasks:
                      - { key: a, name: A, assignee: pm, duration: P1D, fields: [ { key: t1, type: number } ] }
                      - { key: b, name: B, assignee: "group:qa", requires: [a] }
                    gate:
                      criteria:
                        - { field: f4 }
                        - { allTasksDone: true }
                        - { expression: "f3 <= 5", message: Too many }
                      approval:
                        approvers: [sponsor, "user:alice"]
                        mode: sequential
                        timeout: { after: P2D, action: remind, repeat: 3 }
                      onReject: one
                      resubmit: direct
                      outcomes: [go, conditional, hold, kill, recycle]
                      blockOnLapsedConditions: true
                  - { key: two, name: Two, after: [one], gate: { approval: { approvers: [pm], mode: "quorum:1" } } }
                  - { key: three, name: Three, after: [one], when: "f9 == 'a'" }
                  - { key: four, name: Four, after: [two, three], gate: { approval: { approvers: ["user:bob"], mode: any, timeout: { after: PT4H, action: approve } } } }
                """;
    }

    /** A picture from the top of the page, as someone arriving at it would see it. */
    private static void shot(Browser b, String name) {
        b.script("window.scrollTo(0, 0)");
        b.capture(name);
    }

    private void click(Browser b, String css) {
        b.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
        clicks++;
    }

    private void type(Browser b, String css, String text) {
        WebElement e = b.waitFor(By.cssSelector(css));
        e.click();
        clicks++;
        e.clear();
        e.sendKeys(text);
        keystrokes += text.length();
    }

    private void select(Browser b, String css, String value) {
        new Select(b.waitFor(By.cssSelector(css))).selectByValue(value);
        clicks += 2;
    }

    private static void switchTo(Browser b, String user) {
        b.signOut();
        b.signIn(user, user);
    }

    private static WebElement openItem(Browser b, String project, String kind) {
        b.go("#/inbox");
        WebElement item = b.waitFor(By.xpath("//li[@data-item][.//span[contains(@class,'kind-" + kind + "')]]"
                + "[.//a[@href='#/projects/" + project + "']]"));
        item.findElement(By.cssSelector("button.open")).click();
        b.until(d -> !item.findElements(By.cssSelector(".panel")).isEmpty());
        return item;
    }

    private static void complete(Browser b, String project, Map<String, String> fields) {
        WebElement item = openItem(b, project, "task");
        String itemId = item.getDomAttribute("data-item");
        fields.forEach((key, value) -> {
            WebElement input = b.find(By.id("t-" + itemId + "-" + key));
            input.clear();
            input.sendKeys(value);
        });
        item.findElement(By.cssSelector(".panel button.primary")).click();
        gone(b, item);
    }

    private static void approve(Browser b, String project) {
        WebElement item = openItem(b, project, "approval");
        item.findElement(By.cssSelector("input[name=decision][value=approve]")).click();
        item.findElement(By.cssSelector(".panel form button.primary")).click();
        gone(b, item);
    }

    private static void gone(Browser b, WebElement item) {
        String itemId = item.getDomAttribute("data-item");
        b.until(d -> d.findElements(By.cssSelector("li[data-item='" + itemId + "']")).isEmpty()
                && !d.findElements(By.cssSelector("main .notice")).isEmpty());
    }
}
