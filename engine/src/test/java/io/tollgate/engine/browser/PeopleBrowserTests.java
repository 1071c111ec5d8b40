package io.tollgate.engine.browser;

import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.ProjectDriver;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.security.AppUser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * People in the web UI, in English and in Chinese: an admin creates a user, who signs in, chooses
 * their own password and sees their inbox; a member of another workspace sees nothing of this one;
 * a name written as {@code <script>alert(1)</script>} (a project, a display name, a comment) shows
 * as text wherever it appears and never runs.
 */
class PeopleBrowserTests extends IntegrationTestSupport {

    private static final String SCRIPT = "<script>alert(1)</script>";

    @Autowired
    Actors actors;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    JdbcTemplate jdbc;

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "zh-CN"})
    void adminsCreatePeopleWorkspacesStayApartAndNamesStayText(String lang) {
        try (Browser b = new Browser("http://localhost:" + port, lang)) {
            try {
                run(b);
            } catch (RuntimeException | AssertionError e) {
                Browser.screenshotOnFailure(b, "people");
                throw e;
            }
        }
    }

    private void run(Browser b) {
        String suffix = b.lang.toLowerCase(Locale.ROOT);
        Api pm = api().as("pm");
        String project = pm.post("/api/projects", ProjectDriver.itDeliveryProject(SCRIPT)).get("id").asText();

        // an admin creates a user in the UI
        b.signIn("admin", "admin");
        b.go("#/admin/users");
        b.waitFor(By.cssSelector("tr[data-user=pm]"));
        String dana = "dana-" + suffix;
        b.type(By.id("nu-username"), dana);
        b.type(By.id("nu-display"), SCRIPT + " Dana");
        b.type(By.id("nu-password"), "Initial-password-1");
        b.find(By.cssSelector("main form button.primary")).click();
        WebElement row = b.waitFor(By.cssSelector("tr[data-user='" + dana + "']"));
        assertThat(row.findElements(By.tagName("td")).get(1).getText()).isEqualTo(SCRIPT + " Dana");
        assertThat(b.find(By.cssSelector("main .notice")).getText()).contains(dana);
        b.capture("admin-users");
        b.go("#/admin/groups");
        b.waitFor(By.cssSelector("main .cards .card"));
        b.capture("admin-groups");
        b.go("#/admin/modules");
        b.waitFor(By.cssSelector("main .cards .module"));
        b.capture("admin-modules");
        b.go("#/admin/members");
        b.waitFor(By.cssSelector("tr[data-member=pm]"));
        b.capture("admin-members");

        // the new user signs in, chooses a password, and sees their (empty) inbox
        b.signOut();
        b.signIn(dana, "Initial-password-1");
        b.waitFor(By.id("pw-current"));
        b.capture("password-change");
        b.type(By.id("pw-current"), "Initial-password-1");
        b.type(By.id("pw-new"), "Dana-own-password-2");
        b.type(By.id("pw-repeat"), "Dana-own-password-2");
        b.find(By.cssSelector("main form button.primary")).click();
        b.waitFor(By.id("username"));
        assertThat(b.find(By.id("message")).getText()).isNotBlank();
        b.capture("login-password-changed");
        b.signIn(dana, "Dana-own-password-2");
        b.waitFor(By.cssSelector("main .empty"));
        assertThat(b.find(By.cssSelector("header .me")).getText()).isIn(dana, SCRIPT + " Dana");
        b.capture("inbox-new-user");

        // the project's name, a display name and a comment are text everywhere they appear
        b.signOut();
        b.signIn("pm", "pm");
        WebElement inboxLink = b.waitFor(By.cssSelector("li[data-item] a[href='#/projects/" + project + "']"));
        assertThat(inboxLink.getText()).isEqualTo(SCRIPT);
        b.capture("inbox");
        b.go("#/projects");
        assertThat(b.waitFor(By.cssSelector("main a[href='#/projects/" + project + "']")).getText()).isEqualTo(SCRIPT);
        b.go("#/projects/" + project);
        b.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), SCRIPT));
        String comment = "<img src=x onerror=alert(2)> @alice " + SCRIPT;
        b.type(By.cssSelector(".comment-form textarea"), comment);
        b.find(By.cssSelector(".comment-form button")).click();
        assertThat(b.waitFor(By.cssSelector(".comment .text")).getText()).isEqualTo(comment);
        b.until(d -> !d.findElements(By.xpath("//table[contains(@class,'audit')]//td[@data-action='comment.posted']")).isEmpty());
        b.capture("project-discussion");
        assertThatThrownBy(() -> b.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(b.all(By.cssSelector("main script, main img[src=x]"))).isEmpty();

        // a member of another workspace sees none of it
        String other = UUID.randomUUID().toString();
        jdbc.update("insert into workspace (id, ws_key, name, enabled_modules, row_version) values (?, ?, ?, ?, 0)",
                other, "o-" + other.substring(0, 8), "Other company", "");
        String stranger = "stranger-" + suffix;
        actors.register(new AppUser(stranger, encoder.encode("Stranger-password-1"), "Stranger", null, other, false),
                Set.of("member"), Set.of());
        b.signOut();
        b.signIn(stranger, "Stranger-password-1");
        b.waitFor(By.cssSelector("main .empty"));
        b.go("#/projects");
        b.waitFor(By.cssSelector("main .empty"));
        assertThat(b.all(By.cssSelector("main a[href^='#/projects/']"))).isEmpty();
        b.capture("projects-other-workspace");
        b.go("#/projects/" + project);
        assertThat(b.waitFor(By.cssSelector("main .error")).getText()).isNotBlank();
        assertThat(b.find(By.tagName("main")).getText()).doesNotContain(SCRIPT);
        b.capture("project-not-found");

        // someone of both workspaces switches between them in the header
        String otherAdmin = "otheradmin-" + suffix;
        actors.register(new AppUser(otherAdmin, encoder.encode(otherAdmin), "Other admin", null, other, false),
                Set.of("admin"), Set.of());
        String otherKey = "o-" + other.substring(0, 8);
        Api.Answer added = api().as(otherAdmin).post("/api/workspaces/" + otherKey + "/members",
                java.util.Map.of("username", "bob", "roles", java.util.List.of("member")));
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        b.signOut();
        b.signIn("bob", "bob");
        b.go("#/projects");
        b.waitFor(By.cssSelector("main a[href='#/projects/" + project + "']"));
        b.select(By.cssSelector("[data-slot=workspace-switcher]"), otherKey);
        b.until(d -> "Other company".equals(new org.openqa.selenium.support.ui.Select(
                d.findElement(By.cssSelector("[data-slot=workspace-switcher]"))).getFirstSelectedOption().getText()));
        b.waitFor(By.cssSelector("main .empty"));
        assertThat(b.all(By.cssSelector("main a[href^='#/projects/']"))).isEmpty();
        b.capture("workspace-switched");
    }
}
