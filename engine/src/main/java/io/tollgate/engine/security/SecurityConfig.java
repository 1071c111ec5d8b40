package io.tollgate.engine.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.security.internal.AppUsers;
import io.tollgate.engine.support.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;

/**
 * HTTP Basic for the API, with problem answers for 401 and 403. Writing templates is for admins;
 * starting projects for admins and project managers; everything else for any member, with
 * per-item checks (assignee, workspace) in the features themselves.
 */
@Configuration
public class SecurityConfig {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json, AuthenticationManager authentication) throws Exception {
        http.authenticationManager(authentication)
                .securityMatcher("/api/**", "/actuator/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(org.springframework.security.config.http.SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/v3/api-docs/**",
                                "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers(HttpMethod.PUT, "/api/templates/**", "/api/modules/**").hasRole("admin")
                        .requestMatchers(HttpMethod.POST, "/api/templates/*/publish", "/api/templates/*/migrations/**").hasRole("admin")
                        .requestMatchers(HttpMethod.POST, "/api/projects").hasAnyRole("admin", "pm")
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) ->
                        problem(json, response, HttpStatus.UNAUTHORIZED, "unauthorized",
                                "Sign in with HTTP Basic: user name and password.")))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> problem(json, response,
                                HttpStatus.UNAUTHORIZED, "unauthorized", "Sign in with HTTP Basic: user name and password."))
                        .accessDeniedHandler((request, response, e) -> problem(json, response,
                                HttpStatus.FORBIDDEN, "forbidden", "Your role does not allow this.")));
        return http.build();
    }

    private static void problem(ObjectMapper json, HttpServletResponse response, HttpStatus status, String kind,
                                String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(Problems.BASE + kind));
        problem.setTitle(status.getReasonPhrase());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"tollgate\"");
        }
        json.writeValue(response.getOutputStream(), problem);
    }

    @Bean
    AuthenticationManager authenticationManager(UserDetailsService users, PasswordEncoder encoder, java.time.Clock clock) {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(encoder);
        return new ProviderManager(new CachingAuthenticationProvider(dao, users, clock));
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService userDetailsService(AppUsers users) {
        return username -> users.findById(username)
                .map(u -> User.withUsername(u.username()).password(u.passwordHash()).disabled(!u.enabled())
                        .authorities(u.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList())
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }
}
