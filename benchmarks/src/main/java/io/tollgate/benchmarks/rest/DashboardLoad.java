package io.tollgate.benchmarks.rest;

import java.io.File;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How fast the dashboard and the project list answer with many projects stored. Starts Tollgate from
 * its jar on a fresh PostgreSQL database, seeds projects through the API as the project manager does
 * (so every row is written by the application itself: projects, stages, their first work items and
 * the dashboard's read model), until {@code --projects} exist or {@code --seed-seconds} have passed,
 * then times {@code --requests} calls of each of {@code GET /api/dashboard} and {@code GET /api/projects}
 * one after the other, after as many again to warm up, and reports p50 and p99.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.tollgate.benchmarks.rest.DashboardLoad \
 *     --projects=100000 --seed-seconds=36000 --clients=4 --requests=500
 * </pre>
 */
public final class DashboardLoad {

    private DashboardLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (String a : args) {
            o.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        int target = Integer.parseInt(o.getOrDefault("projects", "100000"));
        double seedSeconds = Double.parseDouble(o.getOrDefault("seed-seconds", "600"));
        int clients = Integer.parseInt(o.getOrDefault("clients", "4"));
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
        try (TollgateServer server = new TollgateServer(jar, db.fresh(dbName), db, o.getOrDefault("heap", "1g"),
                new File(out.getParentFile(), "tollgate-dashboard-server.log"))) {
            server.prepare(yaml, Duration.ofMinutes(3));
            long start = System.currentTimeMillis();
            long end = start + (long) (seedSeconds * 1000);
            AtomicLong created = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    int n = 0;
                    while (System.currentTimeMillis() < end && created.get() < target) {
                        Map<String, Object> body = new LinkedHashMap<>();
                        body.put("template", "five-stages");
                        body.put("name", "Seed " + client + "-" + n++);
                        Map<String, List<String>> roles = new LinkedHashMap<>();
                        TollgateServer.PEOPLE.forEach(p -> roles.put(p, List.of(p)));
                        body.put("roles", roles);
                        HttpResponse<String> answer = server.send("POST", "/api/projects", "pm", TollgateServer.PASSWORD,
                                TollgateServer.json(body));
                        if (answer.statusCode() == 201) {
                            if (created.incrementAndGet() % 1000 == 0) {
                                System.out.printf(Locale.ROOT, "%d projects after %.0f s%n", created.get(),
                                        (System.currentTimeMillis() - start) / 1000.0);
                            }
                        } else {
                            errors.incrementAndGet();
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

            Latencies latencies = new Latencies();
            Map<String, String> calls = new LinkedHashMap<>();
            calls.put("GET /api/dashboard (90 days)", "/api/dashboard");
            calls.put("GET /api/dashboard (all time)", "/api/dashboard?period=all");
            calls.put("GET /api/projects (first page of 20)", "/api/projects?size=20");
            for (Map.Entry<String, String> call : calls.entrySet()) {
                for (int i = 0; i < 2 * requests; i++) {
                    long t = System.nanoTime();
                    HttpResponse<String> answer = server.send("GET", call.getValue(), "pm", TollgateServer.PASSWORD, null);
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
                    "%d projects seeded through POST /api/projects by %d clients in %.0f s (%.1f projects/s, %d failed); "
                            + "then %d timed calls of each, one at a time, after %d to warm up:%n%n"
                            + "| call | p50 | p99 |%n|---|---|---|%n",
                    created.get(), clients, seeded, created.get() / seeded, errors.get(), requests, requests));
            latencies.percentiles().forEach((call, p) -> report.append(String.format(Locale.ROOT,
                    "| `%s` | %.1f ms | %.1f ms |%n", call, p[0], p[1])));
            Files.writeString(out.toPath(), report.toString());
            System.out.println(report);
        } finally {
            db.drop(dbName);
        }
        System.exit(0);
    }
}
