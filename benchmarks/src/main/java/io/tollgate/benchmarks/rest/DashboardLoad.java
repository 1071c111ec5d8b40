package io.tollgate.benchmarks.rest;

import java.io.File;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How fast the dashboard and the project list answer with many projects stored. Starts Tollgate from
 * its jar on a fresh PostgreSQL database and seeds it through the application itself:
 * {@code --projects} finished projects of the five-stage workload over the last three years through
 * {@code POST /api/project-history} (the application writes the projects, their stages, fifteen work
 * items each (six when cancelled) and the dashboard's read model with its own persistence code), then {@code --live} running
 * projects through {@code POST /api/projects} (which start engine processes). It runs {@code vacuum
 * analyze}, the maintenance autovacuum does where it is on, then checks the counts
 * the server then reports, and times {@code --requests} calls of each read, one after the other, after
 * as many again to warm up, reporting p50 and p99.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.tollgate.benchmarks.rest.DashboardLoad \
 *     --projects=100000 --live=200 --clients=2 --requests=500
 * </pre>
 */
public final class DashboardLoad {

    /** Projects per import request: the API's limit. */
    private static final int BATCH = 200;
    private static final String[] STAGES = {"s1", "s2", "s3", "s4", "s5"};
    /** Work items the import sent. */
    private static final AtomicLong WORK = new AtomicLong();

    private DashboardLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (String a : args) {
            o.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        int target = Integer.parseInt(o.getOrDefault("projects", "100000"));
        int live = Integer.parseInt(o.getOrDefault("live", "200"));
        int clients = Integer.parseInt(o.getOrDefault("clients", "2"));
        int requests = Integer.parseInt(o.getOrDefault("requests", "500"));
        Database db = new Database(o.getOrDefault("db", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                o.getOrDefault("db-user", "postgres"), o.getOrDefault("db-password", ""));
        File jar = new File(o.getOrDefault("jar", "engine/target/tollgate-engine.jar"));
        File out = new File(o.getOrDefault("out", "benchmarks/target/dashboard-load.md"));
        out.getParentFile().mkdirs();
        String yaml;
        try (InputStream in = DashboardLoad.class.getResourceAsStream("/workload/five-stages.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String dbName = "tg_bench_dashboard";
        String jdbcUrl = db.fresh(dbName);
        try (TollgateServer server = new TollgateServer(jar, jdbcUrl, db, o.getOrDefault("heap", "2g"),
                new File(out.getParentFile(), "tollgate-dashboard-server.log"))) {
            server.prepare(yaml, Duration.ofMinutes(3));

            long start = System.currentTimeMillis();
            Instant now = Instant.now();
            AtomicInteger nextBatch = new AtomicInteger();
            AtomicLong imported = new AtomicLong();
            int batches = (target + BATCH - 1) / BATCH;
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    for (int b = nextBatch.getAndIncrement(); b < batches; b = nextBatch.getAndIncrement()) {
                        int size = Math.min(BATCH, target - b * BATCH);
                        HttpResponse<String> answer = server.send("POST", "/api/project-history", "admin",
                                TollgateServer.PASSWORD, TollgateServer.json(Map.of("projects",
                                        batch(b, size, now))));
                        if (answer.statusCode() != 201) {
                            throw new IllegalStateException("Import batch " + b + " answered " + answer.statusCode()
                                    + ": " + answer.body());
                        }
                        long n = imported.addAndGet(size);
                        if (n % 10_000 < size) {
                            System.out.printf(Locale.ROOT, "%d projects imported after %.0f s%n", n,
                                    (System.currentTimeMillis() - start) / 1000.0);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            double seeded = (System.currentTimeMillis() - start) / 1000.0;

            long liveStart = System.currentTimeMillis();
            for (int i = 0; i < live; i++) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("template", "five-stages");
                body.put("name", "Live " + i);
                Map<String, List<String>> roles = new LinkedHashMap<>();
                TollgateServer.PEOPLE.forEach(p -> roles.put(p, List.of(p)));
                body.put("roles", roles);
                HttpResponse<String> answer = server.send("POST", "/api/projects", "pm", TollgateServer.PASSWORD,
                        TollgateServer.json(body), "return=minimal");
                if (answer.statusCode() != 201) {
                    throw new IllegalStateException("Starting a project answered " + answer.statusCode());
                }
            }
            double liveSeconds = (System.currentTimeMillis() - liveStart) / 1000.0;

            // what autovacuum does on a server where it is on: statistics for the planner and the visibility
            // map that lets index-only scans skip the table
            long vacuumStart = System.currentTimeMillis();
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl, db.user(), db.password());
                 java.sql.Statement st = c.createStatement()) {
                st.execute("vacuum analyze");
            }
            double vacuumSeconds = (System.currentTimeMillis() - vacuumStart) / 1000.0;

            HttpResponse<String> all = server.send("GET", "/api/dashboard?period=all", "pm", TollgateServer.PASSWORD, null);
            long started = TollgateServer.parse(all.body()).get("projects").get("started").asLong();
            long workDone = 0;
            for (var person : TollgateServer.parse(all.body()).get("people")) {
                workDone += person.get("tasks").asLong() + person.get("decisions").asLong();
            }
            long listed = TollgateServer.parse(server.send("GET", "/api/projects?size=1", "pm", TollgateServer.PASSWORD,
                    null).body()).get("total").asLong();
            if (started != target + live || listed != target + live || workDone != WORK.get()) {
                throw new IllegalStateException("The server counts " + started + " projects on the dashboard, "
                        + listed + " in the list and " + workDone + " pieces of work done; expected "
                        + (target + live) + ", " + (target + live) + " and " + WORK.get());
            }

            Latencies latencies = new Latencies();
            Map<String, String[]> calls = new LinkedHashMap<>();
            calls.put("GET /api/dashboard (default: last 90 days)", new String[] {"pm", "/api/dashboard"});
            calls.put("GET /api/dashboard?template=five-stages&period=365d",
                    new String[] {"pm", "/api/dashboard?template=five-stages&period=365d"});
            calls.put("GET /api/dashboard?period=all", new String[] {"pm", "/api/dashboard?period=all"});
            calls.put("GET /api/projects (first page of 20, project manager)", new String[] {"pm", "/api/projects?size=20"});
            calls.put("GET /api/projects?status=completed&page=100 (project manager)",
                    new String[] {"pm", "/api/projects?status=completed&page=100&size=20"});
            calls.put("GET /api/projects (member: the projects they take part in)", new String[] {"dev", "/api/projects?size=20"});
            calls.put("GET /api/projects?q=seed 4242 (name search)", new String[] {"pm", "/api/projects?q=seed%204242&size=20"});
            for (Map.Entry<String, String[]> call : calls.entrySet()) {
                for (int i = 0; i < 2 * requests; i++) {
                    long t = System.nanoTime();
                    HttpResponse<String> answer = server.send("GET", call.getValue()[1], call.getValue()[0],
                            TollgateServer.PASSWORD, null);
                    long took = System.nanoTime() - t;
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException(call.getKey() + " answered " + answer.statusCode());
                    }
                    if (i >= requests) {
                        latencies.record(call.getKey(), took);
                    }
                }
            }
            StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                    "%d finished projects with %d work items imported through POST /api/project-history by %d clients "
                            + "in %.0f s (%.0f projects/s), then %d running projects started through POST /api/projects "
                            + "in %.0f s; `vacuum analyze` took %.0f s; the server then counted %d projects and %d "
                            + "pieces of work done. "
                            + "%d timed calls of each, one at a time, after %d to warm up:%n%n"
                            + "| call | p50 | p99 |%n|---|---|---|%n",
                    target, WORK.get(), clients, seeded, target / seeded, live, liveSeconds, vacuumSeconds, started, workDone,
                    requests, requests));
            calls.keySet().forEach(call -> {
                double[] p = latencies.percentiles().get(call);
                report.append(String.format(Locale.ROOT, "| `%s` | %.1f ms | %.1f ms |%n", call, p[0], p[1]));
            });
            Files.writeString(out.toPath(), report.toString());
            System.out.println(report);
        } finally {
            db.drop(dbName);
        }
        System.exit(0);
    }

    /**
     * One batch of finished projects, the same on every run: created at random over the last three
     * years, each stage taking one to fourteen days (a few taking a second round), its two tasks and an
     * approval per stage (fifteen work items), one in twenty cancelled after its second stage (six).
     */
    private static List<Map<String, Object>> batch(int index, int size, Instant now) {
        SplittableRandom random = new SplittableRandom(index * 7919L + 17);
        List<Map<String, Object>> projects = new ArrayList<>(size);
        long span = Duration.ofDays(3 * 365).toSeconds();
        for (int i = 0; i < size; i++) {
            int n = index * BATCH + i;
            Instant created = now.minusSeconds(Duration.ofDays(60).toSeconds() + random.nextLong(span));
            boolean cancelled = random.nextInt(20) == 0;
            List<Map<String, Object>> stages = new ArrayList<>();
            List<Map<String, Object>> work = new ArrayList<>();
            Instant at = created;
            for (String stage : STAGES) {
                Instant started = at;
                Instant built = started.plusSeconds(Math.round((0.5 + random.nextDouble() * 6) * 86_400));
                Instant checked = built.plusSeconds(Math.round((0.1 + random.nextDouble() * 2) * 86_400));
                Instant passed = checked.plusSeconds(Math.round((0.1 + random.nextDouble() * 3) * 86_400));
                stages.add(Map.of("key", stage, "startedAt", started.toString(), "completedAt", passed.toString(),
                        "rounds", random.nextInt(10) == 0 ? 2 : 1));
                work.add(Map.of("stage", stage, "kind", "task", "key", "build", "user", "dev",
                        "openedAt", started.toString(), "completedAt", built.toString()));
                work.add(Map.of("stage", stage, "kind", "task", "key", "check", "user", "qa",
                        "openedAt", built.toString(), "completedAt", checked.toString()));
                work.add(Map.of("stage", stage, "kind", "approval", "user", random.nextBoolean() ? "a1" : "a2",
                        "openedAt", checked.toString(), "completedAt", passed.toString()));
                at = passed;
                if (cancelled && stage.equals("s2")) {
                    break;
                }
            }
            WORK.addAndGet(work.size());
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("template", "five-stages");
            p.put("name", "Seed " + n);
            p.put("outcome", cancelled ? "cancelled" : "completed");
            if (cancelled) {
                p.put("reason", "Stopped by the sponsor");
            }
            Map<String, List<String>> roles = new LinkedHashMap<>();
            TollgateServer.PEOPLE.forEach(person -> roles.put(person, List.of(person)));
            p.put("roles", roles);
            p.put("createdBy", "pm");
            p.put("createdAt", created.toString());
            p.put("completedAt", at.toString());
            p.put("stages", stages);
            p.put("work", work);
            projects.add(p);
        }
        return projects;
    }
}
