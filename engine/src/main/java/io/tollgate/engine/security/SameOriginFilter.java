package io.tollgate.engine.security;

import io.tollgate.engine.support.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cross-site request forgery, refused by where the request comes from: a browser names the page's
 * origin in {@code Origin} (or, failing that, {@code Referer}) on every state-changing request, and a
 * page on another site must not be able to use the credentials the browser holds for ours (HTTP
 * Basic, later a session). A POST, PUT, PATCH or DELETE whose origin is present and neither the
 * server's own nor one of {@code tollgate.security.allowed-origins} is answered 403. Requests
 * without either header (curl, other servers, scripts) are not from a browser page and pass.
 *
 * <p>This is a check on origin only; it does not use or need a token, so the session login of a
 * web UI can add Spring Security's CSRF tokens on top without the two getting in each other's way.
 * Behind a proxy, the server's own origin is what the proxy forwards ({@code X-Forwarded-*} with
 * {@code server.forward-headers-strategy}).
 */
final class SameOriginFilter extends OncePerRequestFilter {

    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Set<String> allowed;

    SameOriginFilter(List<String> allowedOrigins) {
        this.allowed = allowedOrigins.stream().map(SameOriginFilter::origin).filter(o -> o != null)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (UNSAFE.contains(request.getMethod())) {
            String claimed = request.getHeader(HttpHeaders.ORIGIN);
            if (claimed == null) {
                claimed = request.getHeader(HttpHeaders.REFERER);
            }
            if (claimed != null && !fromHere(claimed, request)) {
                ProblemResponses.write(response, HttpStatus.FORBIDDEN, "cross-origin-request", "Cross-origin request",
                        "State-changing requests are only accepted from this server's own pages.");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private boolean fromHere(String claimed, HttpServletRequest request) {
        String origin = origin(claimed);
        if (origin == null) {
            // "null" (a sandboxed frame, a file) or garbage: not a page of ours
            return false;
        }
        String own = origin(request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort());
        return origin.equals(own) || allowed.contains(origin);
    }

    /** {@code scheme://host:port} of a URL, lower case, with the default port written out; null when there is none. */
    static String origin(String url) {
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null) {
                return null;
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            if (port < 0) {
                port = switch (scheme) {
                    case "http" -> 80;
                    case "https" -> 443;
                    default -> -1;
                };
            }
            return scheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + port;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
