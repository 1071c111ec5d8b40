package io.tollgate.engine.template;

import io.tollgate.modeler.model.FieldType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** The Java type an expression sees for each field type. */
final class ExpressionTypesBridge {
    private ExpressionTypesBridge() {
    }

    static Class<?> javaType(FieldType type) {
        return switch (type) {
            case NUMBER, MONEY, PERCENT -> BigDecimal.class;
            case DATE -> LocalDate.class;
            case DATETIME -> OffsetDateTime.class;
            case BOOLEAN -> Boolean.class;
            case MULTISELECT, USERS -> List.class;
            default -> String.class;
        };
    }
}
