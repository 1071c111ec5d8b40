package io.tollgate.engine.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.tollgate.engine.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The same Idempotency-Key does the work once and replays its answer, for the same request only,
 * for a day; a key a crashed request left behind is taken over once its lease ran out, unless the
 * work had committed.
 */
class IdempotencyIntegrationTests extends IntegrationTestSupport {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;
    @Autowired
    IdempotencyFence fence;
    @Autowired
    PlatformTransactionManager transactions;

    private static String project(String name) {
        return "{\"template\":\"it-delivery\",\"name\":\"" + name + "\",\"fields\":{\"budget\":120000,\"customer\":\"ACME\"},"
                + "\"roles\":{\"pm\":[\"pm\"],\"sponsor\":[\"carol\"],\"dev\":[\"alice\",\"bob\"],\"qa\":[\"carol\"]}}";
    }

    private HttpResponse<String> post(String path, String body, String key) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("pm:pm".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> answer) throws Exception {
        return JSON.readTree(answer.body());
    }

    private long projectsNamed(String name) {
        JsonNode items = api().as("pm").get("/api/projects?size=200&q=" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)).get("items");
        long count = 0;
        for (JsonNode item : items) {
            count += item.get("name").asText().equals(name) ? 1 : 0;
        }
        return count;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** What a request leaves behind when the server stops while it runs. */
    private void leftInFlight(String key, String body, Instant leaseUntil, boolean workCommitted) {
        Instant now = clock.instant();
        jdbc.update("insert into idempotent_request (id, method, path, fingerprint, lease_token, lease_until, work_committed, "
                        + "created_at, expires_at) values (?, 'POST', '/api/projects', ?, ?, ?, ?, ?, ?)",
                "pm:" + key, IdempotencyFilter.fingerprint("POST", "/api/projects", null, body.getBytes(StandardCharsets.UTF_8)),
                UUID.randomUUID().toString(), utc(leaseUntil), workCommitted, utc(now.minusSeconds(300)),
                utc(now.plus(Duration.ofHours(23))));
    }

    @Test
    void replaysTheFirstAnswerWithItsLocationAndNotesThatTheWorkCommitted() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = post("/api/projects", project("Replayed"), key);
        HttpResponse<String> again = post("/api/projects", project("Replayed"), key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(json(again).get("id")).isEqualTo(json(first).get("id"));
        assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location")).isPresent();
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(jdbc.queryForObject("select work_committed from idempotent_request where id = ?", Boolean.class,
                "pm:" + key)).isTrue();
        assertThat(projectsNamed("Replayed")).isEqualTo(1);
    }

    @Test
    void theSameKeyForADifferentBodyIsRefused() throws Exception {
        String key = UUID.randomUUID().toString();
        assertThat(post("/api/projects", project("Body one"), key).statusCode()).isEqualTo(201);

        HttpResponse<String> other = post("/api/projects", project("Body two"), key);

        assertProblem(other, 422);
        assertThat(json(other).get("type").asText()).endsWith("/idempotency-key-reused");
        assertThat(projectsNamed("Body two")).isZero();
    }

    @Test
    void aKeyACrashLeftInFlightIsTakenOverOnceItsLeaseRanOut() throws Exception {
        String key = UUID.randomUUID().toString();
        leftInFlight(key, project("After crash"), clock.instant().minusSeconds(1), false);

        HttpResponse<String> retry = post("/api/projects", project("After crash"), key);

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
        assertThat(projectsNamed("After crash")).isEqualTo(1);
        assertThat(post("/api/projects", project("After crash"), key).headers().firstValue("Idempotent-Replayed")).hasValue("true");
    }

    @Test
    void aKeyWithinItsLeaseIsStillInProgress() throws Exception {
        String key = UUID.randomUUID().toString();
        leftInFlight(key, project("Busy"), clock.instant().plusSeconds(90), false);

        HttpResponse<String> retry = post("/api/projects", project("Busy"), key);

        assertProblem(retry, 409);
        assertThat(json(retry).get("type").asText()).endsWith("/idempotency-key-in-use");
        assertThat(retry.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(
                seconds -> assertThat(seconds).isBetween(1L, 90L));
        assertThat(projectsNamed("Busy")).isZero();
    }

    @Test
    void workThatCommittedIsNeverDoneTwiceEvenWhenItsAnswerWasLost() throws Exception {
        String key = UUID.randomUUID().toString();
        leftInFlight(key, project("Answer lost"), clock.instant().minusSeconds(1), true);

        HttpResponse<String> retry = post("/api/projects", project("Answer lost"), key);

        assertProblem(retry, 409);
        assertThat(json(retry).get("type").asText()).endsWith("/idempotency-answer-lost");
        assertThat(projectsNamed("Answer lost")).isZero();
    }

    @Test
    void anExpiredKeyIsForgottenAndPurged() throws Exception {
        String key = UUID.randomUUID().toString();
        assertThat(post("/api/projects", project("Expiring one"), key).statusCode()).isEqualTo(201);
        String stale = UUID.randomUUID().toString();
        leftInFlight(stale, project("Stale"), clock.instant().minusSeconds(1), false);
        jdbc.update("update idempotent_request set expires_at = ? where id in (?, ?)",
                utc(clock.instant().minusSeconds(1)), "pm:" + key, "pm:" + stale);

        HttpResponse<String> reused = post("/api/projects", project("Expiring two"), key);

        assertThat(reused.statusCode()).as(reused.body()).isEqualTo(201);
        assertThat(projectsNamed("Expiring two")).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from idempotent_request where id = ?", Integer.class, "pm:" + stale))
                .isZero();
    }

    @Test
    void anAddressLongerThanTheKeyCanHoldIsRefusedBeforeTheKeyIsTaken() throws Exception {
        String key = UUID.randomUUID().toString();
        String path = "/api/projects/" + "x".repeat(600) + "/cancel";

        HttpResponse<String> first = post(path, "{\"reason\":\"long\"}", key);
        HttpResponse<String> again = post(path, "{\"reason\":\"long\"}", key);

        assertProblem(first, 400);
        assertProblem(again, 400);
        assertThat(json(again).get("type").asText()).endsWith("/idempotency-path-too-long");
        assertThat(jdbc.queryForObject("select count(*) from idempotent_request where id = ?", Integer.class, "pm:" + key))
                .isZero();
    }

    @Test
    void aRequestWhoseLeaseWasTakenOverCannotCommitItsWork() {
        String id = "pm:" + UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.update("insert into idempotent_request (id, method, path, lease_token, lease_until, work_committed, created_at, "
                + "expires_at) values (?, 'POST', '/api/x', 'retry', ?, ?, ?, ?)", id, utc(now.plusSeconds(60)), false, utc(now),
                utc(now.plus(Duration.ofHours(1))));
        TransactionTemplate tx = new TransactionTemplate(transactions);

        try (IdempotencyFence.Held held = fence.hold(id, "stale")) {
            assertThatThrownBy(() -> tx.executeWithoutResult(s ->
                    jdbc.update("update idempotent_request set body = 'stale work' where id = ?", id)))
                    .isInstanceOfSatisfying(ErrorResponseException.class,
                            e -> assertThat(e.getStatusCode().value()).isEqualTo(409));
        }
        assertThat(jdbc.queryForObject("select body from idempotent_request where id = ?", String.class, id)).isNull();

        try (IdempotencyFence.Held held = fence.hold(id, "retry")) {
            tx.executeWithoutResult(s -> jdbc.update("update idempotent_request set body = 'work' where id = ?", id));
        }
        assertThat(jdbc.queryForObject("select work_committed from idempotent_request where id = ?", Boolean.class, id)).isTrue();
    }

    @Test
    void concurrentRetriesDoTheWorkOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> post("/api/projects", project("Raced"), key));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
                statuses.add(f.get().statusCode());
            }
            assertThat(statuses).contains(201).allSatisfy(s -> assertThat(s).isIn(201, 409));
        } finally {
            pool.shutdownNow();
        }
        assertThat(projectsNamed("Raced")).isEqualTo(1);
    }
}
