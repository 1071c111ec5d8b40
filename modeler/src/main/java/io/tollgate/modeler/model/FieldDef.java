package io.tollgate.modeler.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** A custom field with its rules; {@code name} defaults to the key when a template leaves it out. */
public record FieldDef(
        String key,
        FieldType type,
        String name,
        Map<String, String> names,
        boolean required,
        BigDecimal min,
        BigDecimal max,
        Integer minLength,
        Integer maxLength,
        String pattern,
        List<Option> options,
        String currency) {

    public FieldDef {
        names = names == null ? Map.of() : Map.copyOf(names);
        options = options == null ? List.of() : List.copyOf(options);
    }

    public String label() {
        return name == null || name.isBlank() ? key : name;
    }

    /** One choice of a select or multiselect field. */
    public record Option(String value, String name, Map<String, String> names) {
        public Option {
            names = names == null ? Map.of() : Map.copyOf(names);
        }
    }
}
