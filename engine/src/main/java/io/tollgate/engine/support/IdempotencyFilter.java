package io.tollgate.engine.support;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Honours the {@code Idempotency-Key} header on POST requests to the API: the first request with a
 * key does the work and its answer is kept for a day; the same key again (same caller, same method,
 * address and body) gets that answer and does nothing. The same key for a different request is
 * refused with 422. Keys are per user, so two users cannot collide.
 *
 * <p>A request holds its key under a lease while it runs; a retry meanwhile is answered 409. The
 * work's own transaction marks the key when the work commits ({@link IdempotencyFence}), so after
 * a crash a retry knows which case it is in: the work never committed, and once the lease ran out
 * the retry takes the key over and does it; or the work committed but its answer was never
 * recorded, and the retry is told so (409 {@code idempotency-answer-lost}) instead of doing the
 * work twice. A request that overran its lease cannot commit once a retry has taken over.
 */
@Component
@Order(10)
public class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    /** The lengths of the table's columns. */
    private static final int MAX_ID = 200;
    private static final int MAX_PATH = 500;
    private static final int MAX_KEY = 100;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final IdempotencyFence fence;
    private final IdempotencySettings settings;
    private final RequestLimits limits;

    IdempotencyFilter(JdbcTemplate jdbc, Clock clock, IdempotencyFence fence, IdempotencySettings settings,
                      RequestLimits limits) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.fence = fence;
        this.settings = settings;
        this.limits = limits;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || !request.getRequestURI().startsWith("/api/")
                // their bodies carry passwords, whose fingerprint must not be kept; creating a user
                // twice answers 409 and setting a password twice does no harm
                || request.getRequestURI().startsWith("/api/users");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER).trim();
        if (key.isEmpty() || key.length() > MAX_KEY || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            problem(response, HttpStatus.BAD_REQUEST, "invalid-idempotency-key",
                    "An Idempotency-Key has 1 to " + MAX_KEY + " visible ASCII characters, such as a UUID.");
            return;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            chain.doFilter(request, response);
            return;
        }
        String id = auth.getName() + ":" + key;
        if (id.length() > MAX_ID) {
            problem(response, HttpStatus.BAD_REQUEST, "invalid-idempotency-key",
                    "This Idempotency-Key is too long for your user name; use a shorter one, such as a UUID.");
            return;
        }
        String path = request.getRequestURI();
        if (path.length() > MAX_PATH) {
            problem(response, HttpStatus.BAD_REQUEST, "idempotency-path-too-long",
                    "An Idempotency-Key can only be used on addresses of at most " + MAX_PATH + " characters.");
            return;
        }
        CachedBodyRequest cached;
        try {
            cached = CachedBodyRequest.of(request, limits.maxBodyBytes());
        } catch (CachedBodyRequest.TooLarge e) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
            problem(response, HttpStatus.PAYLOAD_TOO_LARGE, "request-too-large",
                    "A request body has at most " + limits.maxBodySize().toKilobytes() + " KB.");
            return;
        }
        String fingerprint = fingerprint(request.getMethod(), path, request.getQueryString(), cached.body());
        String token = UUID.randomUUID().toString();
        Instant now = clock.instant();
        jdbc.update("delete from idempotent_request where expires_at <= ?", utc(now));
        for (int attempt = 0; !claim(id, request.getMethod(), path, fingerprint, token, now); attempt++) {
            Kept kept = kept(id);
            if (kept != null || attempt >= 2) {
                answerKept(kept, path, fingerprint, now, response);
                return;
            }
            // the row went between our insert and our read (its request failed): try again
        }
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        boolean completed = false;
        try (IdempotencyFence.Held held = fence.hold(id, token)) {
            chain.doFilter(cached, wrapper);
            completed = true;
        } finally {
            if (completed && wrapper.getStatus() < 500) {
                jdbc.update("update idempotent_request set status = ?, content_type = ?, location = ?, body = ?, "
                                + "lease_until = null where id = ? and lease_token = ?",
                        wrapper.getStatus(), wrapper.getContentType(), location(wrapper),
                        new String(wrapper.getContentAsByteArray(), StandardCharsets.UTF_8), id, token);
            } else {
                release(id, token);
            }
            if (completed) {
                wrapper.copyBodyToResponse();
            }
        }
    }

    /** Takes the key: a new row, or one that expired, or one whose request died before its work committed. */
    private boolean claim(String id, String method, String path, String fingerprint, String token, Instant now) {
        OffsetDateTime at = utc(now);
        OffsetDateTime leaseUntil = utc(now.plus(settings.lease()));
        OffsetDateTime expires = utc(now.plus(settings.retention()));
        try {
            jdbc.update("insert into idempotent_request (id, method, path, fingerprint, lease_token, lease_until, "
                            + "work_committed, created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    id, method, path, fingerprint, token, leaseUntil, false, at, expires);
            return true;
        } catch (DuplicateKeyException taken) {
            // only a duplicate key means the key is taken; any other failure is ours and goes up
            return jdbc.update("update idempotent_request set method = ?, path = ?, fingerprint = ?, lease_token = ?, "
                            + "lease_until = ?, work_committed = ?, status = null, content_type = null, location = null, "
                            + "body = null, created_at = ?, expires_at = ? where id = ? and (expires_at <= ? or "
                            + "(status is null and work_committed = ? and lease_until <= ? "
                            + "and (fingerprint is null or fingerprint = ?)))",
                    method, path, fingerprint, token, leaseUntil, false, at, expires, id, at, false, at, fingerprint) == 1;
        }
    }

    /** A request that failed leaves no answer: the key is free again, unless its work committed. */
    private void release(String id, String token) {
        int deleted = jdbc.update("delete from idempotent_request where id = ? and lease_token = ? and work_committed = ?",
                id, token, false);
        if (deleted == 0) {
            // the work committed and then the request failed: no answer to give, but never run it again
            jdbc.update("update idempotent_request set lease_until = ? where id = ? and lease_token = ?",
                    utc(clock.instant()), id, token);
        }
    }

    private record Kept(String method, String path, String fingerprint, Integer status, String contentType,
                        String location, String body, boolean workCommitted, OffsetDateTime leaseUntil) {
    }

    private Kept kept(String id) {
        List<Kept> rows = jdbc.query("select method, path, fingerprint, status, content_type, location, body, "
                        + "work_committed, lease_until from idempotent_request where id = ?",
                (rs, n) -> new Kept(rs.getString("method"), rs.getString("path"), rs.getString("fingerprint"),
                        (Integer) rs.getObject("status"), rs.getString("content_type"), rs.getString("location"),
                        rs.getString("body"), rs.getBoolean("work_committed"),
                        rs.getObject("lease_until", OffsetDateTime.class)), id);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private void answerKept(Kept kept, String path, String fingerprint, Instant now, HttpServletResponse response)
            throws IOException {
        if (kept == null) {
            inProgress(response, Duration.ofSeconds(1));
            return;
        }
        boolean same = kept.fingerprint() != null ? kept.fingerprint().equals(fingerprint) : kept.path().equals(path);
        if (!same) {
            problem(response, HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                    "This Idempotency-Key was used for a different request (" + kept.method() + " " + kept.path()
                            + " with another body); use a new key for a new request.");
            return;
        }
        if (kept.status() != null) {
            response.setStatus(kept.status());
            if (kept.contentType() != null) {
                response.setContentType(kept.contentType());
            }
            if (kept.location() != null) {
                response.setHeader(HttpHeaders.LOCATION, kept.location());
            }
            response.setHeader("Idempotent-Replayed", "true");
            if (kept.body() != null) {
                response.getOutputStream().write(kept.body().getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        Instant leaseEnd = kept.leaseUntil() == null ? now : kept.leaseUntil().toInstant();
        if (kept.workCommitted() && !leaseEnd.isAfter(now)) {
            problem(response, HttpStatus.CONFLICT, "idempotency-answer-lost",
                    "The request with this Idempotency-Key was carried out, but its answer was lost; "
                            + "look up the result instead of retrying.");
            return;
        }
        inProgress(response, Duration.between(now, leaseEnd));
    }

    private static void inProgress(HttpServletResponse response, Duration wait) throws IOException {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        problem(response, HttpStatus.CONFLICT, "idempotency-key-in-use",
                "A request with this Idempotency-Key is still in progress; try again shortly.");
    }

    private static String location(HttpServletResponse response) {
        String location = response.getHeader(HttpHeaders.LOCATION);
        return location != null && location.length() <= MAX_PATH ? location : null;
    }

    /** SHA-256 of method, address (with query) and body: what makes two requests the same request. */
    static String fingerprint(String method, String path, String query, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((method + " " + path + (query == null ? "" : "?" + query) + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static void problem(HttpServletResponse response, HttpStatus status, String kind, String detail)
            throws IOException {
        ProblemResponses.write(response, status, kind, status.getReasonPhrase(), detail);
    }
}
