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
import java.util.Map;

/**
 * How long the web UI's inbox takes to appear in a real browser: from asking for the page to every
 * item painted, for a user with many open items. Run against a running Tollgate whose user already
 * has them (the system's headless Chromium, as the browser tests use):
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.tollgate.benchmarks.InboxRenderBenchmark \
 *     http://localhost:8080 pm pm 500</pre>
 *
 * The time is taken inside the page: from the start of the navigation (performance.now() counts from
 * it) to the first animation frame after the last item is in the document, so it covers the page
 * load, the scripts, {@code GET /api/tasks} and the rendering, without the delay of polling from the
 * driver. Prints each run's time and the median; a measurement, not a pass or fail. With {@code seed} as a
 * sixth argument against the demo profile, it first starts it-delivery projects through the API
 * until the user has that many open items (the first task of each project is the project manager's).
 */
public final class InboxRenderBenchmark {

    /** Sets window.__inboxPainted to the frame time after EXPECTED inbox items are in the document. */
    private static final String PAINT_PROBE = """
            (() => {
              const watch = () => {
                const observer = new MutationObserver(() => {
                  if (document.querySelectorAll('li[data-item]').length >= EXPECTED) {
                    observer.disconnect();
                    requestAnimationFrame(() => { window.__inboxPainted = performance.now(); });
                  }
                });
                observer.observe(document, { childList: true, subtree: true });
              };
              if (location.pathname !== 'blank') watch();
            })();
            """;

    private InboxRenderBenchmark() {
    }

    public static void main(String[] args) {
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        String user = args.length > 1 ? args[1] : "pm";
        String password = args.length > 2 ? args[2] : user;
        int expected = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        int runs = args.length > 4 ? Integer.parseInt(args[4]) : 7;
        if (args.length > 5 && args[5].equals("seed")) {
            seed(base, user, password, expected);
        }

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

            // Timed inside the page, not by polling from outside: a script installed before every
            // document watches the DOM and, once the expected number of items is there, records the
            // time of the next frame relative to the start of the navigation.
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", PAINT_PROBE
                    .replace("EXPECTED", Integer.toString(expected))));
            List<Long> times = new ArrayList<>();
            List<Long> apiTimes = new ArrayList<>();
            for (int run = 0; run <= runs; run++) {
                // leave the app first: going to the inbox's address from the inbox itself would only
                // change the fragment and time nothing
                driver.get("about:blank");
                driver.get(base + "/#/inbox");
                Number painted = wait.pollingEvery(Duration.ofMillis(50)).until(d -> (Number) ((JavascriptExecutor) d)
                        .executeScript("return window.__inboxPainted || null"));
                Number api = (Number) ((JavascriptExecutor) driver).executeScript(
                        "const e = performance.getEntriesByType('resource').find(r => r.name.endsWith('/api/tasks'));"
                                + "return e ? e.responseEnd - e.requestStart : -1");
                long millis = Math.round(painted.doubleValue());
                if (run > 0) {
                    // the first run warms the browser's and the server's caches
                    times.add(millis);
                    apiTimes.add(Math.round(api.doubleValue()));
                }
                System.out.printf("run %d: %d items painted %d ms after the navigation began (GET /api/tasks %d ms)%s%n",
                        run, expected, millis, Math.round(api.doubleValue()), run == 0 ? " (warm-up)" : "");
            }
            // where the last run's time went: each request from the start of the navigation
            System.out.println("last run, from the start of the navigation (ms): request, started, ended");
            @SuppressWarnings("unchecked")
            List<Object> entries = (List<Object>) ((JavascriptExecutor) driver).executeScript(
                    "const n = performance.getEntriesByType('navigation')[0];"
                            + "return [['document', 0, Math.round(n.responseEnd)], ['DOMContentLoaded', 0, Math.round(n.domContentLoadedEventEnd)]]"
                            + ".concat(performance.getEntriesByType('resource').map(r => [r.name.replace(location.origin, ''),"
                            + " Math.round(r.startTime), Math.round(r.responseEnd)]))");
            for (Object e : entries) {
                List<?> row = (List<?>) e;
                System.out.printf("  %-60s %6s %6s%n", row.get(0), row.get(1), row.get(2));
            }
            Collections.sort(times);
            Collections.sort(apiTimes);
            System.out.printf("fastest %d ms, slowest %d ms%n", times.get(0), times.get(times.size() - 1));
            System.out.printf("median of %d runs: %d ms (GET /api/tasks median %d ms)%n", times.size(),
                    times.get(times.size() / 2), apiTimes.get(apiTimes.size() / 2));
        } finally {
            driver.quit();
        }
    }

    /** Starts projects, four at a time, until the user has {@code expected} open items. */
    private static void seed(String base, String user, String password, int expected) {
        // HTTP/1.1 and a bound on each request: a plain-HTTP upgrade to HTTP/2 can leave a POST waiting
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.util.function.Function<java.net.http.HttpRequest.Builder, java.net.http.HttpResponse<String>> send = b -> {
            try {
                return http.send(b.header("Authorization", auth).timeout(Duration.ofSeconds(60)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        String inbox = send.apply(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/tasks")).GET()).body();
        int have = inbox.split("\"id\"", -1).length - 1;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<Integer>> started = new ArrayList<>();
        for (int i = have; i < expected; i++) {
            int n = i;
            started.add(pool.submit(() -> send.apply(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/projects"))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"template\":\"it-delivery\",\"name\":\"Inbox load "
                            + n + "\",\"fields\":{\"budget\":1000,\"customer\":\"ACME\"},\"roles\":{\"pm\":[\"" + user
                            + "\"],\"sponsor\":[\"carol\"],\"dev\":[\"alice\"],\"qa\":[\"carol\"]}}"))).statusCode()));
        }
        for (java.util.concurrent.Future<Integer> f : started) {
            try {
                if (f.get() != 201) {
                    throw new IllegalStateException("A project start answered " + f.get());
                }
            } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
        pool.shutdown();
        System.out.printf("seeded %d projects; %s has %d open items%n", expected - Math.max(have, 0), user, Math.max(have, expected));
    }
}
