package io.tollgate.engine.reliability;

import io.tollgate.engine.TestDatabase;
import io.tollgate.engine.TollgateApplication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tollgate in a JVM of its own, started from the test JVM's {@code java} and class path, so that it
 * can be killed with SIGKILL ({@link Process#destroyForcibly()}) as a crashing server would die.
 * Its output goes to a log file, which is shown when it does not come up.
 */
final class TollgateProcess implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofMinutes(4);

    private final Process process;
    private final Path log;
    private final int port;

    private TollgateProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts Tollgate on the database and waits (bounded) until its health is UP. */
    static TollgateProcess start(String name, TestDatabase.Settings db, String... extraArgs) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("-Xmx768m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(classPath());
        command.add(TollgateApplication.class.getName());
        command.add("--server.port=" + port);
        command.add("--spring.profiles.active=demo");
        command.add("--spring.datasource.url=" + db.url());
        command.add("--spring.datasource.username=" + db.user());
        command.add("--spring.datasource.password=" + db.password());
        command.addAll(List.of(extraArgs));
        Path log = logFile(name);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().remove("SPRING_PROFILES_ACTIVE");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TollgateProcess server = new TollgateProcess(process, log, port);
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        server.awaitHealthy();
        return server;
    }

    /** Server logs stay under target/reliability after the test, for whoever reads a failure. */
    private static Path logFile(String name) {
        try {
            Path logs = Files.createDirectories(Path.of("target", "reliability"));
            return logs.resolve(java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                    + "-" + name + ".log").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path log() {
        return log;
    }

    /**
     * The test class path. Failsafe may start the test JVM from a manifest-only jar; that jar works
     * as a class path too, but its real class path is named in {@code surefire.test.class.path}.
     */
    private static String classPath() {
        String tests = System.getProperty("surefire.test.class.path");
        return tests != null && !tests.isBlank() ? tests : System.getProperty("java.class.path");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String base() {
        return "http://localhost:" + port;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    private void awaitHealthy() {
        Http http = new Http(base(), Duration.ofSeconds(5));
        Instant deadline = Instant.now().plus(START_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("Tollgate exited with " + process.exitValue() + " while starting:\n" + logTail(200));
            }
            try {
                Http.Answer health = http.send(Http.Call.of("GET", "/actuator/health", null));
                if (health.status() == 200 && health.text().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(500));
        }
        process.destroyForcibly();
        throw new AssertionError("Tollgate was not UP within " + START_LIMIT + ":\n" + logTail(200));
    }

    /** SIGKILL, as a crash: no shutdown hooks, no graceful stop, nothing flushed. */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("Tollgate (pid " + process.pid() + ") did not exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A normal stop (SIGTERM), then SIGKILL if it does not end in time. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                awaitExit();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The last lines of the server's output. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The server's output lines from ERROR on, with their stack traces. */
    String errors() {
        try {
            StringBuilder out = new StringBuilder();
            boolean inError = false;
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                boolean logLine = line.matches("^\\d{4}-\\d\\d-\\d\\dT.*");
                if (logLine) {
                    inError = line.contains(" ERROR ");
                }
                if (inError) {
                    out.append(line).append('\n');
                }
            }
            return out.toString();
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
