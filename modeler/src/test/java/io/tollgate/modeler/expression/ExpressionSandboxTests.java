package io.tollgate.modeler.expression;

import java.io.File;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.tollgate.modeler.expression.ExpressionTestFields.types;
import static io.tollgate.modeler.expression.ExpressionTestFields.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ExpressionSandboxTests {

    private static final ExpressionSandbox SANDBOX = new ExpressionSandbox();

    static Stream<Arguments> typicalConditions() {
        return Stream.of(
                arguments("budget <= 500000", true),
                arguments("budget > 300000", false),
                arguments("budget == 250000.00", true),
                arguments("budget / 4 == 62500", true),
                arguments("budget > 100000 && customer != null", true),
                arguments("priority == 'high' || tags.contains('urgent')", true),
                arguments("priority == 'low' && tags.contains('urgent')", false),
                arguments("tags.contains('cheap')", false),
                arguments("'urgent' in tags && tags.size() == 2", true),
                arguments("customer.toLowerCase() == 'acme'", true),
                arguments("customer ==~ /AC.*/", true),
                arguments("customer.startsWith('X') ? budget > 0 : budget < 0", false),
                arguments("dueDate < otherDate", true),
                arguments("dueDate.isBefore(java.time.LocalDate.of(2027, 1, 1))", true),
                arguments("dueDate.isAfter(LocalDate.of(2027, 1, 1))", false),
                arguments("dueDate.plusDays(31) == otherDate", true),
                arguments("ChronoUnit.DAYS.between(dueDate, otherDate) >= 30", true),
                arguments("dueDate.dayOfWeek == DayOfWeek.FRIDAY", true),
                arguments("createdAt.toLocalDate() == dueDate", true),
                arguments("prdUrl?.startsWith('https://')", false),
                arguments("(prdUrl ?: 'none') == 'none'", true),
                arguments("prdUrl == null", true),
                arguments("!approvedExternally", true),
                arguments("approvedExternally || Math.abs(-3) == 3", true));
    }

    @ParameterizedTest
    @MethodSource("typicalConditions")
    void typicalConditionsPassCheck(String expression, boolean expected) {
        assertThat(SANDBOX.check(expression, types())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("typicalConditions")
    void typicalConditionsEvaluateWithTypesTakenFromTheValues(String expression, boolean expected) {
        assertThat(SANDBOX.test(expression, values())).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("typicalConditions")
    void typicalConditionsEvaluateWithDeclaredTypes(String expression, boolean expected) {
        assertThat(SANDBOX.test(expression, types(), values())).isEqualTo(expected);
    }

    @Test
    void nullSafeNavigationFollowsTheValue() {
        Map<String, Object> values = values();
        values.put("prdUrl", "https://example.com/prd");
        assertThat(SANDBOX.test("prdUrl?.startsWith('https://')", values)).isTrue();
        values.put("prdUrl", "http://example.com/prd");
        assertThat(SANDBOX.test("prdUrl?.startsWith('https://')", values)).isFalse();
        values.put("prdUrl", null);
        assertThat(SANDBOX.evaluate("prdUrl?.startsWith('https://')", values)).isNull();
        assertThat(SANDBOX.test("prdUrl?.length() > 3", values)).isFalse();
    }

    @Test
    void accessWithoutNullSafetyOnAMissingValueFailsSayingWhy() {
        assertThatThrownBy(() -> SANDBOX.test("prdUrl.startsWith('https://')", values()))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("prdUrl has no value")
                .hasMessageContaining("prdUrl?.startsWith");
        assertThatThrownBy(() -> SANDBOX.test("prdUrl.startsWith('https://')", types(), values()))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("failed")
                .hasMessageContaining("a value it needs is empty")
                .hasMessageNotContaining("NullPointerException");
    }

    @Test
    void evaluateReturnsTheValueItself() {
        assertThat((BigDecimal) SANDBOX.evaluate("budget * 2", values())).isEqualByComparingTo("500000");
        assertThat(SANDBOX.evaluate("tags.size()", values())).isEqualTo(2);
        assertThat(SANDBOX.evaluate("customer + '!'", values())).isEqualTo("ACME!");
        assertThat(SANDBOX.evaluate("tags.join(', ')", types(), values())).isEqualTo("urgent, customer-facing");
    }

    @Test
    void nonBooleanResultsCountByGroovyTruth() {
        assertThat(SANDBOX.test("customer", values())).isTrue();
        assertThat(SANDBOX.test("budget - 250000", values())).isFalse();
        assertThat(SANDBOX.test("tags", values())).isTrue();
    }

    @Test
    void checkNamesAMisspeltVariable() {
        List<String> problems = SANDBOX.check("budgte <= 5", types());

        assertThat(problems).singleElement().asString()
                .contains("Unknown variable 'budgte'")
                .contains("budget");
    }

    @Test
    void checkReportsSyntaxErrors() {
        assertThat(SANDBOX.check("budget <=", types())).singleElement().asString().startsWith("Syntax error");
        assertThat(SANDBOX.check("(budget > 5", types())).singleElement().asString().startsWith("Syntax error");
    }

    @Test
    void checkReportsAMethodThatDoesNotExistOnString() {
        assertThat(SANDBOX.check("customer.shout() == 'ACME'", types())).singleElement().asString()
                .contains("shout()")
                .contains("String");
    }

    @Test
    void checkReportsAMethodOfTheWrongType() {
        assertThat(SANDBOX.check("budget.startsWith('2')", types())).singleElement().asString()
                .contains("startsWith")
                .contains("BigDecimal");
    }

    @Test
    void checkReportsAnExpressionThatIsNotACondition() {
        assertThat(SANDBOX.check("budget * 2", types())).singleElement().asString()
                .contains("true or false")
                .contains("BigDecimal");
    }

    @Test
    void checkReportsVariablesOfTypesExpressionsCannotUse() {
        assertThat(SANDBOX.check("x != null", Map.of("x", File.class))).singleElement().asString()
                .contains("'x'")
                .contains("File");
    }

    @Test
    void checkReportsEmptyExpressionsAndNeverThrows() {
        assertThat(SANDBOX.check("", types())).singleElement().asString().contains("empty");
        assertThat(SANDBOX.check(null, null)).singleElement().asString().contains("empty");
        assertThat(SANDBOX.check("budget > 1", Map.of("not a name", String.class))).singleElement().asString()
                .contains("'not a name'");
    }

    @Test
    void evaluationRefusesAVariableThatIsNotInTheMap() {
        assertThatThrownBy(() -> SANDBOX.test("budgte > 5", values()))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("Unknown variable 'budgte'")
                .satisfies(e -> assertThat(((ExpressionException) e).problems()).hasSize(1));
    }

    @Test
    void declaredTypesAreEnforcedOnTheValues() {
        Map<String, Object> values = values();
        values.put("budget", "a lot");

        assertThatThrownBy(() -> SANDBOX.test("budget > 1", types(), values))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("'budget'")
                .hasMessageContaining("String");
    }

    @Test
    void declaredMoneyAcceptsAnyNumberAsBigDecimal() {
        assertThat(SANDBOX.test("budget == 5 && budget.scale() == 0", Map.of("budget", BigDecimal.class),
                Map.of("budget", 5))).isTrue();
    }

    @Test
    void aDeclaredVariableWithoutAValueIsNull() {
        assertThat(SANDBOX.test("customer == null && budget > 1", types(), Map.of("budget", BigDecimal.TEN))).isTrue();
    }

    @Test
    void valuesOfTypesExpressionsCannotUseAreRefused() {
        Map<String, Object> values = new HashMap<>();
        values.put("file", new File("/etc/passwd"));

        assertThatThrownBy(() -> SANDBOX.test("file != null", values))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("'file'")
                .hasMessageContaining("File");
        assertThatThrownBy(() -> SANDBOX.test("tags != null", Map.of("tags", List.of(new File("/")))))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("'tags'");
    }

    @Test
    void failuresWhileRunningBecomeReadableExpressionExceptions() {
        assertThatThrownBy(() -> SANDBOX.test("budget / 0 > 1", values()))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("failed")
                .hasMessageContaining("Division by zero")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\tat ", "Exception in"))
                .satisfies(e -> assertThat(((ExpressionException) e).problems()).isEmpty());
        assertThatThrownBy(() -> SANDBOX.test("LocalDate.parse(customer) > dueDate", values()))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("a date or time cannot be read")
                .hasMessageNotContaining("DateTimeParseException");
    }

    @Test
    void compiledScriptsAreCachedPerExpressionAndVariableTypes() {
        Map<String, VariableType> asBigDecimal = Map.of("budget", VariableType.declared(BigDecimal.class));
        Map<String, VariableType> asInteger = Map.of("budget", VariableType.declared(Integer.class));

        CompiledExpression first = SANDBOX.compiled("budget > 1", asBigDecimal);

        assertThat(SANDBOX.compiled("budget > 1", asBigDecimal)).isSameAs(first);
        assertThat(SANDBOX.compiled("budget > 1", asInteger)).isNotSameAs(first);
        assertThat(SANDBOX.compiled("budget > 2", asBigDecimal)).isNotSameAs(first);
    }

    @Test
    void keepsEvaluatingWhenTheJvmInflatesItsReflectionAccessors() {
        ExpressionSandbox sandbox = new ExpressionSandbox();
        // past the JVM's inflation threshold (15) it generates accessor classes below the script's loader
        for (int i = 0; i < 60; i++) {
            assertThat(sandbox.test("budget <= 500000", types(), values())).as("evaluation %d", i).isTrue();
        }
    }
}
