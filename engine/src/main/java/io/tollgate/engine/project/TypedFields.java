package io.tollgate.engine.project;

import io.tollgate.modeler.model.FieldDef;
import io.tollgate.modeler.model.Template;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

/** Field values as expressions see them: every declared field present, dates as java.time values. */
@Component
public class TypedFields {

    public Map<String, Object> of(Template template, Map<String, Object> stored) {
        Map<String, Object> out = new HashMap<>();
        template.allFields().forEach(f -> out.put(f.key(), typed(f, stored.get(f.key()))));
        return out;
    }

    private static Object typed(FieldDef def, Object value) {
        if (value == null) {
            return null;
        }
        return switch (def.type()) {
            case DATE -> LocalDate.parse(value.toString());
            case DATETIME -> OffsetDateTime.parse(value.toString());
            case NUMBER, MONEY, PERCENT -> value instanceof java.math.BigDecimal d ? d : new java.math.BigDecimal(value.toString());
            default -> value;
        };
    }
}
