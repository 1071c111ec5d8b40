package io.tollgate.engine.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Set;

/**
 * The API's door check, in one place: a body of at most {@link RequestLimits#maxBodySize()} (413),
 * JSON and YAML nested at most {@link RequestLimits#maxDepth()} deep, and no control characters other
 * than tab, line feed and carriage return in query parameters or in any string of a JSON, YAML or
 * text body (400). PostgreSQL cannot store NUL in text, and no user means to send a control character,
 * so refusing them here keeps every feature from having to. Runs after authentication, so nobody
 * unknown gets a body read.
 */
@Component
@Order(0)
class RequestGuardFilter extends OncePerRequestFilter {

    private static final Set<String> YAML_TYPES = Set.of("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml");

    private final RequestLimits limits;
    private final JsonFactory json;
    private final YAMLFactory yaml;

    RequestGuardFilter(RequestLimits limits) {
        this.limits = limits;
        this.json = JsonFactory.builder().streamReadConstraints(limits.streamReadConstraints()).build();
        this.yaml = YAMLFactory.builder().streamReadConstraints(limits.streamReadConstraints()).build();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Refusal refusal = queryRefusal(request.getQueryString());
        if (refusal != null) {
            refusal.write(response);
            return;
        }
        if (!CachedBodyRequest.hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        boolean upload = request.getContentType() != null
                && request.getContentType().toLowerCase(Locale.ROOT).startsWith("multipart/");
        if (request.getContentLengthLong() > (upload ? limits.maxUploadBytes() : limits.maxBodyBytes())) {
            tooLarge(response);
            return;
        }
        if (CachedBodyRequest.parsedByContainer(request)) {
            if (request.getContentLengthLong() < 0) {
                ProblemResponses.write(response, HttpStatus.LENGTH_REQUIRED, "length-required", "Length required",
                        "A form or multipart body needs a Content-Length header here.");
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        CachedBodyRequest cached;
        try {
            cached = CachedBodyRequest.of(request, limits.maxBodyBytes());
        } catch (CachedBodyRequest.TooLarge e) {
            tooLarge(response);
            return;
        }
        refusal = bodyRefusal(request.getContentType(), cached.body());
        if (refusal != null) {
            refusal.write(response);
            return;
        }
        chain.doFilter(cached, response);
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        // the rest of the body is not read; the connection cannot be reused
        response.setHeader("Connection", "close");
        ProblemResponses.write(response, HttpStatus.PAYLOAD_TOO_LARGE, "request-too-large", "Request too large",
                "A request body has at most " + limits.maxBodySize().toKilobytes() + " KB.");
    }

    /** Why a request is refused: a kind of problem and a detail, both answered with 400. */
    record Refusal(HttpStatus status, String kind, String title, String detail) {
        Refusal(String kind, String title, String detail) {
            this(HttpStatus.BAD_REQUEST, kind, title, detail);
        }

        static Refusal characters(String detail) {
            return new Refusal("invalid-characters", "Invalid characters", detail);
        }

        void write(HttpServletResponse response) throws IOException {
            ProblemResponses.write(response, status, kind, title, detail);
        }
    }

    /** Why the query string is refused, or null. */
    static Refusal queryRefusal(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return new Refusal("invalid-query", "Invalid query string", "The query string is not correctly percent-encoded.");
            }
            int at = forbidden(name);
            if (at < 0) {
                at = forbidden(value);
                if (at >= 0) {
                    return Refusal.characters("The query parameter '" + printable(name) + "' contains " + describe(value, at) + ".");
                }
            } else {
                return Refusal.characters("A query parameter name contains " + describe(name, at) + ".");
            }
        }
        return null;
    }

    /** Why the body is refused, or null; a body that does not parse is left to the controller to refuse. */
    Refusal bodyRefusal(String contentType, byte[] body) {
        if (contentType == null) {
            return null;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return null;
        }
        if (type.isWildcardType() || type.isWildcardSubtype()) {
            // a body says what it is; Spring cannot read "*/*" and would fail on it
            return new Refusal(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
                    "Content-Type '" + type + "' names no type; send the body as application/json.");
        }
        if (body.length == 0) {
            return null;
        }
        String base = (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
        if (base.equals("application/json") || base.endsWith("+json")) {
            return structuredRefusal(json, body, "JSON");
        }
        if (YAML_TYPES.contains(base)) {
            return structuredRefusal(yaml, body, "YAML");
        }
        if (type.getType().equalsIgnoreCase("text")) {
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(body)).toString();
            } catch (CharacterCodingException e) {
                return null;
            }
            int at = forbidden(text);
            return at < 0 ? null : Refusal.characters("The body contains " + describe(text, at) + ".");
        }
        return null;
    }

    private Refusal structuredRefusal(JsonFactory factory, byte[] body, String format) {
        try (JsonParser parser = factory.createParser(body)) {
            for (JsonToken token; (token = parser.nextToken()) != null; ) {
                if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
                    String text = parser.getText();
                    int at = forbidden(text);
                    if (at >= 0) {
                        String where = parser.getParsingContext().pathAsPointer().toString();
                        return Refusal.characters("The " + format + " " + (token == JsonToken.FIELD_NAME ? "name" : "value")
                                + " at '" + (where.isEmpty() ? "/" : where) + "' contains " + describe(text, at) + ".");
                    }
                }
            }
            return null;
        } catch (StreamConstraintsException e) {
            return new Refusal("body-too-complex", "Body too complex", "The " + format + " body is nested too deeply or "
                    + "holds a value too long: objects and arrays nest at most " + limits.maxDepth() + " levels deep.");
        } catch (JsonProcessingException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            // a reader error (YAML's included) is for the controller to answer in its own words
            return null;
        }
    }

    /**
     * Where the first character is that cannot be stored or was never meant to be sent: a C0 or C1
     * control character other than tab, line feed and carriage return, DEL, or half a surrogate pair.
     */
    static int forbidden(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(CharSequence text, int at) {
        char c = text.charAt(at);
        String what = Character.isSurrogate(c) ? "half of a surrogate pair" : "a control character";
        return what + String.format(Locale.ROOT, " (U+%04X)", (int) c)
                + "; text may hold tab, line feed and carriage return but no other control characters";
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(50).forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return out.toString();
    }
}
