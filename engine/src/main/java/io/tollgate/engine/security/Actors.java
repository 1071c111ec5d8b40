package io.tollgate.engine.security;

import io.tollgate.engine.security.internal.AppUsers;
import io.tollgate.engine.security.internal.Memberships;
import io.tollgate.engine.support.Problems;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves the caller of the current request: who they are, and which of their workspaces the
 * request is for (the {@value #WORKSPACE_HEADER} header names it by key; their home workspace when
 * absent), with their roles and groups there.
 */
@Component
public class Actors {

    /** The request header naming, by its key, the workspace a request is for. */
    public static final String WORKSPACE_HEADER = "X-Tollgate-Workspace";
    /** The request attribute holding the resolved {@link Actor}, once per request. */
    static final String ACTOR_ATTRIBUTE = Actors.class.getName() + ".actor";

    private final AppUsers users;
    private final Memberships memberships;
    private final WorkspaceDirectory directory;

    public Actors(AppUsers users, Memberships memberships, WorkspaceDirectory directory) {
        this.users = users;
        this.memberships = memberships;
        this.directory = directory;
    }

    /** The caller, in the workspace the request is for. */
    @Transactional(readOnly = true)
    public Actor current() {
        HttpServletRequest request = request();
        if (request != null && request.getAttribute(ACTOR_ATTRIBUTE) instanceof Actor actor) {
            return actor;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            throw Problems.forbidden("Sign in first.");
        }
        Actor actor = resolve(auth.getName(), request == null ? null : request.getHeader(WORKSPACE_HEADER));
        if (request != null) {
            request.setAttribute(ACTOR_ATTRIBUTE, actor);
        }
        return actor;
    }

    /**
     * A user in the workspace of that key, or their home workspace when none is named; a workspace
     * they do not belong to is not found, as if it did not exist.
     */
    @Transactional(readOnly = true)
    public Actor resolve(String username, String workspaceKey) {
        Optional<Membership> membership;
        if (workspaceKey != null && !workspaceKey.isBlank()) {
            String key = workspaceKey.strip();
            String workspaceId = (key.length() <= 63 ? directory.byKey(key) : Optional.<WorkspaceDirectory.WorkspaceRef>empty())
                    .map(WorkspaceDirectory.WorkspaceRef::id)
                    .orElseThrow(() -> notMember(key));
            membership = memberships.of(username, workspaceId);
            if (membership.isEmpty()) {
                throw notMember(key);
            }
        } else {
            // the user's row and their home membership with its groups, in one statement
            membership = memberships.home(username);
        }
        Membership m = membership.orElseThrow(() -> users.existsById(username)
                ? Problems.forbidden("You belong to no workspace yet; ask an admin to add you to one.")
                : Problems.forbidden("Unknown user '" + username + "'."));
        return new Actor(username, m.workspaceId(), m.roles(), m.groups());
    }

    private static org.springframework.web.ErrorResponseException notMember(String key) {
        return Problems.notFound("workspace", "You belong to no workspace '" + printable(key) + "'; GET /api/me lists yours.");
    }

    /**
     * Settles the caller of the current request right after their credentials were checked, in the
     * same transaction, and keeps them on the request; a workspace they may not use is left for
     * {@link WorkspaceSelectionFilter} to answer.
     */
    void settle(String username) {
        HttpServletRequest request = request();
        if (request == null || request.getAttribute(ACTOR_ATTRIBUTE) != null) {
            return;
        }
        try {
            request.setAttribute(ACTOR_ATTRIBUTE, resolve(username, request.getHeader(WORKSPACE_HEADER)));
        } catch (org.springframework.web.ErrorResponseException e) {
            // answered by the filter, with the problem, once the chain reaches it
        }
    }

    /** Whether an enabled user of that name belongs to the workspace. */
    @Transactional(readOnly = true)
    public boolean exists(String username, String workspaceId) {
        return username != null && username.length() <= 100 && memberships.enabledMember(username, workspaceId);
    }

    /** Of these names, the enabled members of the workspace, in the order given. */
    @Transactional(readOnly = true)
    public List<String> existing(java.util.Collection<String> usernames, String workspaceId) {
        List<String> asked = usernames.stream().filter(u -> u != null && u.length() <= 100).distinct().toList();
        if (asked.isEmpty()) {
            return List.of();
        }
        if (asked.size() == 1) {
            // the usual single recipient: a query whose SQL is translated once, unlike one with a list
            return memberships.enabledMember(asked.get(0), workspaceId) ? asked : List.of();
        }
        Set<String> found = new java.util.HashSet<>(memberships.enabledMembers(asked, workspaceId));
        return asked.stream().filter(found::contains).toList();
    }

    /** The address of an enabled member of the workspace, if they have one. */
    @Transactional(readOnly = true)
    public Optional<String> emailOf(String username, String workspaceId) {
        return exists(username, workspaceId) ? users.findById(username).map(AppUser::email) : Optional.empty();
    }

    /** Whether any user exists yet. */
    @Transactional(readOnly = true)
    public boolean anyone() {
        return users.count() > 0;
    }

    /** Adds a user whose password is already encoded, as a member of their home workspace. */
    @Transactional
    public AppUser register(AppUser user, Set<String> roles, Set<String> groups) {
        if (users.existsById(user.username())) {
            throw new IllegalStateException("User '" + user.username() + "' exists already");
        }
        AppUser saved = users.saveAndFlush(user);
        memberships.save(new Membership(user.username(), user.workspaceId(), roles, groups));
        return saved;
    }

    /** The members of a group in a workspace. */
    @Transactional(readOnly = true)
    public List<String> membersOf(String group, String workspaceId) {
        return memberships.findByWorkspaceIdOrderByUsernameAsc(workspaceId).stream()
                .filter(m -> m.groups().contains(group)).map(Membership::username).toList();
    }

    private static HttpServletRequest request() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest() : null;
    }

    private static String printable(String value) {
        return value.chars().anyMatch(Character::isISOControl) || value.length() > 63 ? "…" : value;
    }
}
