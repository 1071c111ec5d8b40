package io.tollgate.engine.support;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Problem answers for code that runs outside Spring MVC (servlet filters, the security chain, the
 * error page, Tomcat's error report valve), and the one table of generic problems per HTTP status,
 * so an error answers the same {@code type} wherever it is raised.
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            // the valve writes through Tomcat's reporter, whose charset may be ISO-8859-1
            .configure(JsonGenerator.Feature.ESCAPE_NON_ASCII, true);

    private record Generic(String kind, String title, String detail) {
    }

    private static final Map<Integer, Generic> GENERIC = Map.ofEntries(
            Map.entry(400, new Generic("bad-request", "Bad request",
                    "The request is malformed; check its address, headers and body.")),
            Map.entry(401, new Generic("unauthorized", "Unauthorized", "Sign in with HTTP Basic: user name and password.")),
            Map.entry(403, new Generic("forbidden", "Not allowed", "You are not allowed to do this.")),
            Map.entry(404, new Generic("not-found", "Not found", "There is nothing at this address.")),
            Map.entry(405, new Generic("method-not-allowed", "Method not allowed",
                    "This address does not accept this HTTP method.")),
            Map.entry(406, new Generic("not-acceptable", "Not acceptable",
                    "None of the media types the request accepts can be produced here.")),
            Map.entry(408, new Generic("request-timeout", "Request timeout", "The request took too long to arrive.")),
            Map.entry(409, new Generic("conflict", "Conflict", "The request conflicts with the current state.")),
            Map.entry(411, new Generic("length-required", "Length required", "This request needs a Content-Length header.")),
            Map.entry(413, new Generic("request-too-large", "Request too large", "The request is larger than allowed.")),
            Map.entry(414, new Generic("uri-too-long", "URI too long", "The request's address is longer than allowed.")),
            Map.entry(415, new Generic("unsupported-media-type", "Unsupported media type",
                    "The body's media type is not accepted here.")),
            Map.entry(429, new Generic("too-many-requests", "Too many requests", "Too many requests; try again later.")),
            Map.entry(431, new Generic("request-header-too-large", "Request headers too large",
                    "The request's headers are larger than allowed.")),
            Map.entry(500, new Generic("internal", "Internal error", "Something went wrong on our side; it has been logged.")),
            Map.entry(501, new Generic("not-implemented", "Not implemented", "The server does not support this request.")),
            Map.entry(503, new Generic("unavailable", "Service unavailable", "The service is unavailable; try again later.")),
            Map.entry(505, new Generic("http-version-not-supported", "HTTP version not supported",
                    "The server does not support this HTTP version.")));

    private static Generic generic(int status) {
        Generic known = GENERIC.get(status);
        if (known != null) {
            return known;
        }
        HttpStatus resolved = HttpStatus.resolve(status);
        String title = resolved == null ? (status >= 500 ? "Server error" : "Request error") : resolved.getReasonPhrase();
        String kind = resolved == null ? (status >= 500 ? "server-error" : "request-error")
                : resolved.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return new Generic(kind, title, title + ".");
    }

    /** The problem for an error that has nothing more to say than its status. */
    public static ProblemDetail forStatus(int status) {
        Generic g = generic(status);
        return of(HttpStatusCode.valueOf(status), g.kind(), g.title(), g.detail());
    }

    /** A problem of the given kind: its type is {@link Problems#BASE} followed by the kind. */
    public static ProblemDetail of(HttpStatusCode status, String kind, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(Problems.BASE + kind));
        problem.setTitle(title);
        return problem;
    }

    /**
     * Makes a problem fit to leave: a Tollgate {@code type} and title where Spring left
     * {@code about:blank}, a detail where there is none, and no Java class or package names in the
     * detail or in the messages of {@code errors} and {@code unmet}.
     */
    public static ProblemDetail finish(ProblemDetail problem) {
        Generic g = generic(problem.getStatus());
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(URI.create(Problems.BASE + g.kind()));
            problem.setTitle(g.title());
        }
        if (problem.getTitle() == null || problem.getTitle().isBlank()) {
            problem.setTitle(g.title());
        }
        String detail = problem.getDetail() == null ? null : withoutClassNames(problem.getDetail());
        problem.setDetail(detail == null || detail.isBlank() ? g.detail() : detail);
        Map<String, Object> properties = problem.getProperties();
        if (properties != null) {
            for (String list : List.of("errors", "unmet")) {
                if (properties.get(list) instanceof List<?> items) {
                    problem.setProperty(list, items.stream().map(ProblemResponses::cleanItem).toList());
                }
            }
        }
        return problem;
    }

    private static Object cleanItem(Object item) {
        if (item instanceof Problems.FieldError e) {
            return new Problems.FieldError(e.path(), cleanMessage(e.message()));
        }
        if (item instanceof Problems.Unmet u) {
            return new Problems.Unmet(u.kind(), u.key(), cleanMessage(u.message()));
        }
        if (item instanceof Map<?, ?> map && map.get("message") instanceof String message) {
            Map<Object, Object> copy = new LinkedHashMap<>(map);
            copy.put("message", cleanMessage(message));
            return copy;
        }
        return item;
    }

    private static String cleanMessage(String message) {
        if (message == null) {
            return null;
        }
        String clean = withoutClassNames(message);
        return clean.isBlank() ? "This value cannot be used." : clean;
    }

    /** {@code java.time.format.DateTimeParseException} or {@code (java.lang.Foo)}: a qualified class name. */
    private static final Pattern QUALIFIED = Pattern.compile(
            "\\(?\\b(?:[a-z_$][a-z0-9_$]*\\.)+([A-Z][A-Za-z0-9_$]*)(?:\\.[a-zA-Z_$][A-Za-z0-9_$]*)*(?:\\(\\))?\\)?");
    /** {@code DateTimeParseException:} or {@code StackOverflowError}: an exception's name, with its colon. */
    private static final Pattern THROWABLE = Pattern.compile("\\(?\\b[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b\\)?:?\\s*");
    /** {@code StreamReadConstraints.getMaxNestingDepth()}: a class with a member. */
    private static final Pattern MEMBER = Pattern.compile("`?\\b[A-Z][A-Za-z0-9_$]*\\.[a-z][A-Za-z0-9_$]*\\(\\)`?");

    /**
     * The text without Java class names: qualified names become their simple name ({@code Duration}
     * reads as a word), exception names and class members go. Users read details; stack vocabulary
     * tells them nothing and tells an attacker what runs inside.
     */
    public static String withoutClassNames(String text) {
        String out = QUALIFIED.matcher(text).replaceAll(m -> {
            String simple = m.group(1);
            return simple.endsWith("Exception") || simple.endsWith("Error") ? "" : java.util.regex.Matcher.quoteReplacement(simple);
        });
        out = MEMBER.matcher(out).replaceAll("");
        out = THROWABLE.matcher(out).replaceAll("");
        out = out.replaceAll(",?\\s*from\\s*\\)", ")").replaceAll(",\\s*\\)", ")").replaceAll("\\(\\s*\\)", "").replaceAll("\\s{2,}", " ")
                .replaceAll("\\s+([,.;:)])", "$1").trim();
        return out.replaceAll("^[,.;:]\\s*", "");
    }

    /** The problem as JSON, with its extra properties inline. */
    public static byte[] json(ProblemDetail problem) {
        try {
            return JSON.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the problem as the whole answer, unless the answer is already on its way. */
    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        byte[] body = json(problem);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** Writes a problem of the given kind. */
    public static void write(HttpServletResponse response, HttpStatus status, String kind, String title, String detail)
            throws IOException {
        write(response, of(status, kind, title, detail));
    }
}
