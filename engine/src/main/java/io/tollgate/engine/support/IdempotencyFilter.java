package io.tollgate.engine.support;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.List;

/**
 * Honours the {@code Idempotency-Key} header on POST requests to the API: the first request with a
 * key does the work and its answer is kept; the same key again (same caller) gets that answer and
 * does nothing. A request still in progress under the key is answered 409, so a retry never runs
 * the work twice. Keys are per user, so two users cannot collide.
 */
@Component
public class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";

    private final JdbcTemplate jdbc;
    private final java.time.Clock clock;

    IdempotencyFilter(JdbcTemplate jdbc, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String key = request.getHeader(HEADER).trim();
        if (auth == null || !auth.isAuthenticated() || key.isEmpty() || key.length() > 100) {
            if (key.isEmpty() || key.length() > 100) {
                problem(response, HttpStatus.BAD_REQUEST, "invalid-idempotency-key",
                        "An Idempotency-Key has 1 to 100 characters.");
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        String id = auth.getName() + ":" + key;
        try {
            jdbc.update("insert into idempotent_request (id, method, path, created_at) values (?, ?, ?, ?)",
                    id, request.getMethod(), request.getRequestURI(), Timestamp.from(clock.instant()));
        } catch (DataIntegrityViolationException taken) {
            replay(id, request, response);
            return;
        }
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            chain.doFilter(request, wrapper);
            if (wrapper.getStatus() < 500) {
                jdbc.update("update idempotent_request set status = ?, content_type = ?, body = ? where id = ?",
                        wrapper.getStatus(), wrapper.getContentType(),
                        new String(wrapper.getContentAsByteArray(), StandardCharsets.UTF_8), id);
                kept = true;
            }
        } finally {
            if (!kept) {
                // a failure on our side is not an answer to keep: the client may try again
                jdbc.update("delete from idempotent_request where id = ?", id);
            }
            wrapper.copyBodyToResponse();
        }
    }

    private void replay(String id, HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<Kept> rows = jdbc.query("select path, status, content_type, body from idempotent_request where id = ?",
                (rs, n) -> new Kept(rs.getString("path"), (Integer) rs.getObject("status"), rs.getString("content_type"),
                        rs.getString("body")), id);
        if (rows.isEmpty() || rows.get(0).status() == null) {
            problem(response, HttpStatus.CONFLICT, "idempotency-key-in-use",
                    "A request with this Idempotency-Key is still in progress; try again shortly.");
            return;
        }
        Kept row = rows.get(0);
        if (!request.getRequestURI().equals(row.path())) {
            problem(response, HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                    "This Idempotency-Key was used for another request (" + row.path() + ").");
            return;
        }
        response.setStatus(row.status());
        if (row.contentType() != null) {
            response.setContentType(row.contentType());
        }
        response.setHeader("Idempotent-Replayed", "true");
        if (row.body() != null) {
            response.getOutputStream().write(row.body().getBytes(StandardCharsets.UTF_8));
        }
    }

    private record Kept(String path, Integer status, String contentType, String body) {
    }

    private static void problem(HttpServletResponse response, HttpStatus status, String kind, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        String json = "{\"type\":\"" + Problems.BASE + kind + "\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail.replace("\"", "'") + "\"}";
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }
}
