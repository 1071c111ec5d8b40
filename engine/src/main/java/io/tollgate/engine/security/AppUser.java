package io.tollgate.engine.security;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A person who signs in. Roles are Tollgate's own: admin, pm, member. A password an administrator
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
    private String roles;
    private String workspaceId;
    private boolean enabled;
    private boolean mustChangePassword;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "app_user_group", joinColumns = @JoinColumn(name = "username"))
    @Column(name = "group_name")
    private Set<String> groups = new LinkedHashSet<>();
    @Version
    private long rowVersion;

    protected AppUser() {
    }

    /** An enabled user whose password is their own (demo users, tests). */
    public AppUser(String username, String passwordHash, String displayName, String email, Set<String> roles,
                   String workspaceId, Set<String> groups) {
        this(username, passwordHash, displayName, email, roles, workspaceId, groups, false);
    }

    /**
     * An enabled user.
     *
     * @param mustChangePassword whether the password was chosen for them and must be changed first
     */
    public AppUser(String username, String passwordHash, String displayName, String email, Set<String> roles,
                   String workspaceId, Set<String> groups, boolean mustChangePassword) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.displayName = displayName;
        this.email = email;
        this.roles = joined(roles);
        this.workspaceId = workspaceId;
        this.enabled = true;
        this.mustChangePassword = mustChangePassword;
        this.groups.addAll(new TreeSet<>(groups));
    }

    public String username() { return username; }
    public String passwordHash() { return passwordHash; }
    public String displayName() { return displayName; }
    public String email() { return email; }
    public String workspaceId() { return workspaceId; }
    public boolean enabled() { return enabled; }
    public boolean mustChangePassword() { return mustChangePassword; }
    public Set<String> groups() { return Set.copyOf(groups); }

    public Set<String> roles() {
        return Arrays.stream(roles.split(",")).filter(r -> !r.isBlank()).collect(Collectors.toUnmodifiableSet());
    }

    public boolean isAdmin() {
        return roles().contains("admin");
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

    public void assignRoles(Set<String> roles) {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("A user needs at least one role");
        }
        this.roles = joined(roles);
    }

    public void placeInGroups(Set<String> groups) {
        this.groups.clear();
        this.groups.addAll(new TreeSet<>(groups));
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

    private static String joined(Set<String> roles) {
        return String.join(",", new TreeSet<>(roles));
    }
}
