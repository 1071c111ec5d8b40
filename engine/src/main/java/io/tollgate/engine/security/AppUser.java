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
import java.util.stream.Collectors;

/** A person who signs in. Roles are Tollgate's own: admin, pm, member. */
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
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "app_user_group", joinColumns = @JoinColumn(name = "username"))
    @Column(name = "group_name")
    private Set<String> groups = new LinkedHashSet<>();
    @Version
    private long rowVersion;

    protected AppUser() {
    }

    public AppUser(String username, String passwordHash, String displayName, String email, Set<String> roles,
                   String workspaceId, Set<String> groups) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.displayName = displayName;
        this.email = email;
        this.roles = String.join(",", roles);
        this.workspaceId = workspaceId;
        this.enabled = true;
        this.groups.addAll(groups);
    }

    public String username() { return username; }
    public String passwordHash() { return passwordHash; }
    public String displayName() { return displayName; }
    public String email() { return email; }
    public String workspaceId() { return workspaceId; }
    public boolean enabled() { return enabled; }
    public Set<String> groups() { return Set.copyOf(groups); }

    public Set<String> roles() {
        return Arrays.stream(roles.split(",")).filter(r -> !r.isBlank()).collect(Collectors.toUnmodifiableSet());
    }
}
