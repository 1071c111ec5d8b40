package io.tollgate.benchmarks;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How long the web UI's inbox takes to appear in a real browser: from asking for the page to every
 * item painted, for a user with many open items. Run against a running Tollgate whose user already
 * has them (the system's headless Chromium, as the browser tests use):
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.tollgate.benchmarks.InboxRenderBenchmark \
 *     http://localhost:8080 pm pm 500</pre>
 *
 * Prints each run's time and the median; a measurement, not a pass or fail.
 */
public final class InboxRenderBenchmark {

    private InboxRenderBenchmark() {
    }

    public static void main(String[] args) {
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        String user = args.length > 1 ? args[1] : "pm";
        String password = args.length > 2 ? args[2] : user;
        int expected = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        int runs = args.length > 4 ? Integer.parseInt(args[4]) : 7;

        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900");
        ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build(), options);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
            driver.get(base + "/login");
            driver.findElement(By.id("username")).sendKeys(user);
            driver.findElement(By.id("password")).sendKeys(password);
            driver.findElement(By.cssSelector("#form button")).click();
            wait.until(d -> !d.findElements(By.cssSelector("header.top")).isEmpty());

            List<Long> times = new ArrayList<>();
            for (int run = 0; run <= runs; run++) {
                long start = System.nanoTime();
                driver.get(base + "/#/inbox");
                wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
                        "return document.querySelectorAll('li[data-item]').length")).intValue() >= expected);
                long millis = (System.nanoTime() - start) / 1_000_000;
                if (run > 0) {
                    // the first run warms the browser's and the server's caches
                    times.add(millis);
                }
                System.out.printf("run %d: %d items painted in %d ms%s%n", run, expected, millis, run == 0 ? " (warm-up)" : "");
            }
            Collections.sort(times);
            System.out.printf("median of %d runs: %d ms%n", times.size(), times.get(times.size() / 2));
        } finally {
            driver.quit();
        }
    }
}
