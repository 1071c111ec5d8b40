package io.tollgate.engine.security;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.util.Set;

/**
 * Path rules by role, where the role is the caller's in the workspace the request is for, as
 * {@link WorkspaceSelectionFilter} settled it.
 */
final class WorkspaceRoles {

    private WorkspaceRoles() {
    }

    static AuthorizationManager<RequestAuthorizationContext> any(String... roles) {
        Set<String> wanted = Set.of(roles);
        return (authentication, context) -> {
            Object actor = context.getRequest().getAttribute(Actors.ACTOR_ATTRIBUTE);
            return new AuthorizationDecision(actor instanceof Actor a && a.roles().stream().anyMatch(wanted::contains));
        };
    }
}
