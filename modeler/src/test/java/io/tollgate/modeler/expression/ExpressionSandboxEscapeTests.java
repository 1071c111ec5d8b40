package io.tollgate.modeler.expression;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.tollgate.modeler.expression.ExpressionTestFields.types;
import static io.tollgate.modeler.expression.ExpressionTestFields.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExpressionSandboxEscapeTests {

    /** Set by the escape attempts that would run code, so running any of them is visible. */
    private static final String CANARY = "tollgate.expression.escaped";

    /** Backtracks for minutes in java.util.regex, yet uses only allowed operations. */
    private static final String RUNAWAY = "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' ==~ /(.*a){15}b/";

    private static final ExpressionSandbox SANDBOX = new ExpressionSandbox();

    @AfterEach
    void nothingRan() {
        assertThat(System.getProperty(CANARY)).as("an escape attempt ran").isNull();
    }

    @Order(1)
    @ParameterizedTest
    @ValueSource(strings = {
            // processes, the JVM, the environment
            "System.exit(0)",
            "Runtime.getRuntime().exec('ls')",
            "Runtime.runtime.availableProcessors() > 0",
            "'ls'.execute()",
            "customer.execute().text",
            "java.lang.System.getenv()",
            "System.getProperty('user.home') != null",
            "System.properties",
            "System.setProperty('" + CANARY + "', 'yes')",
            "java.lang.System.setProperty('" + CANARY + "', 'yes')",
            "\"${System.setProperty('" + CANARY + "', 'yes')}\"",
            "\"${System.getenv()}\"",
            "ProcessBuilder",
            // files and the network
            "new File('/etc/passwd').text",
            "'/etc/passwd'.toURL().text",
            "customer.toURI()",
            // reflection and the meta-object protocol
            "Class.forName('java.lang.System')",
            "budget.getClass().forName('java.lang.Runtime')",
            "budget.class",
            "budget?.class",
            "budget.'class'",
            "budget.\"${'getClass'}\"()",
            "this.class.classLoader",
            "budget.metaClass",
            "String.metaClass.foo = {1}",
            "[].getClass()",
            "[a: 1].class",
            "tags.get(0).getClass()",
            "customer['class']",
            "tags['class']",
            "customer.getAt('class')",
            "budget.properties",
            "((Object) budget).invokeMethod('getClass', null)",
            "budget.invokeMethod('toString', null)",
            "budget.&toString",
            "budget::toString",
            "tags*.getClass()",
            "LocalDate.getMethods()",
            "Math",
            "budget instanceof Number",
            // the script and its binding
            "getBinding()",
            "binding.variables",
            "this",
            "out",
            "evaluate('1')",
            "this.evaluate('1')",
            "Eval.me('1')",
            "new GroovyShell().evaluate('1')",
            "println('hello')",
            // threads
            "Thread.start{}",
            "new Thread()",
            "Thread.sleep(10000)",
            "Thread.currentThread()",
            // code that is not a single expression
            "while(true){}",
            "for(;;){}",
            "def x = 1; x",
            "x = 1",
            "budget = 1",
            "budget++",
            "true; false",
            "if (true) true else false",
            "class A{}",
            "enum E { A }",
            "def f() { 1 }; f()",
            "{ -> 1 }()",
            "tags.any { it.startsWith('u') }",
            "budget.with { System.exit(0) }",
            "switch (budget) { default -> true }",
            "import java.io.File; true",
            "import static java.lang.System.exit; exit(0)",
            "package evil; true",
            // compile-time code: annotations and grapes
            "@groovy.transform.ASTTest(value={System.exit(0)}) def x",
            "@groovy.transform.ASTTest(value={System.setProperty('" + CANARY + "', 'yes')}) def x = 1",
            "@Grab('org.example:nothing:1.0') import org.example.Nothing; true",
            "@groovy.transform.Field int x = 1; true",
            // huge allocations and runaway work
            "(1..1000000000).sum()",
            "'x' * 2000000000",
            "customer * 2000000000",
            "tags * 2000000000",
            "customer.padLeft(2000000000)",
            "customer.repeat(2000000000)",
            "new byte[2000000000]",
            "budget ** 1000000",
            "budget.pow(999999999)",
            "budget.setScale(1000000000)",
            "1e999999999 + budget",
            "1G << 2000000000",
            "customer.matches('(a+)+b')",
            // mutation of the values
            "tags.add('x')",
            "tags.clear()",
            "tags.sort()"})
    void escapeAttemptsAreRefusedBeforeAnythingRuns(String expression) {
        assertThat(SANDBOX.check(expression, types())).as("problems found by check").isNotEmpty();
        assertThatThrownBy(() -> SANDBOX.evaluate(expression, values()))
                .isInstanceOf(ExpressionException.class)
                .hasMessageStartingWith("The expression was refused")
                .satisfies(e -> assertThat(((ExpressionException) e).problems()).isNotEmpty());
        assertThatThrownBy(() -> SANDBOX.test(expression, types(), values()))
                .isInstanceOf(ExpressionException.class)
                .hasMessageStartingWith("The expression was refused");
    }

    @Order(2)
    @Test
    void refusalsSayWhatIsNotAllowed() {
        assertThat(SANDBOX.check("System.exit(0)", types())).singleElement().asString()
                .contains("System.exit").contains("not allowed");
        assertThat(SANDBOX.check("new File('/etc/passwd').text", types())).singleElement().asString()
                .contains("'new'");
        assertThat(SANDBOX.check("while(true){}", types())).singleElement().asString().contains("Loops");
        assertThat(SANDBOX.check("'x' * 2000000000", types())).singleElement().asString()
                .contains("*").contains("String");
        assertThat(SANDBOX.check("binding.variables", types())).first().asString()
                .contains("Unknown variable 'binding'");
    }

    @Order(3)
    @Test
    void anAllowedButRunawayExpressionIsStoppedAtTheTimeLimit() {
        assertThat(SANDBOX.check(RUNAWAY, Map.of())).as("the runaway expression passes check").isEmpty();

        // the outcome, not a stopwatch: the evaluation is abandoned with the time-limit message
        assertThatThrownBy(() -> SANDBOX.test(RUNAWAY, Map.of()))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("took longer than 200 ms");
        assertThat(workerStillMatching()).as("the worker gave up the match").isFalse();
    }

    @Order(4)
    @Test
    void theTimeLimitIsConfigurable() {
        ExpressionSandbox quick = new ExpressionSandbox(Duration.ofMillis(50));

        assertThatThrownBy(() -> quick.test(RUNAWAY, Map.of()))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("took longer than 50 ms");
        assertThat(quick.test("1 < 2", Map.of())).isTrue();
    }

    @Order(Integer.MAX_VALUE)
    @Test
    void aNormalExpressionStillEvaluatesAfterAllAttempts() {
        assertThat(SANDBOX.test("budget > 100000 && tags.contains('urgent')", values())).isTrue();
        assertThat(SANDBOX.test("budget > 100000 && tags.contains('urgent')", types(), values())).isTrue();
    }

    /** Polls for a while: a cancelled worker needs a moment to notice its interrupt. */
    private static boolean workerStillMatching() {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < deadline) {
            boolean matching = Thread.getAllStackTraces().entrySet().stream()
                    .filter(entry -> entry.getKey().getName().startsWith("tollgate-expression-"))
                    .anyMatch(entry -> List.of(entry.getValue()).stream()
                            .anyMatch(frame -> frame.getClassName().startsWith("java.util.regex.")));
            if (!matching) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return true;
    }
}
