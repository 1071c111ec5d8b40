package io.tollgate.engine.browser;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The system's headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven by
 * Selenium, in one language: screenshots at desktop and phone width under
 * {@code engine/target/screenshots/}, axe-core checks, and the few gestures the tests repeat.
 */
final class Browser implements AutoCloseable {

    static final int DESKTOP = 1280;
    static final int PHONE = 375;
    static final Path SHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final WebDriverWait wait;
    private final String base;
    final String lang;

    Browser(String base, String lang) {
        this.base = base;
        this.lang = lang;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("tollgate.browser.binary", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--lang=" + lang, "--accept-lang=" + lang, "--window-size=" + DESKTOP + ",900",
                "--hide-scrollbars", "--force-device-scale-factor=1");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", lang));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("tollgate.browser.driver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    WebDriver driver() {
        return driver;
    }

    void open(String path) {
        driver.get(base + path);
    }

    /** Goes to a screen of the app by its hash route and waits until it has painted. */
    void go(String route) {
        ((JavascriptExecutor) driver).executeScript("location.hash = arguments[0]", route);
        waitFor(By.cssSelector("main h1"));
    }

    WebElement waitFor(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    <T> T until(Function<WebDriver, T> condition) {
        return wait.until(condition);
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    void type(By by, String text) {
        WebElement e = waitFor(by);
        e.clear();
        e.sendKeys(text);
    }

    void select(By by, String value) {
        // options often arrive after the select itself: wait for the one wanted
        until(d -> !d.findElement(by).findElements(By.cssSelector("option[value='" + value + "']")).isEmpty());
        new Select(waitFor(by)).selectByValue(value);
    }

    void signIn(String user, String password) {
        driver.manage().deleteAllCookies();
        open("/login");
        type(By.id("username"), user);
        type(By.id("password"), password);
        find(By.cssSelector("#form button[type=submit]")).click();
        waitFor(By.cssSelector("header.top"));
        waitFor(By.cssSelector("main h1"));
    }

    void signOut() {
        find(By.cssSelector("form.sign-out button")).click();
        waitFor(By.id("username"));
    }

    /**
     * Writes the page as it is at desktop and at phone width ({@code name-lang-1280.png}, ...), each
     * the full height of the page, and checks it with axe-core at both widths: no serious or critical
     * violation.
     */
    void capture(String name) {
        for (int width : new int[] {DESKTOP, PHONE}) {
            // the page laid out at that width (a phone's viewport below 600 px), then as tall as it is
            metrics(width, 900);
            accessible(name + " at " + width + " px");
            Number height = (Number) script("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)");
            metrics(width, Math.min(8000, Math.max(600, height.intValue())));
            byte[] png = driver.getScreenshotAs(OutputType.BYTES);
            try {
                Files.createDirectories(SHOTS);
                Files.write(SHOTS.resolve(name + "-" + lang + "-" + width + ".png"), png);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    private void metrics(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", width < 600));
    }

    /** axe-core over the page: no serious or critical violation. */
    void accessible(String what) {
        Results results = new AxeBuilder().analyze(driver);
        List<Rule> bad = results.getViolations().stream()
                .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact())).toList();
        String report = bad.stream().map(r -> r.getImpact() + " " + r.getId() + ": " + r.getHelp() + " at "
                        + r.getNodes().stream().map(n -> String.valueOf(n.getTarget())).limit(5).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"));
        assertThat(bad).as("axe-core on " + what + " (" + lang + "):\n" + report).isEmpty();
    }

    @Override
    public void close() {
        driver.quit();
    }

    static void screenshotOnFailure(Browser browser, String name) {
        try {
            Files.createDirectories(SHOTS);
            Files.write(SHOTS.resolve("failure-" + name + "-" + browser.lang + ".png"),
                    ((TakesScreenshot) browser.driver).getScreenshotAs(OutputType.BYTES));
        } catch (Exception ignored) {
            // the failure itself is what matters
        }
    }
}
