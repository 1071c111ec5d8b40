package io.tollgate.modeler.model;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A stage of the project: its tasks, the gate that closes it, its SLA. {@code after} is null when
 * the template does not say, which means "after the previous stage".
 */
public record Stage(
        String key,
        String name,
        Map<String, String> names,
        String owner,
        List<String> after,
        String when,
        String duration,
        String alertAfter,
        List<FieldDef> fields,
        List<TaskDef> tasks,
        Gate gate) {

    public Stage {
        names = names == null ? Map.of() : Map.copyOf(names);
        after = after == null ? null : List.copyOf(after);
        fields = fields == null ? List.of() : List.copyOf(fields);
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    public String label() {
        return name == null || name.isBlank() ? key : name;
    }

    public Stream<FieldDef> allFields() {
        return Stream.concat(fields.stream(), tasks.stream().flatMap(t -> t.fields().stream()));
    }

    public java.util.Optional<TaskDef> task(String taskKey) {
        return tasks.stream().filter(t -> t.key().equals(taskKey)).findFirst();
    }
}
