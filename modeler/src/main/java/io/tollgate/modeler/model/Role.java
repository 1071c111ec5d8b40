package io.tollgate.modeler.model;

import java.util.Map;

/** A role of the template; a project assigns people to it when it starts. */
public record Role(String name, Map<String, String> names) {
    public Role {
        names = names == null ? Map.of() : Map.copyOf(names);
    }
}
