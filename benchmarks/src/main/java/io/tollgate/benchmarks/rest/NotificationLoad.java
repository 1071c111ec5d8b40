package io.tollgate.benchmarks.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.HdrHistogram.ConcurrentHistogram;

import java.io.File;
import java.io.InputStream;
import java.net.InetSocketAddress;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Notifications under load: project managers start projects as fast as a number of clients can,
 * each start assigning the first task, which the workspace sends to a generic webhook served by a
 * local HTTP server in this JVM. Reports the webhook deliveries received per second and the delay
 * from the commit (the moment the start was answered) to the delivery's arrival, p50 and p99, and
 * fails when a delivery is missing or arrives twice.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.tollgate.benchmarks.rest.NotificationLoad --clients=4 --seconds=30
 * </pre>
 */
public final class NotificationLoad {

    private NotificationLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (String a : args) {
            o.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        int clients = Integer.parseInt(o.getOrDefault("clients", "4"));
        double seconds = Double.parseDouble(o.getOrDefault("seconds", "30"));
        Database db = new Database(o.getOrDefault("db", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                o.getOrDefault("db-user", "postgres"), o.getOrDefault("db-password", ""));
        File jar = new File(o.getOrDefault("jar", "engine/target/tollgate-engine.jar"));
        File out = new File(o.getOrDefault("out", "benchmarks/target/notification-load.md"));
        out.getParentFile().mkdirs();

        Map<String, Long> answered = new ConcurrentHashMap<>();
        Map<String, Long> received = new ConcurrentHashMap<>();
        Set<String> deliveries = ConcurrentHashMap.newKeySet();
        AtomicLong duplicates = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(8));
        receiver.createContext("/hook", exchange -> {
            long now = System.currentTimeMillis();
            try (InputStream in = exchange.getRequestBody()) {
                JsonNode body = TollgateServer.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                String id = exchange.getRequestHeaders().getFirst("X-Tollgate-Delivery");
                if (!deliveries.add(id)) {
                    duplicates.incrementAndGet();
                } else if ("task_assigned".equals(body.path("event").asText())) {
                    received.putIfAbsent(body.path("project").asText(), now);
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();

        String yaml;
        try (InputStream in = NotificationLoad.class.getResourceAsStream("/workload/five-stages.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String dbName = "tg_bench_notify";
        String report;
        try (TollgateServer server = new TollgateServer(jar, db.fresh(dbName), db, o.getOrDefault("heap", "1g"),
                new File(out.getParentFile(), "tollgate-notify-server.log"),
                "--tollgate.notifications.allow-private-targets=true")) {
            server.prepare(yaml, Duration.ofMinutes(3));
            expect(server.send("PUT", "/api/notification-settings", "admin", TollgateServer.PASSWORD,
                    "{\"events\":{\"task_assigned\":[\"inapp\",\"webhook\"]}}"), 200);
            expect(server.send("POST", "/api/webhooks", "admin", TollgateServer.PASSWORD, TollgateServer.json(Map.of(
                    "kind", "generic", "name", "load", "url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                    "secret", "load-secret-1"))), 201);

            long start = System.currentTimeMillis();
            long end = start + (long) (seconds * 1000);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<?>> futures = new ArrayList<>();
            AtomicLong errors = new AtomicLong();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    int n = 0;
                    while (System.currentTimeMillis() < end) {
                        Map<String, Object> body = new LinkedHashMap<>();
                        body.put("template", "five-stages");
                        body.put("name", "Load " + client + "-" + n++);
                        Map<String, List<String>> roles = new LinkedHashMap<>();
                        TollgateServer.PEOPLE.forEach(p -> roles.put(p, List.of(p)));
                        body.put("roles", roles);
                        HttpResponse<String> created = server.send("POST", "/api/projects", "pm", TollgateServer.PASSWORD,
                                TollgateServer.json(body));
                        long at = System.currentTimeMillis();
                        if (created.statusCode() != 201) {
                            errors.incrementAndGet();
                            continue;
                        }
                        answered.put(TollgateServer.parse(created.body()).get("id").asText(), at);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            long deadline = System.currentTimeMillis() + 120_000;
            while (received.size() < answered.size() && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            long last = received.values().stream().mapToLong(Long::longValue).max().orElse(end);
            ConcurrentHistogram delay = new ConcurrentHistogram(TimeUnit.MINUTES.toMillis(10), 3);
            answered.forEach((project, at) -> {
                Long got = received.get(project);
                if (got != null) {
                    delay.recordValue(Math.max(0, got - at));
                }
            });
            long missing = answered.size() - answered.keySet().stream().filter(received::containsKey).count();
            report = String.format(Locale.ROOT, "%d clients starting projects for %.0f s: %d projects, %d task_assigned "
                            + "webhook deliveries received in %.1f s (%.1f deliveries/s); delay from commit to arrival "
                            + "p50 %d ms, p99 %d ms, max %d ms; missing %d, duplicates %d, failed starts %d.%n",
                    clients, seconds, answered.size(), received.size(), (last - start) / 1000.0,
                    received.size() * 1000.0 / Math.max(1, last - start), delay.getValueAtPercentile(50),
                    delay.getValueAtPercentile(99), delay.getMaxValue(), missing, duplicates.get(), errors.get());
            Files.writeString(out.toPath(), report);
            System.out.println(report);
            if (missing > 0 || duplicates.get() > 0 || errors.get() > 0) {
                System.exit(1);
            }
        } finally {
            receiver.stop(0);
            db.drop(dbName);
        }
        System.exit(0);
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }
}
