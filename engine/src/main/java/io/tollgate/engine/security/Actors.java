package io.tollgate.engine.security;

import io.tollgate.engine.security.internal.AppUsers;
import io.tollgate.engine.support.Problems;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Resolves the caller of the current request. */
@Component
public class Actors {

    private final AppUsers users;

    public Actors(AppUsers users) {
        this.users = users;
    }

    @Transactional(readOnly = true)
    public Actor current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            throw Problems.forbidden("Sign in first.");
        }
        AppUser user = users.findById(auth.getName())
                .orElseThrow(() -> Problems.forbidden("Unknown user '" + auth.getName() + "'."));
        return new Actor(user.username(), user.workspaceId(), user.roles(), user.groups());
    }

    /** Whether a user of that name exists in the workspace. */
    @Transactional(readOnly = true)
    public boolean exists(String username, String workspaceId) {
        return users.findById(username).map(u -> u.workspaceId().equals(workspaceId) && u.enabled()).orElse(false);
    }

    /** The workspace a user belongs to. */
    @Transactional(readOnly = true)
    public java.util.Optional<String> workspaceOf(String username) {
        return users.findById(username).map(AppUser::workspaceId);
    }

    /** Whether any user exists yet. */
    @Transactional(readOnly = true)
    public boolean anyone() {
        return users.count() > 0;
    }

    /** Adds a user whose password is already encoded. */
    @Transactional
    public AppUser register(AppUser user) {
        if (users.existsById(user.username())) {
            throw new IllegalStateException("User '" + user.username() + "' exists already");
        }
        return users.save(user);
    }

    /** The members of a group in a workspace. */
    @Transactional(readOnly = true)
    public java.util.List<String> membersOf(String group, String workspaceId) {
        return users.findByWorkspaceId(workspaceId).stream().filter(u -> u.groups().contains(group))
                .map(AppUser::username).sorted().toList();
    }
}
