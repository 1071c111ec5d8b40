package io.tollgate.modeler.expression;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpressionTypesTests {

    @ParameterizedTest
    @CsvSource({
            "text, java.lang.String", "textarea, java.lang.String", "url, java.lang.String",
            "email, java.lang.String", "select, java.lang.String", "user, java.lang.String",
            "attachment, java.lang.String", "number, java.math.BigDecimal", "money, java.math.BigDecimal",
            "percent, java.math.BigDecimal", "date, java.time.LocalDate", "datetime, java.time.OffsetDateTime",
            "boolean, java.lang.Boolean", "multiselect, java.util.List", "users, java.util.List"})
    void mapsEachFieldTypeToTheClassExpressionsSee(String fieldType, Class<?> expected) {
        assertThat(ExpressionTypes.forFieldType(fieldType)).isEqualTo(expected);
    }

    @Test
    void ignoresTheCaseOfTheTypeName() {
        assertThat(ExpressionTypes.forFieldType("MONEY")).isEqualTo(BigDecimal.class);
    }

    @Test
    void refusesAnUnknownFieldType() {
        assertThatThrownBy(() -> ExpressionTypes.forFieldType("colour"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("colour");
    }

    @Test
    void everyFieldTypeIsOneTheSandboxAccepts() {
        ExpressionSandbox sandbox = new ExpressionSandbox();
        for (String fieldType : List.of("text", "money", "date", "datetime", "boolean", "users")) {
            assertThat(sandbox.check("x != null", Map.of("x", ExpressionTypes.forFieldType(fieldType))))
                    .as(fieldType).isEmpty();
        }
    }
}
