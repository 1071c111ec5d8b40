package io.tollgate.benchmarks.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Tollgate as operators run it: the engine's jar in its own JVM, profile {@code postgres}, on a fresh
 * database; its first admin, then the workload's people and template, set up through the API.
 */
final class TollgateServer implements AutoCloseable {

    static final String PASSWORD = "bench-password-1";
    static final List<String> PEOPLE = List.of("pm", "dev", "qa", "a1", "a2");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final String base;
    private final HttpClient http;

    TollgateServer(File jar, String jdbcUrl, Database db, String heap, File log, String... extraArgs) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new java.util.ArrayList<>(List.of("java", "-Xmx" + heap));
        // more options for the server's JVM, for example a flight recording: TOLLGATE_SERVER_JVM_OPTIONS
        String jvmOptions = System.getenv("TOLLGATE_SERVER_JVM_OPTIONS");
        if (jvmOptions != null && !jvmOptions.isBlank()) {
            command.addAll(List.of(jvmOptions.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.getAbsolutePath(), "--server.port=" + port, "--spring.main.banner-mode=off"));
        command.addAll(List.of(extraArgs));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("SPRING_PROFILES_ACTIVE", "postgres");
        pb.environment().put("TOLLGATE_DB_URL", jdbcUrl);
        pb.environment().put("TOLLGATE_DB_USER", db.user());
        pb.environment().put("TOLLGATE_DB_PASSWORD", db.password());
        pb.environment().put("TOLLGATE_ADMIN_PASSWORD", "bootstrap-" + PASSWORD);
        pb.redirectErrorStream(true).redirectOutput(log);
        this.process = pb.start();
        this.base = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    HttpClient http() {
        return http;
    }

    String base() {
        return base;
    }

    /** The server's own CPU time so far (its process, all threads). */
    double cpuSeconds() {
        return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    /** Waits until the server answers, then sets up the people and publishes the workload's template. */
    void prepare(String templateYaml, Duration startup) throws Exception {
        long deadline = System.nanoTime() + startup.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Tollgate ended while starting; see its log");
            }
            try {
                if (send("GET", "/actuator/health", null, null, null).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Tollgate did not start within " + startup);
            }
            Thread.sleep(500);
        }
        expect(send("POST", "/api/users/admin/password", "admin", "bootstrap-" + PASSWORD,
                json(Map.of("currentPassword", "bootstrap-" + PASSWORD, "password", PASSWORD))), 204);
        for (String name : PEOPLE) {
            expect(send("POST", "/api/users", "admin", PASSWORD, json(Map.of("username", name, "displayName", name,
                    "password", "first-" + PASSWORD, "roles", List.of(name.equals("pm") ? "pm" : "member")))), 201);
            expect(send("POST", "/api/users/" + name + "/password", name, "first-" + PASSWORD,
                    json(Map.of("currentPassword", "first-" + PASSWORD, "password", PASSWORD))), 204);
        }
        HttpRequest put = request("/api/templates/five-stages", "admin", PASSWORD)
                .header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString(templateYaml)).build();
        expect(http.send(put, HttpResponse.BodyHandlers.ofString()), 200);
        expect(send("POST", "/api/templates/five-stages/publish", "admin", PASSWORD, "{}"), 201);
    }

    HttpResponse<String> send(String method, String path, String user, String password, String body)
            throws IOException, InterruptedException {
        return send(method, path, user, password, body, null);
    }

    /** A call with a {@code Prefer} header, for example {@code return=minimal} when the whole project is not wanted. */
    HttpResponse<String> send(String method, String path, String user, String password, String body, String prefer)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path, user, password);
        if (prefer != null) {
            b.header("Prefer", prefer);
        }
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String user, String password) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static JsonNode parse(String text) throws IOException {
        return JSON.readTree(text);
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
