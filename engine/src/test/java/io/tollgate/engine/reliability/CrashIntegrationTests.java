package io.tollgate.engine.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.ProjectDriver;
import io.tollgate.engine.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tollgate killed with SIGKILL while requests carrying Idempotency-Keys are in flight. After a restart
 * on the same database, each request sent again with its key and the same body is answered in one of
 * the ways {@code IdempotencyFilter} promises: its committed answer replayed; 409
 * {@code idempotency-key-in-use} while the dead request's lease runs, then one of the others;
 * 409 {@code idempotency-answer-lost} when the work committed but its answer did not; or the work
 * done afresh when nothing of it had committed. Never a 5xx, and never the work twice.
 *
 * <p>The server runs in a JVM of its own (a real kill needs a process). The first server holds
 * keys under a 30 s lease: the lease is written into each key's row when the key is taken, so the
 * second server's own setting ({@code PT5S}) governs only keys it takes itself, and the retries
 * wait out at most the first server's 30 s rather than the default 2 minutes.
 */
class CrashIntegrationTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CREATES = 20;
    private static final int COMPLETES = 10;
    /** Answers to wait for before the kill: some requests done, most still running. */
    private static final int ANSWERED_BEFORE_KILL = 8;
    private static final Duration RETRY_LIMIT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    enum Kind { CREATE, COMPLETE }

    /** How a key's request was settled after the restart. */
    enum Outcome { REPLAYED, ANSWER_LOST, FRESH }

    /** One request: its key, where it goes, the exact body, and what it should leave behind. */
    static final class Sent {
        final Kind kind;
        final String key = UUID.randomUUID().toString();
        final String path;
        final byte[] body;
        final String projectName;
        final String projectId;
        final String taskId;
        volatile Http.Answer first;
        volatile String firstFailure;
        Outcome outcome;
        int inUse;
        Http.Answer last;

        Sent(Kind kind, String path, Object body, String projectName, String projectId, String taskId) {
            this.kind = kind;
            this.path = path;
            try {
                this.body = JSON.writeValueAsBytes(body);
            } catch (IOException e) {
                throw new IllegalArgumentException(e);
            }
            this.projectName = projectName;
            this.projectId = projectId;
            this.taskId = taskId;
        }

        Http.Call call() {
            return Http.Call.of("POST", path, "pm").body("application/json", body).header("Idempotency-Key", key);
        }

        @Override
        public String toString() {
            return kind + " " + path + " key " + key + (projectName != null ? " '" + projectName + "'" : "")
                    + (first != null ? " first answer " + first.status() : " first answer none (" + firstFailure + ")");
        }
    }

    @Test
    void everyKeyReplaysItsCommittedAnswerOrCanBeRetriedAfterAKill() throws Exception {
        TestDatabase.Settings db = TestDatabase.postgres() ? TestDatabase.fresh()
                : new TestDatabase.Settings("jdbc:h2:file:" + dir.resolve("tollgate")
                        // as the embedded default: every commit on disk before it is answered
                        + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "sa", "");
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Sent> sent = new ArrayList<>();
        int answeredBeforeKill;
        try (TollgateProcess first = TollgateProcess.start("first", db, "--tollgate.idempotency.lease=PT30S")) {
            Http http = new Http(first.base(), Duration.ofSeconds(120));
            // projects whose first task (the PM writes the PRD) is completed under a key during the crash
            for (int i = 0; i < COMPLETES; i++) {
                Http.Answer created = http.post("/api/projects", "pm", ProjectDriver.itDeliveryProject("Crash " + run + " base " + i));
                assertThat(created.status()).as(created.text()).isEqualTo(201);
                JsonNode project = created.json();
                String taskId = project.get("stages").get(0).get("tasks").get(0).get("id").asText();
                sent.add(new Sent(Kind.COMPLETE, "/api/tasks/" + taskId + "/complete",
                        Map.of("fields", Map.of("prdUrl", "https://wiki.example.com/prd-" + i)), null,
                        project.get("id").asText(), taskId));
            }
            for (int i = 0; i < CREATES; i++) {
                String name = "Crash " + run + " new " + i;
                sent.add(new Sent(Kind.CREATE, "/api/projects", ProjectDriver.itDeliveryProject(name), name, null, null));
            }
            java.util.Collections.shuffle(sent, new java.util.Random(42));
            answeredBeforeKill = fireAndKill(first, http, sent);
            System.out.println("[crash] killed pid " + first.pid() + " (SIGKILL) with " + answeredBeforeKill + " of "
                    + sent.size() + " requests answered");
        }
        for (Sent s : sent) {
            if (s.first != null) {
                assertThat(s.first.status()).as("answer before the kill to %s: %s", s, s.first.text()).isLessThan(500);
            }
        }

        try (TollgateProcess second = TollgateProcess.start("second", db, "--tollgate.idempotency.lease=PT5S")) {
            Http http = new Http(second.base(), Duration.ofSeconds(120));
            List<String> problems = new ArrayList<>();
            for (Sent s : sent) {
                settle(http, s, problems);
            }
            for (Sent s : sent) {
                verifyWorkDoneOnce(http, s, problems);
            }
            Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
            for (Outcome o : Outcome.values()) {
                counts.put(o, sent.stream().filter(s -> s.outcome == o).count());
            }
            long inUse = sent.stream().filter(s -> s.inUse > 0).count();
            String byKind = sent.stream().filter(s -> s.outcome != null)
                    .collect(Collectors.groupingBy(s -> s.kind + "/" + s.outcome, java.util.TreeMap::new, Collectors.counting()))
                    .toString();
            System.out.printf("[crash] db=%s requests=%d answered-before-kill=%d replayed=%d in-use-then-settled=%d "
                            + "answer-lost=%d fresh=%d by-kind=%s problems=%d%n", TestDatabase.postgres() ? "postgres" : "h2",
                    sent.size(), answeredBeforeKill, counts.get(Outcome.REPLAYED), inUse, counts.get(Outcome.ANSWER_LOST),
                    counts.get(Outcome.FRESH), byKind, problems.size());
            assertThat(problems).as("after the restart (server log %s); its errors:%n%s", second.log(), second.errors()).isEmpty();
        }
    }

    /**
     * Sends every request at once and kills the server once some have been answered, so the rest are
     * cut off at whatever point they had reached. Answers how many were answered before the kill.
     */
    private static int fireAndKill(TollgateProcess server, Http http, List<Sent> sent) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(sent.size());
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger answered = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(Math.min(ANSWERED_BEFORE_KILL, sent.size()));
        CountDownLatch ended = new CountDownLatch(sent.size());
        try {
            for (Sent s : sent) {
                pool.execute(() -> {
                    try {
                        go.await();
                        s.first = http.send(s.call());
                        answered.incrementAndGet();
                        enough.countDown();
                    } catch (IOException e) {
                        s.firstFailure = e.toString();
                    } catch (InterruptedException e) {
                        s.firstFailure = e.toString();
                        Thread.currentThread().interrupt();
                    } finally {
                        ended.countDown();
                    }
                });
            }
            go.countDown();
            // bounded: if the server answers nothing for this long, kill it anyway
            enough.await(120, TimeUnit.SECONDS);
            int before = answered.get();
            server.kill();
            assertThat(ended.await(150, TimeUnit.SECONDS)).as("the requests cut off by the kill end").isTrue();
            // an answer may have been on the wire at the moment of the kill
            return Math.max(before, answered.get());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sends the request again with its key and body until it is settled; retries only while the key is in use. */
    private static void settle(Http http, Sent s, List<String> problems) {
        Instant deadline = Instant.now().plus(RETRY_LIMIT);
        while (true) {
            Http.Answer a = http.call(s.call());
            s.last = a;
            boolean replayed = a.header("Idempotent-Replayed").map("true"::equals).orElse(false);
            if (a.status() >= 500) {
                problems.add(s + ": 5xx after the restart: " + a.status() + " " + a.text());
                return;
            }
            if (a.status() == 409 && a.problemKind().equals("idempotency-key-in-use")) {
                s.inUse++;
                if (s.first != null) {
                    problems.add(s + ": answered before the kill, yet its key is in use after the restart: " + a.text());
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    problems.add(s + ": key still in use after " + RETRY_LIMIT + ": " + a.text());
                    return;
                }
                long wait = a.header("Retry-After").map(Long::parseLong).orElse(1L);
                TollgateProcess.sleep(Duration.ofSeconds(Math.min(Math.max(wait, 1), 60)));
                continue;
            }
            if (replayed) {
                s.outcome = Outcome.REPLAYED;
                int expected = s.kind == Kind.CREATE ? 201 : 200;
                if (s.first != null && (s.first.status() != a.status() || !sameBody(s.first, a))) {
                    problems.add(s + ": replay differs from the first answer: first " + s.first.status() + " "
                            + abbreviate(s.first.text()) + ", replay " + a.status() + " " + abbreviate(a.text()));
                } else if (s.first == null && a.status() != expected) {
                    problems.add(s + ": replayed " + a.status() + " where the work answers " + expected + ": " + a.text());
                }
                return;
            }
            if (a.status() == 409 && a.problemKind().equals("idempotency-answer-lost")) {
                s.outcome = Outcome.ANSWER_LOST;
                if (s.first != null) {
                    problems.add(s + ": answered before the kill, yet its answer is lost: " + a.text());
                }
                return;
            }
            s.outcome = Outcome.FRESH;
            if (s.first != null) {
                problems.add(s + ": answered " + s.first.status() + " before the kill, yet done afresh after it: "
                        + a.status() + " " + abbreviate(a.text()));
            } else if (a.status() != (s.kind == Kind.CREATE ? 201 : 200)) {
                problems.add(s + ": the retry of a request whose work never committed failed: " + a.status() + " " + a.text());
            }
            return;
        }
    }

    /** The same answer: for a project, the same id; for a task, the same project state. */
    private static boolean sameBody(Http.Answer first, Http.Answer replay) {
        JsonNode a = first.json();
        JsonNode b = replay.json();
        if (a == null || b == null) {
            return first.text().equals(replay.text());
        }
        return a.equals(b);
    }

    /** The work of each request exists exactly once. */
    private static void verifyWorkDoneOnce(Http http, Sent s, List<String> problems) {
        if (s.outcome == null) {
            return;
        }
        if (s.kind == Kind.CREATE) {
            if (s.first != null && s.first.status() == 201) {
                // acknowledged before the kill: it must have survived it
                String acknowledged = s.first.json().get("id").asText();
                Http.Answer kept = http.get("/api/projects/" + acknowledged, "pm");
                if (kept.status() != 200) {
                    problems.add(s + ": project " + acknowledged + ", answered 201 before the kill, is gone after the restart: "
                            + kept.status() + " " + abbreviate(kept.text()));
                }
            }
            String q = java.net.URLEncoder.encode(s.projectName, StandardCharsets.UTF_8);
            Http.Answer list = http.get("/api/projects?size=100&q=" + q, "pm");
            if (list.status() != 200) {
                problems.add(s + ": listing projects answered " + list.status() + " " + list.text());
                return;
            }
            List<String> ids = new ArrayList<>();
            for (JsonNode item : list.json().get("items")) {
                if (item.get("name").asText().equals(s.projectName)) {
                    ids.add(item.get("id").asText());
                }
            }
            if (ids.size() != 1) {
                problems.add(s + " (" + s.outcome + "): project exists " + ids.size() + " times: " + ids);
                return;
            }
            JsonNode answered = s.last.status() == 201 ? s.last.json() : null;
            if (answered != null && !answered.get("id").asText().equals(ids.get(0))) {
                problems.add(s + ": answered project " + answered.get("id").asText() + " but the project is " + ids.get(0));
            }
        } else {
            Http.Answer project = http.get("/api/projects/" + s.projectId, "pm");
            if (project.status() != 200) {
                problems.add(s + ": project answered " + project.status() + " " + project.text());
                return;
            }
            String status = null;
            for (JsonNode task : project.json().get("stages").get(0).get("tasks")) {
                if (task.get("id").asText().equals(s.taskId)) {
                    status = task.get("status").asText();
                }
            }
            if (!"done".equals(status)) {
                problems.add(s + " (" + s.outcome + "): task is " + status + ", not done");
            }
            Http.Answer audit = http.get("/api/projects/" + s.projectId + "/audit", "pm");
            long completions = 0;
            for (JsonNode entry : audit.json()) {
                if (entry.get("action").asText().equals("task.completed") && entry.get("subject").asText().equals("requirements/writePrd")) {
                    completions++;
                }
            }
            if (completions != 1) {
                problems.add(s + " (" + s.outcome + "): the task was completed " + completions + " times by the audit trail");
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
