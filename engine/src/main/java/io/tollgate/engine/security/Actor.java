package io.tollgate.engine.security;

import java.util.HashSet;
import java.util.Set;

/** The signed-in caller: who, in which workspace, with which roles and groups. */
public record Actor(String username, String workspaceId, Set<String> roles, Set<String> groups) {

    public boolean isAdmin() {
        return roles.contains("admin");
    }

    /** The principals a task can be offered to that match this caller: user:name and group:name. */
    public Set<String> principals() {
        Set<String> out = new HashSet<>();
        out.add("user:" + username);
        groups.forEach(g -> out.add("group:" + g));
        return out;
    }
}
