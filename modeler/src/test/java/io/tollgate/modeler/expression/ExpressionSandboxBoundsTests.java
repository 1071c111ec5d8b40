package io.tollgate.modeler.expression;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.tollgate.modeler.expression.ExpressionTestFields.types;
import static io.tollgate.modeler.expression.ExpressionTestFields.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Arithmetic in expressions works on numbers of bounded size, so no expression can start a
 * computation that runs for minutes and cannot be stopped, and runaway evaluations never take
 * the sandbox's workers away from everyone else.
 */
class ExpressionSandboxBoundsTests {

    /** Backtracks for minutes in java.util.regex, yet uses only allowed operations. */
    private static final String RUNAWAY_MATCH = "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' ==~ /(.*a){15}b/";

    private static Map<String, Object> budget(String value) {
        Map<String, Object> values = values();
        values.put("budget", new BigDecimal(value));
        return values;
    }

    @Test
    void refusesArithmeticOnANumberBeyondTheBound() {
        ExpressionSandbox sandbox = new ExpressionSandbox();

        assertThatThrownBy(() -> sandbox.test("budget % 7 >= 0", budget("1e60")))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("budget").hasMessageContaining("at most 40 significant digits");
        assertThatThrownBy(() -> sandbox.test("budget % 7 >= 0", types(), budget("1e60")))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("at most 40 significant digits");
    }

    @Test
    void refusesAResultBeyondTheBoundBeforeCalculatingWithIt() {
        ExpressionSandbox sandbox = new ExpressionSandbox();

        assertThat(sandbox.test("budget * budget > 0", types(), budget("1e20"))).isTrue();
        assertThatThrownBy(() -> sandbox.test("budget * budget * budget % 7 >= 0", types(), budget("1e20")))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("at most 40 significant digits");
        assertThatThrownBy(() -> sandbox.test("budget.multiply(budget).multiply(budget) > 0", types(), budget("1e20")))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("at most 40 significant digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "'1e99999999'.toBigDecimal().toBigInteger() > 0",
            "'1e99999999'.toBigDecimal() % 7 >= 0",
            "customer.toBigDecimal() > 0",
            "customer.isBigDecimal()"})
    void refusesNumbersMadeFromTextBeyondTheBound(String expression) {
        ExpressionSandbox sandbox = new ExpressionSandbox();
        Map<String, Object> values = values();
        values.put("customer", "1".repeat(100_000));

        assertThatThrownBy(() -> sandbox.test(expression, types(), values))
                .isInstanceOf(ExpressionException.class)
                .hasMessageNotContaining("took longer")
                .hasMessageContaining("at most");
    }

    @Test
    void refusesLiteralsBeyondTheBoundWhenChecking() {
        ExpressionSandbox sandbox = new ExpressionSandbox();

        assertThat(sandbox.check("budget < 1e40", types())).isEmpty();
        assertThat(sandbox.check("budget < 1e41", types())).singleElement().asString().contains("too large");
        assertThat(sandbox.check("budget > 0.00000000000000000000000000000000000000001", types()))
                .singleElement().asString().contains("too large or too precise");
    }

    @Test
    void keepsOrdinaryArithmeticWorking() {
        ExpressionSandbox sandbox = new ExpressionSandbox();
        Map<String, Object> values = budget("123456789012345678.9999");

        assertThat(sandbox.test("budget / 3 > 41152263004115226", types(), values)).isTrue();
        assertThat(sandbox.test("budget * 0.1 + 1 - budget.remainder(7.0) > 0", types(), values)).isTrue();
        assertThat(sandbox.test("(budget % 7).abs() < 7 && budget.intValue() != 0", types(), values)).isTrue();
        assertThat(sandbox.test("budget.toBigInteger() > 0 && '12.5'.toBigDecimal() * 2 == 25", types(), values)).isTrue();
        assertThat(sandbox.test("customer + '!' == 'ACME!' && tags + ['x'] == ['urgent', 'customer-facing', 'x']",
                types(), values)).isTrue();
        assertThat(sandbox.evaluate("1 + 2 * 3", Map.of())).isEqualTo(7);
    }

    @Test
    void runawayEvaluationsDoNotStarveTheNextOne() throws Exception {
        ExpressionSandbox sandbox = new ExpressionSandbox();
        ExecutorService callers = Executors.newFixedThreadPool(20);
        try {
            List<CompletableFuture<String>> runaways = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                runaways.add(CompletableFuture.supplyAsync(
                        () -> outcome(() -> sandbox.test("budget % 7 >= 0", types(), budget("1e99999999"))), callers));
                runaways.add(CompletableFuture.supplyAsync(
                        () -> outcome(() -> sandbox.test(RUNAWAY_MATCH, Map.of())), callers));
            }
            for (CompletableFuture<String> runaway : runaways) {
                assertThat(runaway.get(60, TimeUnit.SECONDS)).as("each runaway is stopped or refused").isNotEqualTo("true");
            }

            assertThat(sandbox.test("budget > 100000 && tags.contains('urgent')", types(), values())).isTrue();
        } finally {
            callers.shutdownNow();
        }
    }

    private static String outcome(java.util.function.BooleanSupplier evaluation) {
        try {
            return String.valueOf(evaluation.getAsBoolean());
        } catch (ExpressionException e) {
            return e.getMessage();
        }
    }
}
