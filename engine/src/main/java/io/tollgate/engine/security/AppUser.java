package io.tollgate.engine.security;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A person who signs in. What they may do depends on the workspace a request is for: their
 * {@link Membership} there holds their roles (admin, pm, member) and groups. {@code workspaceId} is
 * their home workspace, the one a request is for when it names none. A password an administrator
 * chose ({@link #resetPassword}) must be replaced by the user ({@link #changePassword}) before they
 * can do anything else.
 */
@Entity
@Table(name = "app_user")
public class AppUser {

    @Id
    private String username;
    private String passwordHash;
    private String displayName;
    private String email;
    private String workspaceId;
    private boolean enabled;
    private boolean mustChangePassword;
    @Version
    private long rowVersion;

    protected AppUser() {
    }

    /**
     * An enabled user; their roles and groups come with their membership of their home workspace.
     *
     * @param mustChangePassword whether the password was chosen for them and must be changed first
     */
    public AppUser(String username, String passwordHash, String displayName, String email, String workspaceId,
                   boolean mustChangePassword) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.displayName = displayName;
        this.email = email;
        this.workspaceId = workspaceId;
        this.enabled = true;
        this.mustChangePassword = mustChangePassword;
    }

    public String username() { return username; }
    public String passwordHash() { return passwordHash; }
    public String displayName() { return displayName; }
    public String email() { return email; }
    /** The home workspace: the one a request is for when it names none. */
    public String workspaceId() { return workspaceId; }
    public boolean enabled() { return enabled; }
    public boolean mustChangePassword() { return mustChangePassword; }

    /** Makes another workspace of theirs the home one. */
    public void moveHome(String workspaceId) {
        this.workspaceId = workspaceId;
    }

    public void changeDisplayName(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            throw new IllegalArgumentException("A user needs a display name");
        }
        this.displayName = displayName;
    }

    /** A new address, or none. */
    public void changeEmail(String email) {
        this.email = email;
    }

    public void disable() {
        if (!enabled) {
            throw new IllegalStateException("User '" + username + "' is disabled already");
        }
        enabled = false;
    }

    public void enable() {
        if (enabled) {
            throw new IllegalStateException("User '" + username + "' is enabled already");
        }
        enabled = true;
    }

    /** An administrator set this password: the user must replace it before doing anything else. */
    public void resetPassword(String passwordHash) {
        this.passwordHash = passwordHash;
        this.mustChangePassword = true;
    }

    /** The user chose this password themself. */
    public void changePassword(String passwordHash) {
        this.passwordHash = passwordHash;
        this.mustChangePassword = false;
    }
}
