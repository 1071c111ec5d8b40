package io.tollgate.modeler.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One project process as a process admin describes it: roles, fields and stages with their gates.
 * Field keys share one namespace across the template (project, stage and task fields), so an
 * expression can name any of them.
 */
public record Template(
        String key,
        String name,
        Map<String, String> names,
        String description,
        String industry,
        List<String> modules,
        Map<String, Role> roles,
        List<FieldDef> fields,
        List<Stage> stages,
        InsightDef insight) {

    /** A template without an insight section. */
    public Template(String key, String name, Map<String, String> names, String description, String industry,
                    List<String> modules, Map<String, Role> roles, List<FieldDef> fields, List<Stage> stages) {
        this(key, name, names, description, industry, modules, roles, fields, stages, null);
    }

    public Template {
        names = names == null ? Map.of() : Map.copyOf(names);
        modules = modules == null ? List.of() : List.copyOf(modules);
        roles = roles == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(roles));
        fields = fields == null ? List.of() : List.copyOf(fields);
        stages = stages == null ? List.of() : List.copyOf(stages);
    }

    public Optional<Stage> stage(String stageKey) {
        return stages.stream().filter(s -> s.key().equals(stageKey)).findFirst();
    }

    /** Every field of the template: project fields, then each stage's fields and its tasks' fields. */
    public Stream<FieldDef> allFields() {
        return Stream.concat(fields.stream(), stages.stream().flatMap(Stage::allFields));
    }

    /** Each field's type by key, in declaration order; the first declaration wins on duplicates. */
    public java.util.Map<String, FieldType> fieldTypes() {
        java.util.Map<String, FieldType> out = new java.util.LinkedHashMap<>();
        allFields().forEach(f -> {
            if (f.key() != null && f.type() != null) {
                out.putIfAbsent(f.key(), f.type());
            }
        });
        return out;
    }

    public Optional<FieldDef> field(String fieldKey) {
        return allFields().filter(f -> f.key().equals(fieldKey)).findFirst();
    }

    /** Every stage the given one waits for, directly or not. */
    public java.util.Set<String> stagesBefore(String stageKey) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(stageKey));
        while (!todo.isEmpty()) {
            stage(todo.pop()).ifPresent(s -> prerequisites(s).forEach(p -> {
                if (out.add(p)) {
                    todo.push(p);
                }
            }));
        }
        return out;
    }

    /** Every stage that waits for the given one, directly or not. */
    public java.util.Set<String> stagesAfter(String stageKey) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(stageKey));
        while (!todo.isEmpty()) {
            String current = todo.pop();
            for (Stage s : stages) {
                if (prerequisites(s).contains(current) && out.add(s.key())) {
                    todo.push(s.key());
                }
            }
        }
        return out;
    }

    /** The prerequisites of a stage: its {@code after} list, or the previous stage when none is given. */
    public List<String> prerequisites(Stage stage) {
        if (stage.after() != null) {
            return stage.after();
        }
        int index = stages.indexOf(stage);
        String previous = index <= 0 ? null : stages.get(index - 1).key();
        return previous == null ? List.of() : List.of(previous);
    }
}
