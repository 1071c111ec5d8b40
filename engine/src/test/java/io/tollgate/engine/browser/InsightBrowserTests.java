package io.tollgate.engine.browser;

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
 * The dashboard and a project's Gantt view, in English and in Chinese: a manager opens the dashboard
 * from the navigation and sees its figures, then a project whose stages run in two parallel branches,
 * where the Gantt view marks the longer branch as the critical path. Both are photographed at desktop
 * and phone width and checked by axe-core.
 */
class InsightBrowserTests extends IntegrationTestSupport {

    private static final String TEMPLATE = """
            key: ui-insight
            name: Product launch
            names: { zh-CN: 产品发布 }
            fields:
              - { key: approvedBudget, type: money, currency: CNY }
              - { key: spentSoFar, type: money, currency: CNY }
            insight: { budgetField: approvedBudget, actualField: spentSoFar }
            stages:
              - key: plan
                name: Plan
                names: { zh-CN: 计划 }
                duration: P2D
                tasks: [ { key: brief, name: Brief, assignee: "user:alice" } ]
              - key: design
                name: Design
                names: { zh-CN: 设计 }
                duration: P5D
                after: [plan]
                tasks: [ { key: sketch, name: Sketch, assignee: "user:alice" } ]
              - key: legal
                name: Legal review
                names: { zh-CN: 法务审核 }
                duration: P2D
                after: [plan]
                tasks: [ { key: check, name: Check, assignee: "user:bob" } ]
              - key: launch
                name: Launch
                names: { zh-CN: 发布 }
                duration: P1D
                after: [design, legal]
                tasks: [ { key: go, name: Go live, assignee: "user:bob" } ]
            """;

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "zh-CN"})
    void managersSeeTheDashboardAndAProjectsCriticalPath(String lang) {
        boolean budgetOn = StreamSupport.stream(api().as("admin").get("/api/modules").json().spliterator(), false)
                .anyMatch(m -> m.get("module").asText().equals("budget") && m.get("enabled").asBoolean());
        try {
            look(lang, project(lang));
        } finally {
            api().as("admin").put("/api/modules/budget", "application/json", "{\"enabled\": " + budgetOn + "}");
        }
    }

    private void look(String lang, String project) {
        try (Browser b = new Browser("http://localhost:" + port, lang)) {
            try {
                b.signIn("pm", "pm");
                WebElement nav = b.waitFor(By.cssSelector(".main-nav a[href='#/dashboard']"));
                assertThat(nav.getText()).isEqualTo(lang.equals("en") ? "Dashboard" : "仪表盘");
                nav.click();
                WebElement kpis = b.waitFor(By.cssSelector("[data-slot=kpis]"));
                assertThat(kpis.getText()).contains(lang.equals("en") ? "Started" : "已启动");
                b.waitFor(By.cssSelector("table[data-slot=stages] tbody tr"));
                b.waitFor(By.cssSelector("canvas[data-drawn]"));
                b.capture("insight-dashboard");

                b.go("#/projects/" + project);
                WebElement path = b.waitFor(By.cssSelector("[data-slot=critical-path]"));
                String[] names = lang.equals("en") ? new String[] {"Plan", "Design", "Launch"} : new String[] {"计划", "设计", "发布"};
                assertThat(path.getText()).contains(names[0] + " → " + names[1] + " → " + names[2]);
                List<String> critical = b.all(By.cssSelector("[data-slot=gantt] g[data-critical=true]")).stream()
                        .map(g -> g.getAttribute("data-stage")).toList();
                assertThat(critical).containsExactly("plan", "design", "launch");
                assertThat(b.all(By.cssSelector("[data-slot=gantt] g[data-stage=legal][data-critical=false]"))).hasSize(1);
                assertThat(b.all(By.cssSelector("[data-slot=gantt] rect.actual"))).isNotEmpty();
                assertThat(b.all(By.cssSelector("[data-slot=gantt] line.today"))).hasSize(1);
                assertThat(b.all(By.cssSelector("[data-slot=gantt] path.dep"))).hasSize(4);
                // the health line in the page's language, the budget part from the template's money fields
                WebElement health = b.waitFor(By.cssSelector(".ins-health"));
                String words = health.findElement(By.xpath("..")).getText();
                assertThat(words).contains(lang.equals("en") ? "budget 12% over: 56,000 of 50,000"
                        : "预算超支 12%：已花费 56,000，预算 50,000");
                b.script("document.querySelector('[data-slot=gantt]').scrollIntoView()");
                b.capture("insight-gantt");
            } catch (RuntimeException | AssertionError e) {
                Browser.screenshotOnFailure(b, "insight");
                throw e;
            }
        }
    }

    /** A project of the template whose plan is done: design and legal review run side by side. */
    private String project(String lang) {
        Api admin = api().as("admin");
        Api.Answer current = admin.get("/api/templates/ui-insight");
        if (current.status() != 200 || current.get("latestVersion") == null || current.get("latestVersion").isNull()) {
            assertThat(admin.put("/api/templates/ui-insight", "application/yaml", TEMPLATE).status()).isLessThan(300);
            assertThat(admin.post("/api/templates/ui-insight/publish", Map.of()).status()).isEqualTo(201);
        }
        // one project done from start to finish, for the dashboard's throughput
        String done = start(lang.equals("en") ? "Winter launch" : "冬季发布");
        complete("alice", done, "brief");
        complete("alice", done, "sketch");
        complete("bob", done, "check");
        complete("bob", done, "go");
        assertThat(api().as("pm").get("/api/projects/" + done).get("status").asText()).isEqualTo("completed");
        // the budget comes from the template's fields while the budget module is off
        assertThat(admin.put("/api/modules/budget", "application/json", "{\"enabled\": false}").status()).isLessThan(300);
        Api.Answer created = api().as("pm").post("/api/projects", Map.of("template", "ui-insight",
                "name", lang.equals("en") ? "Spring launch" : "春季发布",
                "fields", Map.of("approvedBudget", 50000, "spentSoFar", 56000)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.get("id").asText();
        complete("alice", id, "brief");
        return id;
    }

    private String start(String name) {
        Api.Answer created = api().as("pm").post("/api/projects", Map.of("template", "ui-insight", "name", name));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.get("id").asText();
    }

    private void complete(String user, String project, String key) {
        String item = StreamSupport.stream(api().as(user).get("/api/tasks?project=" + project).json().spliterator(), false)
                .filter(i -> i.get("key").asText().equals(key)).map(i -> i.get("id").asText()).findFirst().orElseThrow();
        assertThat(api().as(user).post("/api/tasks/" + item + "/complete", Map.of()).status()).isEqualTo(200);
    }
}
