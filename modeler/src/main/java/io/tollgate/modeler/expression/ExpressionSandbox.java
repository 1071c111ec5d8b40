package io.tollgate.modeler.expression;

import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

import org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation;

import groovy.lang.Binding;

/**
 * Checks and evaluates the small Groovy expressions process admins write in templates, such as
 * {@code budget <= 500000 && customer != null}, without letting them do anything else.
 *
 * <p>Groovy has no sandbox of its own, so this one is layered. Before anything else the parsed
 * tree must be a single expression made of a few node kinds (no statements, closures,
 * {@code new}, casts, assignments, annotations or imports). It is then statically compiled
 * against the declared variable types, and every method, property and operator the type checker
 * resolved must be on an allow-list of harmless members of strings, numbers, booleans,
 * {@code java.time} values and read-only collections. At run time the script gets only the
 * declared variables, has its dynamic lookups shut, links against a class loader that hides I/O,
 * reflection, processes and threads, and runs on a worker that is abandoned after the time limit.
 *
 * <p>Nothing an expression does may keep the server busy for long:
 * <ul>
 * <li>Arithmetic is bounded. Big-number arithmetic cannot be interrupted, and {@code budget % 7}
 * with a budget of {@code 1e99999999} runs for minutes; so every number is held to
 * {@link NumberBounds} (at most 40 significant digits, exponent within &plusmn;40): variables when
 * they are admitted, literals when the expression is checked, and the operands and result of every
 * {@code + - * / %} and every arithmetic or conversion method as it runs. Text is measured before
 * it is read as a number. Powers ({@code **}, {@code pow}) are not allowed at all.</li>
 * <li>Workers are never lost. An evaluation past the time limit is interrupted and abandoned, and
 * its worker replaced while it finishes, so runaways do not take the pool's capacity away from
 * other expressions; at most twice the pool's size in abandoned workers are replaced at a time.</li>
 * <li>Waiting is bounded. At most 32 evaluations per worker wait for one; beyond that an evaluation
 * is refused as busy at once, and a waiting one counts against its own time limit.</li>
 * </ul>
 *
 * <p>Compiled scripts are cached per expression and variable types (the 1000 most recently
 * used). Instances are thread-safe; one per application is enough.
 */
public final class ExpressionSandbox {

    private static final Duration DEFAULT_TIME_LIMIT = Duration.ofMillis(200);
    private static final int CACHE_SIZE = 1000;
    private static final int WAITING_PER_WORKER = 32;
    private static final int ABANDONED_PER_WORKER = 2;

    private final Duration timeLimit;
    private final ExpressionCompiler compiler;
    private final Map<String, CompiledExpression> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledExpression> eldest) {
            return size() > CACHE_SIZE;
        }
    };
    private final ExpressionWorkers workers;

    /** A sandbox with a time limit of 200 ms per evaluation. */
    public ExpressionSandbox() {
        this(DEFAULT_TIME_LIMIT);
    }

    /** A sandbox that stops any evaluation running longer than {@code timeLimit}. */
    public ExpressionSandbox(Duration timeLimit) {
        Objects.requireNonNull(timeLimit, "timeLimit");
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("The time limit must be positive");
        }
        this.timeLimit = timeLimit;
        this.compiler = new ExpressionCompiler(ExpressionSandbox.class.getClassLoader(), timeLimit);
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        this.workers = new ExpressionWorkers(threads, threads * WAITING_PER_WORKER, threads * ABANDONED_PER_WORKER);
    }

    /**
     * Compiles and statically type-checks a condition against the declared variables, and
     * returns every problem as a plain message; an empty list means the expression is fine.
     * Problems include syntax errors, unknown variables, methods that do not exist, anything the
     * sandbox refuses, and an expression that does not give true or false. Never throws.
     *
     * @param variables the variables the expression may use, with their types (see
     *                  {@link ExpressionTypes#forFieldType(String)})
     */
    public List<String> check(String expression, Map<String, Class<?>> variables) {
        try {
            List<String> problems = new ArrayList<>();
            Map<String, VariableType> declared = declare(variables == null ? Map.of() : variables, problems);
            if (!problems.isEmpty()) {
                return List.copyOf(problems);
            }
            CompiledExpression compiled = compiled(expression, declared);
            if (compiled.isRefused()) {
                return compiled.problems();
            }
            if (!compiled.condition()) {
                return List.of("The expression must give true or false, but its value is of type " + compiled.resultType());
            }
            return List.of();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return List.of("The expression could not be checked: " + e.getMessage());
        }
    }

    /**
     * Evaluates a condition. Variable types are taken from the values; a variable whose value is
     * null can still be compared or used null-safely ({@code url?.startsWith('https')}). A
     * non-boolean result counts by Groovy truth (null, zero, empty are false).
     *
     * @param variables every variable the expression may use; names not in the map are unknown
     * @throws ExpressionException if the expression is refused, takes too long, or fails
     */
    public boolean test(String expression, Map<String, Object> variables) {
        return DefaultTypeTransformation.castToBoolean(evaluate(expression, variables));
    }

    /**
     * Evaluates an expression to its value, with the same rules as {@link #test(String, Map)}.
     *
     * @throws ExpressionException if the expression is refused, takes too long, or fails
     */
    public Object evaluate(String expression, Map<String, Object> variables) {
        Map<String, Object> values = variables == null ? Map.of() : variables;
        Map<String, VariableType> types = new LinkedHashMap<>();
        values.forEach((name, value) -> types.put(name, VariableType.ofValue(name, value)));
        return run(expression, types, values);
    }

    /**
     * Evaluates a condition with declared variable types, as {@link #check} saw them; prefer this
     * when the types are known, since it compiles once per expression whatever the values are.
     * A declared variable missing from {@code values} is null; values of undeclared names are not
     * visible to the expression.
     *
     * @throws ExpressionException if the expression is refused, a value does not fit its declared
     *                             type, or evaluation takes too long or fails
     */
    public boolean test(String expression, Map<String, Class<?>> types, Map<String, Object> values) {
        return DefaultTypeTransformation.castToBoolean(evaluate(expression, types, values));
    }

    /**
     * Evaluates an expression to its value with declared variable types, with the same rules as
     * {@link #test(String, Map, Map)}.
     *
     * @throws ExpressionException if the expression is refused, a value does not fit its declared
     *                             type, or evaluation takes too long or fails
     */
    public Object evaluate(String expression, Map<String, Class<?>> types, Map<String, Object> values) {
        List<String> problems = new ArrayList<>();
        Map<String, VariableType> declared = declare(types == null ? Map.of() : types, problems);
        if (!problems.isEmpty()) {
            throw refusal(problems);
        }
        return run(expression, declared, values == null ? Map.of() : values);
    }

    private Object run(String expression, Map<String, VariableType> types, Map<String, Object> values) {
        CompiledExpression compiled = compiled(expression, types);
        if (compiled.isRefused()) {
            throw refusal(compiled.problems());
        }
        Map<String, Object> admitted = new LinkedHashMap<>();
        types.forEach((name, type) -> admitted.put(name, type.admit(name, values.get(name))));
        Binding binding = new Binding(admitted);

        try {
            return workers.call(() -> {
                try {
                    return compiled.newScript(binding).run();
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw (Exception) e.getCause();
                }
            }, timeLimit);
        } catch (RejectedExecutionException e) {
            throw new ExpressionException("The server is busy evaluating other expressions; try again in a moment");
        } catch (TimeoutException e) {
            throw timeout(expression);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExpressionException("Interrupted while evaluating " + quote(expression));
        } catch (ExecutionException e) {
            throw failure(expression, e.getCause());
        }
    }

    /** Package-private so tests can see that repeated evaluation does not recompile. */
    CompiledExpression compiled(String expression, Map<String, VariableType> types) {
        String key = key(expression, types);
        synchronized (cache) {
            CompiledExpression cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        // Compiled outside the lock: a duplicate compile now and then is cheaper than serialising all.
        CompiledExpression compiled = compiler.compile(expression, types);
        synchronized (cache) {
            cache.putIfAbsent(key, compiled);
            return cache.get(key);
        }
    }

    private static String key(String expression, Map<String, VariableType> types) {
        StringBuilder key = new StringBuilder(String.valueOf(expression)).append('\u0000');
        new TreeMap<>(types).forEach((name, type) -> key.append(name).append(':').append(type.describe()).append(';'));
        return key.toString();
    }

    private static Map<String, VariableType> declare(Map<String, Class<?>> variables, List<String> problems) {
        Map<String, VariableType> declared = new LinkedHashMap<>();
        variables.forEach((name, type) -> {
            VariableType variableType = VariableType.declared(type);
            if (variableType == null) {
                problems.add("Variable '" + name + "' has type " + (type == null ? "null" : type.getSimpleName())
                        + ", which expressions cannot use");
            } else {
                declared.put(name, variableType);
            }
        });
        return declared;
    }

    private ExpressionException timeout(String expression) {
        return new ExpressionException("The expression " + quote(expression) + " took longer than "
                + timeLimit.toMillis() + " ms and was stopped");
    }

    private static ExpressionException refusal(List<String> problems) {
        return new ExpressionException("The expression was refused: " + String.join("; ", problems), problems);
    }

    private ExpressionException failure(String expression, Throwable cause) {
        if (cause instanceof ExpressionException expressionException) {
            return expressionException;
        }
        if (cause instanceof TimeoutException || cause instanceof ExpressionScript.Cancelled) {
            return timeout(expression);
        }
        if (cause instanceof OutOfMemoryError) {
            return new ExpressionException("The expression " + quote(expression) + " needed too much memory");
        }
        if (cause instanceof StackOverflowError) {
            return new ExpressionException("The expression " + quote(expression) + " is nested too deeply");
        }
        if (cause instanceof LinkageError) {
            return new ExpressionException("The expression " + quote(expression)
                    + " uses something that is not available: " + cause.getMessage());
        }
        // the reason in words for whoever reads the gate; the exception's type stays in the cause, for logs
        String detail = cause instanceof ArithmeticException ? "a calculation is not defined (" + words(cause) + ")"
                : cause instanceof java.time.DateTimeException ? "a date or time cannot be read (" + words(cause) + ")"
                : cause instanceof NullPointerException ? "a value it needs is empty"
                : cause instanceof ClassCastException ? "a value is not of the type it needs"
                : words(cause);
        return new ExpressionException("The expression " + quote(expression) + " failed: " + detail, cause);
    }

    /** A cause's message without the class names some messages carry. */
    private static String words(Throwable cause) {
        String message = cause.getMessage() == null ? "it could not be evaluated" : cause.getMessage();
        return message.replaceAll("\\b(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b:?\\s*", "").trim();
    }

    private static String quote(String expression) {
        String text = String.valueOf(expression);
        return "'" + (text.length() > 80 ? text.substring(0, 77) + "..." : text) + "'";
    }
}
