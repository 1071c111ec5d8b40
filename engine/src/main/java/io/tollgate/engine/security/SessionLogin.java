package io.tollgate.engine.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Set;

/**
 * The web UI's sign-in: a form at {@code /login} (the UI's own page, in both languages), an HTTP
 * session, and a CSRF token kept in the {@code XSRF-TOKEN} cookie that the UI's scripts send back in
 * the {@code X-XSRF-TOKEN} header (or the form in {@code _csrf}). The same {@link LoginThrottle}
 * guards the form as HTTP Basic. {@code GET /} serves the app to a signed-in user and sends anyone
 * else to the form; the API's own chain ({@link SecurityConfig}) answers 401 problems, never a redirect.
 */
@Configuration
class SessionLogin {

    /** The UI's pages and assets; everything else belongs to the API's chain or to no chain at all. */
    static final String[] PATHS = {"/", "/index.html", "/login", "/logout", "/ui/**", "/webjars/**", "/favicon.ico"};

    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

    /** Scripts, styles and images only from here; Vue compiles its templates in the page, hence 'unsafe-eval'. */
    private static final String CONTENT_POLICY = "default-src 'self'; script-src 'self' 'unsafe-eval'; "
            + "style-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Bean
    CsrfTokenRepository csrfTokens() {
        // the UI's scripts read the cookie to send the token back: it cannot be HttpOnly
        return CookieCsrfTokenRepository.withHttpOnlyFalse();
    }

    @Bean
    SecurityFilterChain ui(HttpSecurity http, AuthenticationManager authentication, SecuritySettings settings,
                           CsrfTokenRepository csrfTokens) throws Exception {
        http.securityMatcher(PATHS)
                .authenticationManager(authentication)
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler()))
                .addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class)
                .addFilterBefore(new SameOriginFilter(settings.allowedOrigins()), CsrfFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/ui/**", "/webjars/**", "/favicon.ico").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login")
                        .defaultSuccessUrl("/", true)
                        .failureHandler((request, response, e) -> response.sendRedirect(request.getContextPath()
                                + "/login?error=" + (e instanceof ThrottledAuthenticationManager.Throttled
                                ? "throttled" : "credentials"))))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut")
                        .deleteCookies("JSESSIONID"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * Whether an API request must carry the CSRF token: a change signed in by the session cookie alone.
     * Requests with their own credentials (Basic, bearer) are not sent by a browser on its own.
     */
    static boolean needsCsrfToken(HttpServletRequest request) {
        return UNSAFE.contains(request.getMethod()) && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && request.getSession(false) != null;
    }

    /** Loads the (deferred) token on every UI request, so the cookie is there before the page's first change. */
    private static final class CsrfCookieFilter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            if (token != null) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }
}
