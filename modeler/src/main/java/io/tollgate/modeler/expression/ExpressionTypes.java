package io.tollgate.modeler.expression;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Groovy type an expression sees for a custom field's value, by the field's type name. */
public final class ExpressionTypes {

    private static final Map<String, Class<?>> BY_FIELD_TYPE = Map.ofEntries(
            Map.entry("text", String.class),
            Map.entry("textarea", String.class),
            Map.entry("url", String.class),
            Map.entry("email", String.class),
            Map.entry("select", String.class),
            Map.entry("user", String.class),
            Map.entry("attachment", String.class),
            Map.entry("number", BigDecimal.class),
            Map.entry("money", BigDecimal.class),
            Map.entry("percent", BigDecimal.class),
            Map.entry("date", LocalDate.class),
            Map.entry("datetime", OffsetDateTime.class),
            Map.entry("boolean", Boolean.class),
            // The elements are strings; the sandbox declares these as List<String>.
            Map.entry("multiselect", List.class),
            Map.entry("users", List.class));

    private ExpressionTypes() {
    }

    /**
     * The class a field of the given type ({@code "money"}, {@code "date"}, ...) has in an
     * expression.
     *
     * @throws IllegalArgumentException if the type name is not a known field type
     */
    public static Class<?> forFieldType(String fieldType) {
        Class<?> type = fieldType == null ? null : BY_FIELD_TYPE.get(fieldType.toLowerCase(Locale.ROOT));
        if (type == null) {
            throw new IllegalArgumentException("Unknown field type '" + fieldType + "'");
        }
        return type;
    }
}
