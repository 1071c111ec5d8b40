package io.tollgate.modeler.expression;

import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.Variable;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.BooleanExpression;
import org.codehaus.groovy.ast.expr.ClassExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.GStringExpression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.TernaryExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.UnaryMinusExpression;
import org.codehaus.groovy.ast.expr.UnaryPlusExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.classgen.asm.WriterControllerFactory;
import org.codehaus.groovy.classgen.asm.sc.StaticTypesWriterControllerFactoryImpl;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.Types;
import org.codehaus.groovy.transform.sc.StaticCompilationMetadataKeys;
import org.codehaus.groovy.transform.sc.StaticCompilationVisitor;
import org.codehaus.groovy.transform.sc.transformers.StaticCompilationTransformer;
import org.codehaus.groovy.transform.stc.StaticTypesMarker;

import groovy.transform.CompilationUnitAware;

/**
 * Statically compiles the script, and between type checking and code generation walks the
 * expression with every call, property and operator resolved, refusing whatever the
 * {@link AllowList} does not name. This is what {@code @CompileStatic} does, with the walk added
 * in the one place it can see resolved targets on the untransformed tree; static compilation
 * means the code that runs is exactly the code that was checked, with no meta-class dispatch.
 */
final class TypeCheckCustomizer extends CompilationCustomizer implements CompilationUnitAware {

    private CompilationUnit unit;
    private ClassNode resultType;

    TypeCheckCustomizer() {
        super(CompilePhase.INSTRUCTION_SELECTION);
    }

    @Override
    public void setCompilationUnit(CompilationUnit unit) {
        this.unit = unit;
    }

    /** The checked type of the expression's value, once compiled. */
    ClassNode resultType() {
        return resultType;
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        if (!classNode.isScript()) {
            return;
        }
        StaticCompilationVisitor visitor = new StaticCompilationVisitor(source, classNode);
        visitor.setCompilationUnit(unit);
        classNode.putNodeMetaData(WriterControllerFactory.class, new StaticTypesWriterControllerFactoryImpl());
        classNode.putNodeMetaData(StaticCompilationMetadataKeys.STATIC_COMPILE_NODE, Boolean.TRUE);
        visitor.initialize();
        visitor.visitClass(classNode);
        visitor.performSecondPass();
        ExpressionCompiler.stopIfErrors(source);

        MethodNode run = classNode.getMethod("run", Parameter.EMPTY_ARRAY);
        ExpressionStatement statement = run == null ? null : userStatement(run.getCode());
        if (statement == null) {
            source.getErrorCollector().addErrorAndContinue(new SyntaxErrorMessage(
                    new ExpressionCompiler.Refusal("The expression could not be checked", classNode), source));
        } else {
            new Verifier(source).check(statement.getExpression());
            resultType = typeOf(statement.getExpression());
        }
        ExpressionCompiler.stopIfErrors(source);

        new StaticCompilationTransformer(source, visitor).visitClass(classNode);
    }

    private static ExpressionStatement userStatement(Statement statement) {
        if (statement instanceof ExpressionStatement expression
                && expression.getNodeMetaData(ShapeCustomizer.USER_EXPRESSION) != null) {
            return expression;
        }
        if (statement instanceof BlockStatement block) {
            for (Statement inner : block.getStatements()) {
                ExpressionStatement found = userStatement(inner);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    static ClassNode typeOf(Expression e) {
        ClassNode type = e.getNodeMetaData(StaticTypesMarker.INFERRED_TYPE);
        if (type == null && e instanceof VariableExpression variable
                && variable.getAccessedVariable() instanceof ASTNode declared) {
            type = declared.getNodeMetaData(StaticTypesMarker.INFERRED_TYPE);
            if (type == null) {
                type = variable.getAccessedVariable().getOriginType();
            }
        }
        if (type == null && e instanceof BooleanExpression) {
            type = ClassHelper.boolean_TYPE;
        }
        return type == null ? e.getType() : type;
    }

    /** The allow-list walk; every node kind not handled here is refused. */
    private static final class Verifier {

        private final SourceUnit source;

        Verifier(SourceUnit source) {
            this.source = source;
        }

        void check(Expression e) {
            if (e instanceof ConstantExpression) {
                return;
            }
            if (e instanceof VariableExpression variable) {
                variable(variable);
            } else if (e instanceof GStringExpression gstring) {
                gstring.getValues().forEach(this::check);
            } else if (e instanceof PropertyExpression property) {
                property(property);
            } else if (e instanceof MethodCallExpression call) {
                methodCall(call);
            } else if (e instanceof StaticMethodCallExpression call) {
                if (call.getNodeMetaData(ShapeCustomizer.HELPER_CALL) == null
                        || !call.getOwnerType().getName().equals(ExpressionScript.class.getName())) {
                    refuse("Calling '" + call.getMethod() + "' is not allowed", e);
                }
                check(call.getArguments());
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
                numeric(minus.getExpression(), e);
            } else if (e instanceof UnaryPlusExpression plus) {
                numeric(plus.getExpression(), e);
            } else if (e instanceof ListExpression list) {
                list.getExpressions().forEach(this::check);
            } else if (e instanceof MapExpression map) {
                map.getMapEntryExpressions().forEach(this::check);
            } else if (e instanceof MapEntryExpression entry) {
                check(entry.getKeyExpression());
                check(entry.getValueExpression());
            } else if (e instanceof ClassExpression) {
                refuse("Class references (" + e.getType().getName() + ") are not allowed", e);
            } else {
                refuse("This kind of expression is not allowed: " + e.getText(), e);
            }
        }

        private void variable(VariableExpression variable) {
            Variable accessed = variable.getAccessedVariable();
            if (!(accessed instanceof VariableExpression declared)
                    || declared.getNodeMetaData(ShapeCustomizer.DECLARED_VARIABLE) == null) {
                refuse("Unknown variable '" + variable.getName() + "'", variable);
            }
        }

        private void property(PropertyExpression property) {
            String name = property.getPropertyAsString();
            Expression receiver = property.getObjectExpression();
            if (receiver instanceof ClassExpression owner) {
                if (!AllowList.allowsConstant(owner.getType(), name)) {
                    refuse(simpleName(owner.getType()) + "." + name + " is not allowed", property);
                }
                return;
            }
            check(receiver);
            ClassNode receiverType = typeOf(receiver);
            if (AllowList.allowsProperty(receiverType, name)) {
                result(property);
            } else {
                refuse("'" + name + "' is not available on " + simpleName(receiverType), property);
            }
        }

        private void methodCall(MethodCallExpression call) {
            String name = call.getMethodAsString();
            MethodNode target = call.getMethodTarget();
            if (target == null) {
                target = call.getNodeMetaData(StaticTypesMarker.DIRECT_METHOD_CALL_TARGET);
            }
            Expression receiver = call.getObjectExpression();
            boolean allowed;
            if (target == null || call.isImplicitThis() || call.isSpreadSafe()) {
                allowed = refuse("Calling '" + name + "' is not allowed", call);
            } else if (receiver instanceof ClassExpression owner) {
                allowed = AllowList.allowsStaticMethod(owner.getType(), target)
                        || refuse(simpleName(owner.getType()) + "." + name + "(...) is not allowed", call);
            } else {
                check(receiver);
                ClassNode receiverType = typeOf(receiver);
                allowed = AllowList.allowsInstanceMethod(target, receiverType)
                        || refuse("'" + name + "' is not available on " + simpleName(receiverType), call);
            }
            check(call.getArguments());
            if (allowed) {
                result(call);
            }
        }

        private void binary(BinaryExpression binary) {
            check(binary.getLeftExpression());
            check(binary.getRightExpression());
            int operator = binary.getOperation().getType();
            String text = binary.getOperation().getText();
            ClassNode left = typeOf(binary.getLeftExpression());
            ClassNode right = typeOf(binary.getRightExpression());
            MethodNode target = binary.getNodeMetaData(StaticTypesMarker.DIRECT_METHOD_CALL_TARGET);
            if (target != null) {
                ClassNode receiver = operator == Types.KEYWORD_IN || operator == Types.COMPARE_NOT_IN ? right : left;
                if (!AllowList.allowsInstanceMethod(target, receiver)) {
                    refuse("The operator " + text + " is not allowed between " + simpleName(left) + " and "
                            + simpleName(right), binary);
                }
            } else if (operator == Types.LEFT_SQUARE_BRACKET) {
                // Position in text or a list, or a map's key; a name as index would read properties.
                AllowList.Family indexed = AllowList.family(left);
                boolean byPosition = (indexed == AllowList.Family.STRING || indexed == AllowList.Family.COLLECTION)
                        && AllowList.isNumber(right);
                if (!byPosition && indexed != AllowList.Family.MAP) {
                    refuse("Indexing " + simpleName(left) + " with " + simpleName(right) + " is not allowed", binary);
                }
            } else if (operator == Types.MINUS || operator == Types.MULTIPLY || operator == Types.DIVIDE
                    || operator == Types.MOD || operator == Types.PLUS && !AllowList.isText(left)) {
                if (!AllowList.isNumber(left) || !AllowList.isNumber(right)) {
                    refuse("The operator " + text + " is not allowed between " + simpleName(left) + " and "
                            + simpleName(right), binary);
                }
            } else if (operator == Types.MATCH_REGEX) {
                refuse("The operator ==~ could not be checked", binary);
            }
            result(binary);
        }

        private void numeric(Expression operand, Expression whole) {
            check(operand);
            if (!AllowList.isNumber(typeOf(operand))) {
                refuse("Only numbers can be negated", whole);
            }
        }

        /** Even an allowed member must not hand out a value of a type outside the allow-list. */
        private void result(Expression e) {
            ClassNode type = typeOf(e);
            if (!ClassHelper.isPrimitiveVoid(type) && AllowList.family(type) == null) {
                refuse("'" + e.getText() + "' gives a " + simpleName(type) + ", which expressions cannot use", e);
            }
        }

        /** Reports the refusal; returns false so callers can fold it into a condition. */
        private boolean refuse(String message, ASTNode node) {
            source.getErrorCollector().addErrorAndContinue(new SyntaxErrorMessage(
                    new ExpressionCompiler.Refusal(message, node), source));
            return false;
        }
    }

    static String simpleName(ClassNode type) {
        if (type == null) {
            return "an unknown type";
        }
        if (type.isArray()) {
            return simpleName(type.getComponentType()) + "[]";
        }
        String name = type.getNameWithoutPackage();
        int nested = name.lastIndexOf('$');
        return nested >= 0 ? name.substring(nested + 1) : name;
    }
}
