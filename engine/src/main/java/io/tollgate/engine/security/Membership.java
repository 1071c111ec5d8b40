package io.tollgate.engine.security;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A person's place in one workspace: their roles there (admin, pm, member) and the groups they are in.
 * Someone may belong to several workspaces, with other roles and groups in each.
 */
@Entity
@Table(name = "workspace_member")
@IdClass(Membership.Key.class)
public class Membership {

    @Id
    private String username;
    @Id
    @Column(name = "workspace_id")
    private String workspaceId;
    private String roles;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "member_group", joinColumns = {
            @JoinColumn(name = "username", referencedColumnName = "username"),
            @JoinColumn(name = "workspace_id", referencedColumnName = "workspace_id")})
    @Column(name = "group_name")
    private Set<String> groups = new LinkedHashSet<>();

    protected Membership() {
    }

    public Membership(String username, String workspaceId, Set<String> roles, Set<String> groups) {
        this.username = username;
        this.workspaceId = workspaceId;
        assignRoles(roles);
        placeInGroups(groups);
    }

    public String username() { return username; }
    public String workspaceId() { return workspaceId; }
    public Set<String> groups() { return Set.copyOf(groups); }

    public Set<String> roles() {
        return Arrays.stream(roles.split(",")).filter(r -> !r.isBlank()).collect(Collectors.toUnmodifiableSet());
    }

    public boolean isAdmin() {
        return roles().contains("admin");
    }

    public void assignRoles(Set<String> roles) {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("A member needs at least one role");
        }
        this.roles = String.join(",", new TreeSet<>(roles));
    }

    public void placeInGroups(Set<String> groups) {
        this.groups.clear();
        this.groups.addAll(new TreeSet<>(groups));
    }

    /** The key of a membership: who, in which workspace. */
    public static class Key implements Serializable {
        private String username;
        private String workspaceId;

        protected Key() {
        }

        public Key(String username, String workspaceId) {
            this.username = username;
            this.workspaceId = workspaceId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(username, k.username) && Objects.equals(workspaceId, k.workspaceId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(username, workspaceId);
        }
    }
}
