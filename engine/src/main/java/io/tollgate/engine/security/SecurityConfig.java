package io.tollgate.engine.security;

import io.tollgate.engine.security.internal.AppUsers;
import io.tollgate.engine.support.ProblemResponses;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.savedrequest.NullRequestCache;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP Basic for the API, with problem answers for 401, 403 and 429. Each request is for one of the
 * caller's workspaces ({@link WorkspaceSelectionFilter}), and roles are those the caller has there.
 * Writing templates is for admins; starting projects for admins and project managers; everything else for any member, with
 * per-item checks (assignee, workspace) in the features themselves. State-changing requests from
 * another site's pages are refused ({@link SameOriginFilter}); sign-in failures are throttled
 * ({@link LoginThrottle}). Health is public; the API docs only where {@code tollgate.api-docs.public}
 * says so; everything else, {@code /actuator/info} (it names versions) included, needs a sign-in.
 * People are managed by admins; groups are listed for admins and project managers; every user sets
 * their own password, and one whose password an admin chose does nothing else first
 * ({@link PasswordChangeFilter}). The web UI signs in with a form and a session ({@link SessionLogin});
 * the API accepts that session too, with a CSRF token on every change.
 */
@Configuration
public class SecurityConfig {

    private static final String[] API_DOCS = {"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html"};

    @Bean
    SecurityFilterChain api(HttpSecurity http, AuthenticationManager authentication, ApiDocsSettings docs,
                            SecuritySettings settings, ObjectProvider<JwtDecoder> jwt, UserDetailsService users,
                            JwtSettings jwtSettings, Actors actors, CsrfTokenRepository csrfTokens) throws Exception {
        JwtDecoder decoder = jwt.getIfAvailable();
        if (decoder != null) {
            // bearer tokens from the configured issuer name a Tollgate user, whose roles are Tollgate's
            JwtAuthenticationProvider tokens = new JwtAuthenticationProvider(decoder);
            tokens.setJwtAuthenticationConverter(token -> signedInAs(token, users, jwtSettings));
            // its own manager: the chain's manager checks passwords and knows nothing of tokens
            http.oauth2ResourceServer(o -> o
                    .jwt(j -> j.authenticationManager(new ProviderManager(tokens)))
                    .authenticationEntryPoint((request, response, e) -> signInFailed(response, e)));
        }
        http.authenticationManager(authentication)
                .securityMatcher("/api/**", "/actuator/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**",
                        "/swagger-ui.html")
                // Basic credentials are not sent by a foreign page's script without CORS; forms are
                // refused by origin below. A request signed in by the web UI's session (no Authorization
                // header) must also carry the session's CSRF token.
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(SessionLogin::needsCsrfToken))
                .addFilterBefore(new SameOriginFilter(settings.allowedOrigins()), BasicAuthenticationFilter.class)
                .addFilterAfter(new PasswordChangeFilter(), BasicAuthenticationFilter.class)
                .addFilterBefore(new WorkspaceSelectionFilter(actors), AuthorizationFilter.class)
                // the API never creates a session; it reads the one the web UI's sign-in made
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .securityContext(c -> c.securityContextRepository(new SessionReadingContextRepository()))
                .requestCache(c -> c.requestCache(new NullRequestCache()))
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers("/actuator/health", "/actuator/health/**").permitAll();
                    if (docs.publicDocs()) {
                        auth.requestMatchers(API_DOCS).permitAll();
                    } else {
                        auth.requestMatchers(API_DOCS).authenticated();
                    }
                    auth.requestMatchers("/actuator/info").authenticated()
                            .requestMatchers(HttpMethod.PUT, "/api/templates/**", "/api/modules/**").access(WorkspaceRoles.any("admin"))
                            .requestMatchers(HttpMethod.POST, "/api/templates/*/publish", "/api/templates/*/validate",
                                    "/api/templates/*/diagram.svg", "/api/templates/*/preview",
                                    "/api/templates/*/migrations/**").access(WorkspaceRoles.any("admin"))
                            .requestMatchers(HttpMethod.POST, "/api/projects").access(WorkspaceRoles.any("admin", "pm"))
                            // whose password it is, the user service decides: the user or an admin
                            .requestMatchers(HttpMethod.POST, "/api/users/*/password").authenticated()
                            .requestMatchers("/api/users", "/api/users/**").access(WorkspaceRoles.any("admin"))
                            .requestMatchers(HttpMethod.GET, "/api/groups").access(WorkspaceRoles.any("admin", "pm"))
                            .requestMatchers("/api/groups", "/api/groups/**").access(WorkspaceRoles.any("admin"))
                            .requestMatchers("/api/**").authenticated()
                            .anyRequest().denyAll();
                })
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> {
                    closeIfBodyUnread(request, response);
                    signInFailed(response, e);
                }))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> {
                            closeIfBodyUnread(request, response);
                            signInFailed(response, e);
                        })
                        .accessDeniedHandler((request, response, e) -> {
                            closeIfBodyUnread(request, response);
                            if (e instanceof CsrfException) {
                                ProblemResponses.write(response, HttpStatus.FORBIDDEN, "csrf-token-invalid",
                                        "Page out of date", "This page's security token is missing or old: reload "
                                                + "the page and try again.");
                                return;
                            }
                            ProblemResponses.write(response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                                    "Your role does not allow this.");
                        }));
        return http.build();
    }

    /**
     * A refusal sent before the body was read: the server will not read the rest, so the client must
     * not send its next request on this connection.
     */
    private static void closeIfBodyUnread(HttpServletRequest request, HttpServletResponse response) {
        if (request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
    }

    /** Requests the firewall refuses (an unknown method, a malformed path) answer a problem too. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> {
            closeIfBodyUnread(request, response);
            ProblemResponses.write(response, HttpStatus.BAD_REQUEST, "request-rejected", "Request rejected",
                    "This request's method, address or headers are not accepted.");
        };
    }

    /**
     * The Tollgate user a verified token names (its {@code tollgate.security.jwt.username-claim},
     * else its subject); a token for nobody, or for a disabled user, signs nobody in.
     */
    private static AbstractAuthenticationToken signedInAs(Jwt token, UserDetailsService users, JwtSettings settings) {
        String name = token.getClaimAsString(settings.usernameClaim());
        if (name == null || name.isBlank()) {
            name = token.getSubject();
        }
        UserDetails user;
        try {
            user = users.loadUserByUsername(name == null ? "" : name);
        } catch (UsernameNotFoundException e) {
            throw new BadCredentialsException("The token names no user of Tollgate.");
        }
        if (!user.isEnabled()) {
            throw new DisabledException("The token's user is disabled.");
        }
        return UsernamePasswordAuthenticationToken.authenticated(user.getUsername(), null, user.getAuthorities());
    }

    /** {@code tollgate.security.jwt.*}: which claim of a bearer token holds the Tollgate user name. */
    @ConfigurationProperties("tollgate.security.jwt")
    record JwtSettings(@DefaultValue("preferred_username") String usernameClaim) {
    }

    private static void signInFailed(HttpServletResponse response, AuthenticationException e) throws IOException {
        if (e instanceof ThrottledAuthenticationManager.Throttled throttled) {
            Duration wait = throttled.retryAfter();
            long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            ProblemResponses.write(response, HttpStatus.TOO_MANY_REQUESTS, "too-many-sign-in-failures",
                    "Too many failed sign-ins", "Too many failed sign-ins for this user name or from this address; "
                            + "try again in " + Math.max(1, (seconds + 59) / 60) + " minutes.");
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"tollgate\"");
        ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                "Sign in with HTTP Basic (user name and password) or a bearer token.");
    }

    @Bean
    SignInCache signInCache(UserDetailsService users, PasswordEncoder encoder, java.time.Clock clock, Actors actors,
                            org.springframework.transaction.PlatformTransactionManager transactions) {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(encoder);
        return new SignInCache(new CachingAuthenticationProvider(dao, users, clock, actors, transactions));
    }

    @Bean
    AuthenticationManager authenticationManager(SignInCache signIns, LoginThrottle throttle) {
        return new ThrottledAuthenticationManager(new ProviderManager(signIns.provider()), throttle);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService userDetailsService(AppUsers users) {
        return username -> users.findById(username)
                .map(u -> User.withUsername(u.username()).password(u.passwordHash()).disabled(!u.enabled())
                        .authorities(authorities(u)).build())
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }

    /** Roles belong to a workspace, and the request settles which ({@link WorkspaceRoles}); none travel here. */
    private static List<GrantedAuthority> authorities(AppUser user) {
        List<GrantedAuthority> out = new ArrayList<>();
        if (user.mustChangePassword()) {
            out.add(new SimpleGrantedAuthority(PasswordChangeFilter.MUST_CHANGE_PASSWORD));
        }
        return out;
    }
}
