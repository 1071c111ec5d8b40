package io.tollgate.engine.ui;

import io.swagger.v3.oas.annotations.Hidden;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.security.PasswordChangeFilter;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Who the page is signed in as, for the UI's first paint: name, roles and whether the password must be
 * changed first (which the API would refuse to say until it is). The UI prefers {@code GET /api/me}
 * where the server has it.
 */
@RestController
@Hidden
class SessionController {

    /** The signed-in user as the UI needs them. */
    record SessionView(String username, List<String> roles, boolean mustChangePassword) {
    }

    private final Actors actors;

    SessionController(Actors actors) {
        this.actors = actors;
    }

    @GetMapping("/ui/session")
    ResponseEntity<SessionView> session() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).cacheControl(CacheControl.noStore()).build();
        }
        boolean mustChange = auth.getAuthorities().stream()
                .anyMatch(a -> PasswordChangeFilter.MUST_CHANGE_PASSWORD.equals(a.getAuthority()));
        Actor actor = actors.current();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new SessionView(actor.username(), actor.roles().stream().sorted().toList(), mustChange));
    }
}
