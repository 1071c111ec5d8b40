package io.tollgate.engine.browser;

import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.security.AppUser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The template library page of a workspace that has nothing installed yet: its admin installs the
 * marketing campaign (whose budget module is off) after confirming in the dialog, at 1280 and 375 px
 * in English and Chinese, each screen checked with axe-core.
 */
class TemplateLibraryBrowserTests extends IntegrationTestSupport {

    @Autowired
    Actors actors;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    JdbcTemplate jdbc;

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"en", "zh-CN"})
    void anAdminInstallsATemplateFromTheLibrary(String lang) {
        try (Browser b = new Browser("http://localhost:" + port, lang)) {
            try {
                run(b);
            } catch (RuntimeException | AssertionError e) {
                Browser.screenshotOnFailure(b, "library");
                throw e;
            }
        }
    }

    private void run(Browser b) {
        String id = UUID.randomUUID().toString();
        String tag = id.substring(0, 8);
        jdbc.update("insert into workspace (id, ws_key, name, enabled_modules, row_version) values (?, ?, ?, '', 0)",
                id, "shop-" + tag, b.lang.equals("en") ? "Retail marketing" : "零售市场部");
        String admin = "shopadmin" + tag;
        actors.register(new AppUser(admin, encoder.encode(admin), "Sam Shop", null, id, false), Set.of("admin"), Set.of());

        b.signIn(admin, admin);
        b.go("#/library");
        b.waitFor(By.cssSelector(".library-card[data-template=marketing-campaign]"));
        assertThat(b.all(By.cssSelector(".library-card"))).hasSize(6);
        String card = b.find(By.cssSelector(".library-card[data-template=marketing-campaign]")).getText();
        assertThat(card).contains(b.lang.equals("en") ? "Marketing campaign" : "营销推广活动")
                .contains(b.lang.equals("en") ? "Not installed" : "未安装");
        assertThat(b.find(By.cssSelector(".main-nav a[aria-current=page]")).getText())
                .isEqualTo(b.lang.equals("en") ? "Template library" : "模板库");
        b.capture("library");

        b.find(By.cssSelector(".library-card[data-template=marketing-campaign] button")).click();
        b.waitFor(By.cssSelector("dialog.library-dialog[open] [data-slot=library-confirm]"));
        assertThat(b.find(By.cssSelector("dialog.library-dialog")).getText())
                .contains(b.lang.equals("en") ? "switched on" : "将一并开启");
        b.capture("library-confirm");

        b.find(By.cssSelector("dialog.library-dialog [data-slot=library-confirm]")).click();
        b.waitFor(By.cssSelector(".library-card[data-template=marketing-campaign][data-state=upToDate]"));
        assertThat(b.find(By.cssSelector(".library .notice")).getText()).contains(b.lang.equals("en") ? "version 1" : "第 1 版");
        Api api = api().as(admin);
        assertThat(api.get("/api/templates/marketing-campaign/versions").json().get(0).get("publishedBy").asText())
                .isEqualTo(admin);
        assertThat(api.get("/api/modules").text()).contains("\"module\":\"budget\",\"enabled\":true");
        b.capture("library-installed");
    }
}
