package io.tollgate.benchmarks.rest;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Clients of Tollgate's REST API, each one project after another, every action by the user who owns
 * the work: the project manager starts the project; then for each of the 20 steps, the user reads
 * their inbox for that project and completes the task or approves.
 */
final class RestClients {

    private static final String[][] STEPS = {{"dev", "complete"}, {"qa", "complete"}, {"a1", "decision"},
            {"a2", "decision"}};

    private final TollgateServer server;

    RestClients(TollgateServer server) {
        this.server = server;
    }

    Step run(int clients, double warmupSeconds, double measureSeconds, Database db, String dbName) throws Exception {
        Latencies measured = new Latencies();
        long commitsBefore = db.commits(dbName);
        double cpuBefore = server.cpuSeconds();
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long end = measureFrom + (long) (measureSeconds * 1e9);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Long>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> drive(client, measureFrom, end, measured)));
        }
        long total = 0;
        for (Future<Long> f : futures) {
            total += f.get();
        }
        pool.shutdown();
        Thread.sleep(1500); // the statistics of the last transactions reach pg_stat_database
        long commits = db.commits(dbName) - commitsBefore;
        double cpu = server.cpuSeconds() - cpuBefore;
        long c = measured.completions.get();
        double perCompletionCommits = total == 0 ? 0 : (double) commits / total;
        double perCompletionCpu = total == 0 ? 0 : cpu / total;
        return new Step("Tollgate REST", clients, measureSeconds, measured.projects.get(), c, measured.errors.get(),
                Math.round(perCompletionCommits * c), perCompletionCpu * c, measured.percentiles());
    }

    private long drive(int client, long measureFrom, long end, Latencies measured) throws Exception {
        long done = 0;
        int n = 0;
        while (System.nanoTime() < end) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("template", "five-stages");
            body.put("name", "Benchmark " + client + "-" + (n++));
            body.put("fields", Map.of());
            Map<String, List<String>> roles = new LinkedHashMap<>();
            TollgateServer.PEOPLE.forEach(p -> roles.put(p, List.of(p)));
            body.put("roles", roles);
            long t0 = System.nanoTime();
            // as the web page does: it opens the project page next, so it asks for the id only
            HttpResponse<String> created = server.send("POST", "/api/projects", "pm", TollgateServer.PASSWORD,
                    TollgateServer.json(body), "return=minimal");
            if (t0 >= measureFrom) {
                measured.record("POST /api/projects", System.nanoTime() - t0);
            }
            if (created.statusCode() != 201) {
                measured.errors.incrementAndGet();
                continue;
            }
            String id = TollgateServer.parse(created.body()).get("id").asText();
            int completions = 0;
            for (int stage = 0; stage < 5; stage++) {
                for (String[] step : STEPS) {
                    completions += step(id, step[0], step[1], measureFrom, measured);
                }
            }
            done += completions;
            HttpResponse<String> project = server.send("GET", "/api/projects/" + id, "pm", TollgateServer.PASSWORD, null);
            boolean completed = project.statusCode() == 200
                    && "completed".equals(TollgateServer.parse(project.body()).get("status").asText());
            if (completions != 20 || !completed) {
                measured.errors.incrementAndGet();
            } else if (System.nanoTime() >= measureFrom && System.nanoTime() < end) {
                measured.projects.incrementAndGet();
            }
        }
        return done;
    }

    private int step(String projectId, String user, String action, long measureFrom, Latencies measured)
            throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> inbox = server.send("GET", "/api/tasks?project=" + projectId, user,
                TollgateServer.PASSWORD, null);
        long t1 = System.nanoTime();
        JsonNode items = inbox.statusCode() == 200 ? TollgateServer.parse(inbox.body()) : null;
        if (items == null || !items.isArray() || items.isEmpty()) {
            measured.errors.incrementAndGet();
            return 0;
        }
        String id = items.get(0).get("id").asText();
        String body = action.equals("complete") ? "{\"fields\":{}}" : "{\"decision\":\"approve\"}";
        // the client reads its inbox again next: it asks for the short answer, not the whole project
        HttpResponse<String> done = server.send("POST", "/api/tasks/" + id + "/" + action, user,
                TollgateServer.PASSWORD, body, "return=minimal");
        long t2 = System.nanoTime();
        if (done.statusCode() != 200) {
            measured.errors.incrementAndGet();
            return 0;
        }
        if (t0 >= measureFrom) {
            measured.record("GET /api/tasks", t1 - t0);
            measured.record("POST /api/tasks/{id}/" + action, t2 - t1);
            measured.completions.incrementAndGet();
        }
        return 1;
    }
}
