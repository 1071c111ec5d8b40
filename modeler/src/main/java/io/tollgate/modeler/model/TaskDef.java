package io.tollgate.modeler.model;

import java.util.List;
import java.util.Map;

/** A task inside a stage; {@code requires} names tasks of the same stage that must be done first. */
public record TaskDef(
        String key,
        String name,
        Map<String, String> names,
        String assignee,
        List<String> requires,
        List<FieldDef> fields,
        String duration) {

    public TaskDef {
        names = names == null ? Map.of() : Map.copyOf(names);
        requires = requires == null ? List.of() : List.copyOf(requires);
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public String label() {
        return name == null || name.isBlank() ? key : name;
    }
}
