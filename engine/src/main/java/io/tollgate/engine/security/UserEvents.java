package io.tollgate.engine.security;

import java.time.Instant;
import java.util.List;

/** Changes to the people of a workspace. None of them carries a password or its hash. */
public final class UserEvents {
    private UserEvents() {
    }

    /** An admin added a user. */
    public record UserCreated(String workspaceId, String username, String displayName, List<String> roles,
                              List<String> groups, String actor, Instant at) {
    }

    /** One changed attribute of a user, before and after, as text ({@code null} for none). */
    public record Change(String field, String before, String after) {
    }

    /** An admin changed a user's name, address, roles, groups, or whether they may sign in. */
    public record UserChanged(String workspaceId, String username, List<Change> changes, String actor, Instant at) {
    }

    /** An admin set a user's password; the user must change it before doing anything else. */
    public record PasswordReset(String workspaceId, String username, String actor, Instant at) {
    }

    /** An admin of a workspace made an existing user a member of it. */
    public record MemberAdded(String workspaceId, String username, List<String> roles, List<String> groups, String actor,
                              Instant at) {
    }

    /** An admin took a user out of a workspace; their account and other workspaces stay. */
    public record MemberRemoved(String workspaceId, String username, String actor, Instant at) {
    }

    /** A user chose a new password themself. */
    public record PasswordChanged(String workspaceId, String username, Instant at) {
    }
}
