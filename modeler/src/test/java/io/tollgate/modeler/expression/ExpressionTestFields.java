package io.tollgate.modeler.expression;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The custom fields of an imaginary project, as the expression tests see them. */
final class ExpressionTestFields {

    private ExpressionTestFields() {
    }

    static Map<String, Class<?>> types() {
        Map<String, String> fieldTypes = new LinkedHashMap<>();
        fieldTypes.put("budget", "money");
        fieldTypes.put("customer", "user");
        fieldTypes.put("priority", "select");
        fieldTypes.put("tags", "multiselect");
        fieldTypes.put("dueDate", "date");
        fieldTypes.put("otherDate", "date");
        fieldTypes.put("createdAt", "datetime");
        fieldTypes.put("prdUrl", "url");
        fieldTypes.put("approvedExternally", "boolean");
        Map<String, Class<?>> types = new LinkedHashMap<>();
        fieldTypes.forEach((name, type) -> types.put(name, ExpressionTypes.forFieldType(type)));
        return types;
    }

    /** Mutable, and with null values, which Map.of cannot hold. */
    static Map<String, Object> values() {
        Map<String, Object> values = new HashMap<>();
        values.put("budget", new BigDecimal("250000"));
        values.put("customer", "ACME");
        values.put("priority", "high");
        values.put("tags", List.of("urgent", "customer-facing"));
        values.put("dueDate", LocalDate.of(2026, 5, 1));
        values.put("otherDate", LocalDate.of(2026, 6, 1));
        values.put("createdAt", OffsetDateTime.of(2026, 5, 1, 9, 30, 0, 0, ZoneOffset.UTC));
        values.put("prdUrl", null);
        values.put("approvedExternally", Boolean.FALSE);
        return values;
    }
}
