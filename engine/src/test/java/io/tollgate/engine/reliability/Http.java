package io.tollgate.engine.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A raw HTTP client for the reliability tests: any method, any content type, any bytes as body, and
 * the answer's headers, which {@code Api} does not show (Idempotent-Replayed, Retry-After).
 */
final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final String base;
    private final Duration timeout;

    Http(String base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    String base() {
        return base;
    }

    /** What to send. A null user sends no credentials; a null body sends none. */
    record Call(String method, String path, String user, String contentType, byte[] body, List<String[]> headers,
                boolean chunked) {

        static Call of(String method, String path, String user) {
            return new Call(method, path, user, null, null, List.of(), false);
        }

        Call json(Object body) {
            try {
                byte[] bytes = body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
                return new Call(method, path, user, "application/json", bytes, headers, chunked);
            } catch (IOException e) {
                throw new IllegalArgumentException(e);
            }
        }

        Call body(String contentType, byte[] bytes) {
            return new Call(method, path, user, contentType, bytes, headers, chunked);
        }

        Call header(String name, String value) {
            List<String[]> more = new ArrayList<>(headers);
            more.add(new String[] {name, value});
            return new Call(method, path, user, contentType, body, List.copyOf(more), chunked);
        }

        /** The body sent in chunks, without a Content-Length. */
        Call inChunks() {
            return new Call(method, path, user, contentType, body, headers, true);
        }

        int bodyLength() {
            return body == null ? 0 : body.length;
        }
    }

    /** An answer: status, headers and body. */
    record Answer(int status, HttpHeaders headers, String text) {

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        boolean problem() {
            return contentType().toLowerCase(java.util.Locale.ROOT).startsWith("application/problem+json");
        }

        /** The body as JSON, or null when it is not JSON. */
        JsonNode json() {
            try {
                return text.isEmpty() ? null : JSON.readTree(text);
            } catch (IOException e) {
                return null;
            }
        }

        /** The last segment of a problem's type, such as {@code idempotency-key-in-use}; empty for other answers. */
        String problemKind() {
            JsonNode json = problem() ? json() : null;
            String type = json == null ? "" : json.path("type").asText("");
            return type.substring(type.lastIndexOf('/') + 1);
        }
    }

    Answer send(Call call) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + call.path())).timeout(timeout);
        if (call.user() != null) {
            String token = Base64.getEncoder().encodeToString((call.user() + ":" + call.user()).getBytes(StandardCharsets.UTF_8));
            b.header("Authorization", "Basic " + token);
        }
        if (call.contentType() != null) {
            b.header("Content-Type", call.contentType());
        }
        for (String[] h : call.headers()) {
            b.header(h[0], h[1]);
        }
        HttpRequest.BodyPublisher body = call.body() == null ? HttpRequest.BodyPublishers.noBody()
                : call.chunked() ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(call.body()))
                : HttpRequest.BodyPublishers.ofByteArray(call.body());
        b.method(call.method(), body);
        HttpResponse<byte[]> response = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.headers(), new String(response.body(), StandardCharsets.UTF_8));
    }

    /** Sends, turning I/O failures into an unchecked exception; for calls that must get an answer. */
    Answer call(Call call) {
        try {
            return send(call);
        } catch (IOException e) {
            throw new IllegalStateException(call.method() + " " + call.path() + ": no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer get(String path, String user) {
        return call(Call.of("GET", path, user));
    }

    Answer post(String path, String user, Object body) {
        return call(Call.of("POST", path, user).json(body));
    }

    Answer put(String path, String user, Object body) {
        return call(Call.of("PUT", path, user).json(body));
    }
}
