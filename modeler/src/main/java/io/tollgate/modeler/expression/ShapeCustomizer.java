package io.tollgate.modeler.expression;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.AnnotationNode;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ArrayExpression;
import org.codehaus.groovy.ast.expr.AttributeExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.BitwiseNegationExpression;
import org.codehaus.groovy.ast.expr.BooleanExpression;
import org.codehaus.groovy.ast.expr.CastExpression;
import org.codehaus.groovy.ast.expr.ClassExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.ConstructorCallExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.ExpressionTransformer;
import org.codehaus.groovy.ast.expr.GStringExpression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.MethodPointerExpression;
import org.codehaus.groovy.ast.expr.PostfixExpression;
import org.codehaus.groovy.ast.expr.PrefixExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.RangeExpression;
import org.codehaus.groovy.ast.expr.SpreadExpression;
import org.codehaus.groovy.ast.expr.SpreadMapExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.TernaryExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.UnaryMinusExpression;
import org.codehaus.groovy.ast.expr.UnaryPlusExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.ast.stmt.DoWhileStatement;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.ForStatement;
import org.codehaus.groovy.ast.stmt.IfStatement;
import org.codehaus.groovy.ast.stmt.ReturnStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.ast.stmt.WhileStatement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.Types;

import static org.codehaus.groovy.ast.tools.GeneralUtils.args;
import static org.codehaus.groovy.ast.tools.GeneralUtils.callThisX;
import static org.codehaus.groovy.ast.tools.GeneralUtils.castX;
import static org.codehaus.groovy.ast.tools.GeneralUtils.constX;
import static org.codehaus.groovy.ast.tools.GeneralUtils.declS;
import static org.codehaus.groovy.ast.tools.GeneralUtils.localVarX;

/**
 * First line of defence, run right after parsing and before anything else touches the tree:
 * annotations (and so AST transformations such as {@code @ASTTest}), imports, classes, methods,
 * statements, closures, {@code new}, casts, assignments and the like never get further than this.
 * What passes is exactly one expression built from a small set of node kinds, which is then
 * prepared for type checking: variables declared with their types, {@code ==~} routed through an
 * interruptible matcher, member access on null-valued untyped variables resolved, and every
 * calculation's operands and result put through a bound on the size of numbers.
 */
final class ShapeCustomizer extends CompilationCustomizer {

    /** Marks the statement holding the admin's expression, for the allow-list pass. */
    static final String USER_EXPRESSION = "tollgate.userExpression";
    /** Marks the declarations this class writes, so only they count as known variables. */
    static final String DECLARED_VARIABLE = "tollgate.declaredVariable";
    /** Marks calls this class writes to {@link ExpressionScript} helpers. */
    static final String HELPER_CALL = "tollgate.helperCall";

    private static final String NULL_VALUE = "tollgate.nullValue";
    private static final String NO_VALUE = "tollgate.noValue";

    /** Names refused wherever they appear as a member, with a clearer message than the allow-list's. */
    static final Set<String> FORBIDDEN_MEMBERS = Set.of(
            "class", "getClass", "metaClass", "getMetaClass", "setMetaClass", "invokeMethod",
            "getProperty", "setProperty", "properties", "getProperties", "execute", "evaluate",
            "classLoader", "getClassLoader", "forName", "newInstance", "binding", "getBinding",
            "declaredMethods", "declaredFields", "methods", "fields", "with", "tap", "identity",
            "inspect", "dump", "methodMissing", "propertyMissing", "delegate", "owner", "thisObject");

    private static final Set<Integer> OPERATORS = Set.of(
            Types.COMPARE_EQUAL, Types.COMPARE_NOT_EQUAL, Types.COMPARE_IDENTICAL, Types.COMPARE_NOT_IDENTICAL,
            Types.COMPARE_LESS_THAN, Types.COMPARE_LESS_THAN_EQUAL, Types.COMPARE_GREATER_THAN,
            Types.COMPARE_GREATER_THAN_EQUAL, Types.COMPARE_TO, Types.LOGICAL_AND, Types.LOGICAL_OR,
            Types.PLUS, Types.MINUS, Types.MULTIPLY, Types.DIVIDE, Types.MOD, Types.KEYWORD_IN,
            Types.COMPARE_NOT_IN, Types.MATCH_REGEX, Types.LEFT_SQUARE_BRACKET);

    private static final Set<Integer> ORDERING = Set.of(Types.COMPARE_LESS_THAN, Types.COMPARE_LESS_THAN_EQUAL,
            Types.COMPARE_GREATER_THAN, Types.COMPARE_GREATER_THAN_EQUAL, Types.COMPARE_TO);

    /** The operators that calculate; each operand and the result go through {@link ExpressionScript#bounded}. */
    private static final Set<Integer> CALCULATING = Set.of(Types.PLUS, Types.MINUS, Types.MULTIPLY, Types.DIVIDE, Types.MOD);

    /**
     * Methods that calculate with numbers or make them; their receiver, arguments and result are
     * bounded. The names also exist on other types (dates plus a period, lists plus a list), where
     * the bound lets the value through unchanged.
     */
    private static final Set<String> CALCULATIONS = Set.of("add", "subtract", "multiply", "divide", "remainder", "plus",
            "minus", "div", "mod", "intdiv", "abs", "negate", "round", "stripTrailingZeros", "toPlainString",
            "toBigInteger", "toBigDecimal", "toInteger", "toLong", "toDouble", "intValue", "longValue", "doubleValue",
            "floatValue", "shortValue", "byteValue", "min", "max");

    /** Methods of text that read it as a number; their receiver goes through {@link ExpressionScript#numberText}. */
    private static final Set<String> READING_NUMBERS = Set.of("toBigDecimal", "toBigInteger", "toInteger", "toLong",
            "toDouble", "isNumber", "isBigDecimal", "isBigInteger", "isInteger", "isLong", "isDouble");

    private static final String BOUNDED = "bounded";
    private static final int SOURCE_IN_MESSAGES = 60;

    private final Map<String, VariableType> variables;

    ShapeCustomizer(Map<String, VariableType> variables) {
        super(CompilePhase.CONVERSION);
        this.variables = variables;
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        ModuleNode module = source.getAST();
        if (module.getNodeMetaData(ShapeCustomizer.class) != null) {
            return;
        }
        module.putNodeMetaData(ShapeCustomizer.class, Boolean.TRUE);

        Problems problems = new Problems(source);
        ExpressionStatement statement = singleExpression(module, problems);
        if (statement != null) {
            new Shape(problems).check(statement.getExpression());
        }
        // Stop here, before semantic analysis, where annotation-driven transformations would run.
        ExpressionCompiler.stopIfErrors(source);
        if (statement == null) {
            return;
        }

        statement.putNodeMetaData(USER_EXPRESSION, Boolean.TRUE);
        statement.setExpression(prepare(statement.getExpression()));
        BlockStatement block = module.getStatementBlock();
        List<Statement> declarations = new ArrayList<>();
        variables.forEach((name, type) -> {
            VariableExpression variable = localVarX(name, type.classNode());
            variable.putNodeMetaData(DECLARED_VARIABLE, Boolean.TRUE);
            Expression value = callThisX("variableValue", args(constX(name)));
            declarations.add(declS(variable, type.alwaysNull() ? value : castX(type.classNode(), value)));
        });
        block.getStatements().addAll(0, declarations);
    }

    private static ExpressionStatement singleExpression(ModuleNode module, Problems problems) {
        if (module.getPackage() != null) {
            problems.add("Package declarations are not allowed", module.getPackage());
        }
        if (!module.getImports().isEmpty() || !module.getStarImports().isEmpty()
                || !module.getStaticImports().isEmpty() || !module.getStaticStarImports().isEmpty()) {
            problems.add("Imports are not allowed", module);
        }
        if (!module.getMethods().isEmpty()) {
            problems.add("Defining methods is not allowed", module.getMethods().get(0));
        }
        ClassNode script = null;
        for (ClassNode candidate : module.getClasses()) {
            if (candidate.isScript() && script == null) {
                script = candidate;
            } else {
                problems.add("Defining classes is not allowed", candidate);
            }
        }
        if (script != null) {
            for (AnnotationNode annotation : script.getAnnotations()) {
                if (!isConfiguredBaseScript(annotation)) {
                    problems.add("Annotations are not allowed", annotation);
                }
            }
            if (!script.getFields().isEmpty() || !script.getProperties().isEmpty()) {
                problems.add("Defining fields is not allowed", script);
            }
            for (MethodNode method : script.getMethods()) {
                if (!method.getName().equals("run") && !method.getName().equals("main")) {
                    problems.add("Defining methods is not allowed", method);
                }
            }
        }
        List<Statement> statements = module.getStatementBlock().getStatements();
        if (statements.isEmpty()) {
            if (problems.none()) {
                problems.add("The expression is empty", module);
            }
            return null;
        }
        if (statements.size() > 1) {
            problems.add("Only a single expression is allowed, not several statements", statements.get(1));
            return null;
        }
        Statement only = statements.get(0);
        if (only.getStatementLabels() != null && !only.getStatementLabels().isEmpty()) {
            problems.add("Labels are not allowed", only);
            return null;
        }
        if (!(only instanceof ExpressionStatement expression)) {
            problems.add(describeStatement(only), only);
            return null;
        }
        return problems.none() ? expression : null;
    }

    /** The compiler marks the script with the configured base class; only that one may stay. */
    private static boolean isConfiguredBaseScript(AnnotationNode annotation) {
        return annotation.getClassNode().getName().equals("groovy.transform.BaseScript")
                && annotation.getMembers().isEmpty() && annotation.getLineNumber() < 1;
    }

    private static String describeStatement(Statement statement) {
        if (statement instanceof WhileStatement || statement instanceof ForStatement
                || statement instanceof DoWhileStatement) {
            return "Loops are not allowed; write a single expression";
        }
        if (statement instanceof IfStatement) {
            return "'if' statements are not allowed; use condition ? a : b";
        }
        if (statement instanceof ReturnStatement) {
            return "'return' is not allowed; write just the expression";
        }
        return "Statements are not allowed; write a single expression";
    }

    /** Checks node kinds, operators and literals; everything not listed here is refused. */
    private static final class Shape {

        private final Problems problems;

        Shape(Problems problems) {
            this.problems = problems;
        }

        void check(Expression e) {
            if (e instanceof DeclarationExpression) {
                refuse("Declaring variables is not allowed", e);
            } else if (e instanceof ConstantExpression constant) {
                literal(constant);
            } else if (e instanceof VariableExpression variable) {
                if (variable.isThisExpression() || variable.isSuperExpression()) {
                    refuse("'" + variable.getName() + "' is not allowed", e);
                }
            } else if (e instanceof GStringExpression gstring) {
                gstring.getValues().forEach(this::check);
            } else if (e instanceof AttributeExpression) {
                refuse("Direct field access (.@) is not allowed", e);
            } else if (e instanceof PropertyExpression property) {
                property(property);
            } else if (e instanceof MethodCallExpression call) {
                methodCall(call);
            } else if (e instanceof TupleExpression tuple) {
                tuple.getExpressions().forEach(this::check);
            } else if (e instanceof BinaryExpression binary) {
                binary(binary);
            } else if (e instanceof BooleanExpression bool) {
                check(bool.getExpression());
            } else if (e instanceof TernaryExpression ternary) {
                check(ternary.getBooleanExpression());
                check(ternary.getTrueExpression());
                check(ternary.getFalseExpression());
            } else if (e instanceof UnaryMinusExpression minus) {
                check(minus.getExpression());
            } else if (e instanceof UnaryPlusExpression plus) {
                check(plus.getExpression());
            } else if (e instanceof ListExpression list) {
                list.getExpressions().forEach(this::check);
            } else if (e instanceof MapExpression map) {
                map.getMapEntryExpressions().forEach(this::check);
            } else if (e instanceof MapEntryExpression entry) {
                check(entry.getKeyExpression());
                check(entry.getValueExpression());
            } else {
                refuse(describe(e), e);
            }
        }

        private void literal(ConstantExpression constant) {
            Object value = constant.getValue();
            if (constant.getClass() != ConstantExpression.class) {
                refuse("Annotations are not allowed", constant);
            } else if ((value instanceof BigDecimal || value instanceof BigInteger) && !NumberBounds.fits(value)) {
                // The same bounds as at run time, so a literal that checks is one that calculates.
                refuse("The number " + constant.getText() + " is too large or too precise: expressions use numbers of "
                        + NumberBounds.describe(), constant);
            }
        }

        private void property(PropertyExpression property) {
            if (property.isSpreadSafe()) {
                refuse("The spread operator (*.) is not allowed", property);
            }
            if (!(property.getProperty() instanceof ConstantExpression name) || !(name.getValue() instanceof String text)) {
                refuse("Property names must be written out", property);
                return;
            }
            if (FORBIDDEN_MEMBERS.contains(text)) {
                refuse("'" + text + "' is not allowed", property);
            }
            check(property.getObjectExpression());
        }

        private void methodCall(MethodCallExpression call) {
            String name = call.getMethodAsString();
            if (call.isImplicitThis()) {
                refuse("Calling '" + (name == null ? "a function" : name) + "(...)' is not allowed;"
                        + " only methods of values (budget.abs()), Math and java.time are available", call);
            }
            if (call.isSpreadSafe()) {
                refuse("The spread operator (*.) is not allowed", call);
            }
            if (name == null) {
                refuse("Method names must be written out", call);
            } else if (FORBIDDEN_MEMBERS.contains(name)) {
                refuse("'" + name + "' is not allowed", call);
            }
            if (!call.isImplicitThis()) {
                check(call.getObjectExpression());
            }
            check(call.getArguments());
        }

        private void binary(BinaryExpression binary) {
            int operator = binary.getOperation().getType();
            if (!OPERATORS.contains(operator)) {
                refuse(describeOperator(binary), binary);
            }
            check(binary.getLeftExpression());
            check(binary.getRightExpression());
        }

        private static String describeOperator(BinaryExpression binary) {
            String text = binary.getOperation().getText();
            int type = binary.getOperation().getType();
            if (Types.ofType(type, Types.ASSIGNMENT_OPERATOR)) {
                return "Assignment (" + text + ") is not allowed";
            }
            if (type == Types.POWER) {
                return "The power operator (**) is not allowed";
            }
            return "The operator " + text + " is not allowed";
        }

        private static String describe(Expression e) {
            if (e instanceof ClosureExpression) {
                return "Closures ({ ... }) are not allowed";
            }
            if (e instanceof ConstructorCallExpression || e instanceof ArrayExpression) {
                return "Creating objects with 'new' is not allowed";
            }
            if (e instanceof MethodPointerExpression) {
                return "Method references (.& and ::) are not allowed";
            }
            if (e instanceof CastExpression) {
                return "Casts and 'as' are not allowed";
            }
            if (e instanceof RangeExpression) {
                return "Ranges (a..b) are not allowed; compare with >= and <= instead";
            }
            if (e instanceof PostfixExpression || e instanceof PrefixExpression) {
                return "++ and -- are not allowed";
            }
            if (e instanceof SpreadExpression || e instanceof SpreadMapExpression) {
                return "The spread operator (*) is not allowed";
            }
            if (e instanceof BitwiseNegationExpression) {
                return "The operator ~ is not allowed";
            }
            if (e instanceof ClassExpression) {
                return "Class references are not allowed";
            }
            if (e instanceof StaticMethodCallExpression) {
                return "Calling functions is not allowed";
            }
            return "This kind of expression is not allowed: " + e.getText();
        }

        private void refuse(String message, ASTNode node) {
            problems.add(message, node);
        }
    }

    /**
     * Rewrites the checked expression for compilation: {@code ==~} becomes a call to
     * {@link ExpressionScript#matchesRegex}, member access on a variable that is null with no
     * declared type is resolved now, since its outcome is certain (null when null-safe, a failure
     * otherwise) and the type checker could not type it, and calculations are bounded (see
     * {@link #bound}). The helpers are generic in their value, so the type checker sees through them.
     */
    private Expression prepare(Expression expression) {
        ExpressionTransformer transformer = new ExpressionTransformer() {
            @Override
            public Expression transform(Expression e) {
                Expression copy = e.transformExpression(this);
                copy.setSourcePosition(e);
                return rewrite(copy);
            }
        };
        return transformer.transform(expression);
    }

    private Expression rewrite(Expression e) {
        if (e instanceof BinaryExpression binary && binary.getOperation().getType() == Types.MATCH_REGEX) {
            return helper("matchesRegex", e, binary.getLeftExpression(), binary.getRightExpression());
        }
        if (e instanceof BinaryExpression binary && ORDERING.contains(binary.getOperation().getType())
                && (isNull(binary.getLeftExpression()) || isNull(binary.getRightExpression()))) {
            // The type checker cannot order an untyped null; Groovy's rule (null sorts first) can.
            return helper("compareNullable", e, binary.getLeftExpression(),
                    constX(binary.getOperation().getText()), binary.getRightExpression());
        }
        Expression receiver;
        boolean safe;
        String member;
        if (e instanceof MethodCallExpression call) {
            receiver = call.getObjectExpression();
            safe = call.isSafe();
            member = "." + call.getMethodAsString() + "()";
        } else if (e instanceof PropertyExpression property) {
            receiver = property.getObjectExpression();
            safe = property.isSafe();
            member = "." + property.getPropertyAsString();
        } else if (e instanceof BinaryExpression binary && binary.getOperation().getType() == Types.LEFT_SQUARE_BRACKET) {
            receiver = binary.getLeftExpression();
            safe = binary.isSafe();
            member = "[...]";
        } else {
            return bound(e);
        }
        if (receiver.getNodeMetaData(NO_VALUE) != null) {
            return receiver;
        }
        if (!isNull(receiver)) {
            return bound(e);
        }
        if (safe) {
            ConstantExpression nothing = new ConstantExpression(null);
            nothing.setSourcePosition(e);
            nothing.putNodeMetaData(NULL_VALUE, Boolean.TRUE);
            return nothing;
        }
        String text = receiver.getText();
        Expression failure = helper("noValue", e, constX(text + " has no value, so " + text + member
                + " cannot be used; write " + text + "?" + member + " to allow an empty value"));
        failure.putNodeMetaData(NO_VALUE, Boolean.TRUE);
        return failure;
    }

    /** Known at compile time to be null when evaluated: an untyped null variable, or access on one. */
    private boolean isNull(Expression e) {
        if (e.getNodeMetaData(NULL_VALUE) != null) {
            return true;
        }
        return e instanceof VariableExpression variable && variables.containsKey(variable.getName())
                && variables.get(variable.getName()).alwaysNull();
    }

    /**
     * Puts a calculation's operands and result through {@link ExpressionScript#bounded}, and text a
     * method reads as a number through {@link ExpressionScript#numberText}; other expressions pass.
     */
    private Expression bound(Expression e) {
        if (e instanceof BinaryExpression binary && CALCULATING.contains(binary.getOperation().getType())) {
            binary.setLeftExpression(bounded(binary.getLeftExpression()));
            binary.setRightExpression(bounded(binary.getRightExpression()));
            return bounded(binary);
        }
        if (e instanceof MethodCallExpression call && !namesAClass(call.getObjectExpression())) {
            String name = call.getMethodAsString();
            boolean reads = READING_NUMBERS.contains(name);
            boolean calculates = CALCULATIONS.contains(name);
            if (!reads && !calculates) {
                return e;
            }
            Expression receiver = call.getObjectExpression();
            call.setObjectExpression(reads ? helper("numberText", receiver, receiver, source(receiver)) : bounded(receiver));
            if (call.getArguments() instanceof ArgumentListExpression arguments) {
                ArgumentListExpression checked = new ArgumentListExpression();
                arguments.getExpressions().forEach(argument -> checked.addExpression(bounded(argument)));
                checked.setSourcePosition(arguments);
                call.setArguments(checked);
            }
            return bounded(call);
        }
        return e;
    }

    /**
     * Whether the receiver may name a class ({@code Math}, {@code java.time.LocalDate}): before
     * names are resolved a class looks like a variable that is not declared. Static methods take
     * primitives or are not calculations, and a wrapped class name would no longer resolve.
     */
    private boolean namesAClass(Expression e) {
        if (e instanceof ClassExpression) {
            return true;
        }
        if (e instanceof VariableExpression variable) {
            return !variables.containsKey(variable.getName());
        }
        return e instanceof PropertyExpression property && namesAClass(property.getObjectExpression());
    }

    private static Expression bounded(Expression e) {
        // Literals were held to the bounds when checked; a wrapped result is not wrapped twice.
        if (e instanceof ConstantExpression || e instanceof StaticMethodCallExpression call
                && call.getNodeMetaData(HELPER_CALL) != null && BOUNDED.equals(call.getMethod())) {
            return e;
        }
        return helper(BOUNDED, e, e, source(e));
    }

    private static Expression source(Expression e) {
        String text = e.getText();
        return constX(text.length() > SOURCE_IN_MESSAGES ? text.substring(0, SOURCE_IN_MESSAGES - 3) + "..." : text);
    }

    private static Expression helper(String name, Expression position, Expression... arguments) {
        StaticMethodCallExpression call = new StaticMethodCallExpression(
                ClassHelper.make(ExpressionScript.class), name, new ArgumentListExpression(arguments));
        call.setSourcePosition(position);
        call.putNodeMetaData(HELPER_CALL, Boolean.TRUE);
        return call;
    }

    /** Collects refusals as compiler errors, so they come out like any other compile problem. */
    private static final class Problems {

        private final SourceUnit source;
        private int count;

        Problems(SourceUnit source) {
            this.source = source;
        }

        void add(String message, ASTNode node) {
            count++;
            source.getErrorCollector().addErrorAndContinue(new SyntaxErrorMessage(
                    new ExpressionCompiler.Refusal(message, node), source));
        }

        boolean none() {
            return count == 0;
        }
    }
}
