package io.tollgate.modeler.expression;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;
import org.codehaus.groovy.control.customizers.ImportCustomizer;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SimpleMessage;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;
import org.codehaus.groovy.tools.GroovyClass;

import groovy.lang.Binding;
import groovy.lang.GroovyClassLoader;
import groovy.transform.TimedInterrupt;

import static org.codehaus.groovy.ast.tools.GeneralUtils.classX;
import static org.codehaus.groovy.ast.tools.GeneralUtils.propX;

/**
 * Turns expression text into a loaded script class, or into a list of problems. Nothing the
 * expression says runs during compilation: global AST transformations (such as {@code @Grab}) are
 * switched off, the class loader never looks for Groovy sources, and {@link ShapeCustomizer}
 * refuses annotations before the phase in which local transformations would run.
 */
final class ExpressionCompiler {

    static final int MAX_LENGTH = 4000;

    private static final AtomicLong CLASS_COUNTER = new AtomicLong();
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> KEYWORDS = Set.of(
            "abstract", "as", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
            "continue", "def", "default", "do", "double", "else", "enum", "extends", "false", "final", "finally",
            "float", "for", "goto", "if", "implements", "import", "in", "instanceof", "int", "interface", "long",
            "native", "new", "null", "package", "permits", "private", "protected", "public", "record", "return",
            "sealed", "short", "static", "strictfp", "super", "switch", "synchronized", "this", "threadsafe",
            "throw", "throws", "trait", "transient", "true", "try", "var", "void", "volatile", "while", "yields");
    private static final String GLOBAL_TRANSFORMS = "org.codehaus.groovy.transform.ASTTransformation";
    private static final String STC_PREFIX = "[Static type checking] - ";
    private static final Pattern UNDECLARED = Pattern.compile("The variable \\[(\\w+)] is undeclared\\.");
    private static final Pattern NO_METHOD = Pattern.compile(
            "Cannot find matching (?:static )?method ([\\w.$]+)#(\\w+)\\((.*?)\\)\\..*", Pattern.DOTALL);
    private static final Pattern NO_PROPERTY = Pattern.compile("No such property: (\\w+) for class: ([\\w.$]+)");
    private static final Pattern PACKAGES = Pattern.compile(
            "\\b(?:java\\.(?:lang|math|util|time|time\\.temporal|time\\.chrono)|groovy\\.lang)\\.(?=[A-Z])");

    private final GroovyClassLoader compileLoader;
    private final ClassLoader runtimeParent;
    private final Set<String> globalTransforms;
    private final long timeLimitMillis;

    ExpressionCompiler(ClassLoader parent, Duration timeLimit) {
        this.compileLoader = new GroovyClassLoader(parent);
        // Never compile a .groovy file found on the class path while resolving a name.
        this.compileLoader.setResourceLoader(filename -> null);
        this.runtimeParent = new RestrictedLoader(parent);
        this.globalTransforms = globalTransforms(parent);
        this.timeLimitMillis = Math.max(1, timeLimit.toMillis());
    }

    CompiledExpression compile(String expression, Map<String, VariableType> variables) {
        List<String> problems = precheck(expression, variables);
        if (!problems.isEmpty()) {
            return CompiledExpression.refused(problems);
        }
        TypeCheckCustomizer typeCheck = new TypeCheckCustomizer();
        CompilerConfiguration config = configuration(variables, typeCheck);
        CompilationUnit unit = new CompilationUnit(config, null, compileLoader);
        String className = "TollgateExpression" + CLASS_COUNTER.incrementAndGet();
        unit.addSource(className, expression);
        try {
            unit.compile(Phases.CLASS_GENERATION);
        } catch (MultipleCompilationErrorsException e) {
            return CompiledExpression.refused(messages(e, variables.keySet(), unit.getPhase() <= Phases.CONVERSION));
        } catch (CompilationFailedException e) {
            return CompiledExpression.refused(List.of(clean(e.getMessage(), variables.keySet())));
        } catch (StackOverflowError e) {
            return CompiledExpression.refused(List.of("The expression is nested too deeply"));
        } catch (RuntimeException | LinkageError e) {
            return CompiledExpression.refused(List.of("The expression could not be compiled: " + e.getMessage()));
        }
        return load(unit, className, typeCheck.resultType());
    }

    private CompiledExpression load(CompilationUnit unit, String className, ClassNode resultType) {
        ScriptLoader loader = new ScriptLoader(runtimeParent);
        Class<?> script = null;
        for (GroovyClass generated : unit.getClasses()) {
            Class<?> defined = loader.define(generated.getName(), generated.getBytes());
            if (generated.getName().equals(className)) {
                script = defined;
            }
        }
        if (script == null || !ExpressionScript.class.isAssignableFrom(script)) {
            return CompiledExpression.refused(List.of("The expression could not be compiled"));
        }
        try {
            boolean condition = resultType == null || AllowList.isBoolean(resultType) || AllowList.isUntyped(resultType);
            return new CompiledExpression(List.of(),
                    script.asSubclass(ExpressionScript.class).getConstructor(Binding.class),
                    resultType == null ? "value" : TypeCheckCustomizer.simpleName(resultType), condition);
        } catch (NoSuchMethodException e) {
            return CompiledExpression.refused(List.of("The expression could not be compiled"));
        }
    }

    private static List<String> precheck(String expression, Map<String, VariableType> variables) {
        List<String> problems = new ArrayList<>();
        if (expression == null || expression.isBlank()) {
            problems.add("The expression is empty");
        } else if (expression.length() > MAX_LENGTH) {
            problems.add("The expression is longer than " + MAX_LENGTH + " characters");
        }
        for (String name : variables.keySet()) {
            if (name == null || !NAME.matcher(name).matches() || KEYWORDS.contains(name)) {
                problems.add("'" + name + "' cannot be used as a variable name");
            }
        }
        return problems;
    }

    private CompilerConfiguration configuration(Map<String, VariableType> variables, TypeCheckCustomizer typeCheck) {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(ExpressionScript.class.getName());
        config.setDisabledGlobalASTTransformations(new HashSet<>(globalTransforms));
        config.setRecompileGroovySource(false);
        config.setTargetDirectory((java.io.File) null);
        ImportCustomizer imports = new ImportCustomizer().addImports(
                "java.time.LocalDate", "java.time.LocalDateTime", "java.time.LocalTime", "java.time.OffsetDateTime",
                "java.time.Duration", "java.time.Period", "java.time.DayOfWeek", "java.time.Month",
                "java.time.temporal.ChronoUnit");
        // A timer in the script itself, checked on entry; the worker's deadline is the real limit.
        ASTTransformationCustomizer timedInterrupt = new ASTTransformationCustomizer(
                Map.of("value", timeLimitMillis, "unit", propX(classX(ClassHelper.make(TimeUnit.class)), "MILLISECONDS")),
                TimedInterrupt.class);
        // Order matters: the shape check must see the source's own imports, before ours are added.
        config.addCompilationCustomizers(new ShapeCustomizer(variables), imports, timedInterrupt, typeCheck);
        return config;
    }

    private static Set<String> globalTransforms(ClassLoader loader) {
        Set<String> names = new HashSet<>();
        for (String resource : List.of("META-INF/services/" + GLOBAL_TRANSFORMS, "META-INF/groovy/" + GLOBAL_TRANSFORMS)) {
            try {
                Enumeration<URL> urls = loader.getResources(resource);
                for (URL url : Collections.list(urls)) {
                    try (BufferedReader reader = new BufferedReader(
                            new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                        reader.lines().map(line -> line.replaceFirst("#.*", "").trim())
                                .filter(line -> !line.isEmpty()).forEach(names::add);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("Cannot list global AST transformations", e);
            }
        }
        // Named explicitly in case its service file cannot be read.
        names.add("groovy.grape.GrabAnnotationTransformation");
        return names;
    }

    private static List<String> messages(MultipleCompilationErrorsException e, Set<String> known, boolean parsing) {
        Set<String> messages = new LinkedHashSet<>();
        for (Message message : e.getErrorCollector().getErrors()) {
            if (message instanceof SyntaxErrorMessage syntax) {
                SyntaxException cause = syntax.getCause();
                String text = clean(cause.getOriginalMessage(), known);
                if (parsing && !(cause instanceof Refusal)) {
                    text = "Syntax error: " + (text.equals("parsing failed") ? "the expression could not be parsed" : text);
                }
                messages.add(cause.getLine() > 0
                        ? text + " (line " + cause.getLine() + ", column " + cause.getStartColumn() + ")" : text);
            } else if (message instanceof ExceptionMessage exception) {
                messages.add(clean(exception.getCause().getMessage(), known));
            } else if (message instanceof SimpleMessage simple) {
                messages.add(clean(simple.getMessage(), known));
            }
        }
        if (messages.isEmpty()) {
            messages.add("The expression could not be compiled");
        }
        return List.copyOf(messages);
    }

    /** Compiler wording, made readable for a process admin. */
    static String clean(String message, Set<String> known) {
        if (message == null) {
            return "The expression could not be compiled";
        }
        String text = message.strip();
        if (text.startsWith(STC_PREFIX)) {
            text = text.substring(STC_PREFIX.length());
        }
        Matcher undeclared = UNDECLARED.matcher(text);
        if (undeclared.matches()) {
            text = "Unknown variable '" + undeclared.group(1) + "'"
                    + (known.isEmpty() ? "" : "; known variables: " + String.join(", ", known.stream().sorted().toList()));
        }
        Matcher noMethod = NO_METHOD.matcher(text);
        if (noMethod.matches()) {
            String type = noMethod.group(1);
            text = "There is no method " + noMethod.group(2) + "(" + noMethod.group(3) + ") on "
                    + type.substring(type.lastIndexOf('.') + 1);
        }
        Matcher noProperty = NO_PROPERTY.matcher(text);
        if (noProperty.find()) {
            String type = noProperty.group(2);
            text = "There is no property '" + noProperty.group(1) + "' on " + type.substring(type.lastIndexOf('.') + 1);
        }
        return PACKAGES.matcher(text).replaceAll("");
    }

    /**
     * Parent of every script's loader: hides whole areas of the platform a script has no business
     * linking against, so a hole in the compile-time checks would still fail at link time.
     * {@code java.lang.System} stays visible because the timed interrupt reads its clock.
     */
    private static final class RestrictedLoader extends ClassLoader {

        private static final List<String> HIDDEN = List.of(
                "java.io.", "java.nio.", "java.net.", "java.lang.reflect.", "java.lang.Runtime", "java.lang.Process",
                "java.lang.Thread", "java.lang.ClassLoader", "java.sql.", "java.rmi.", "java.util.zip.",
                "java.util.jar.", "java.util.logging.", "java.util.prefs.", "java.util.ServiceLoader", "javax.",
                "sun.", "jdk.", "com.sun.", "groovy.grape.", "groovy.util.Eval", "groovy.lang.GroovyShell",
                "groovy.lang.GroovyClassLoader", "org.codehaus.groovy.control.", "org.codehaus.groovy.tools.");

        private static final Set<String> TIMED_INTERRUPT =
                Set.of("java.util.concurrent.TimeoutException", "java.util.concurrent.TimeUnit");

        RestrictedLoader(ClassLoader parent) {
            super("tollgate-expressions", parent);
        }

        /**
         * The JVM's own reflection accessors: after a few constructions of a script it generates an
         * accessor class in a loader below the script's, which must link against these. Scripts
         * themselves cannot name them: the compile-time checks refuse any reference to them.
         */
        private static final List<String> PLATFORM_INTERNALS = List.of("jdk.internal.reflect.", "sun.reflect.");

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            for (String internal : PLATFORM_INTERNALS) {
                if (name.startsWith(internal)) {
                    return super.loadClass(name, resolve);
                }
            }
            for (String hidden : HIDDEN) {
                if (name.startsWith(hidden)) {
                    throw new ClassNotFoundException(name + " is not available to expressions");
                }
            }
            if (name.startsWith("java.util.concurrent.") && !TIMED_INTERRUPT.contains(name)) {
                throw new ClassNotFoundException(name + " is not available to expressions");
            }
            return super.loadClass(name, resolve);
        }
    }

    /** One per compiled expression, so evicting it from the cache lets its class be collected. */
    private static final class ScriptLoader extends ClassLoader {

        ScriptLoader(ClassLoader parent) {
            super("tollgate-expression", parent);
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }

    /** A rule of the sandbox broken, as opposed to the compiler's own complaints. */
    static final class Refusal extends SyntaxException {

        private static final long serialVersionUID = 1L;

        Refusal(String message, ASTNode node) {
            super(message, node.getLineNumber(), node.getColumnNumber());
        }
    }

    /** Ends compilation now if anything was reported, instead of at the end of the phase. */
    static void stopIfErrors(SourceUnit source) {
        if (source.getErrorCollector().hasErrors()) {
            throw new MultipleCompilationErrorsException(source.getErrorCollector());
        }
    }
}
