package io.tollgate.engine.security;

import io.tollgate.engine.support.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * A user whose password an administrator chose (a new user, a reset, the bootstrap admin) may do
 * one thing only until they have chosen their own: {@code POST /api/users/{self}/password}.
 * Everything else they ask is answered 403 {@code password-change-required}. The mark travels as an
 * authority of the signed-in user, read afresh from the database at each sign-in.
 */
public final class PasswordChangeFilter extends OncePerRequestFilter {

    /** The authority of a user who must change their password first. */
    public static final String MUST_CHANGE_PASSWORD = "PASSWORD_CHANGE_REQUIRED";

    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = contexts.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && mustChange(auth) && !ownPasswordChange(request, auth.getName())
                && !health(request)) {
            ProblemResponses.write(response, HttpStatus.FORBIDDEN, "password-change-required", "Password change required",
                    "Your password was set by an administrator: choose your own first, with POST /api/users/"
                            + auth.getName() + "/password and {currentPassword, password}.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean mustChange(Authentication auth) {
        return auth.getAuthorities().stream().anyMatch(a -> MUST_CHANGE_PASSWORD.equals(a.getAuthority()));
    }

    private static boolean ownPasswordChange(HttpServletRequest request, String username) {
        return "POST".equals(request.getMethod()) && path(request).equals("/api/users/" + username + "/password");
    }

    private static boolean health(HttpServletRequest request) {
        String path = path(request);
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
