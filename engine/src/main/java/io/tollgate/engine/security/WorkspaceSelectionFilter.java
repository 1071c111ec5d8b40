package io.tollgate.engine.security;

import io.tollgate.engine.support.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Settles, once per signed-in request, which workspace it is for and who the caller is there
 * ({@link Actors#resolve}): before authorization, so the roles a path needs are the caller's roles in
 * that workspace. A workspace the caller does not belong to answers 404 here, whatever the path.
 */
final class WorkspaceSelectionFilter extends OncePerRequestFilter {

    private final Actors actors;

    WorkspaceSelectionFilter(Actors actors) {
        this.actors = actors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)
                && !(request.getAttribute(Actors.ACTOR_ATTRIBUTE) instanceof Actor settled && settled.username().equals(auth.getName()))) {
            try {
                request.setAttribute(Actors.ACTOR_ATTRIBUTE,
                        actors.resolve(auth.getName(), request.getHeader(Actors.WORKSPACE_HEADER)));
            } catch (ErrorResponseException e) {
                ProblemResponses.write(response, e.getBody());
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
