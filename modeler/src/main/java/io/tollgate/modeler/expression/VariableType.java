package io.tollgate.modeler.expression;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.GenericsType;
import org.codehaus.groovy.ast.tools.GenericsUtils;

/**
 * How one variable is declared to the compiler and how its value is admitted at run time.
 * Containers hold only scalars, so nothing reachable from a variable is outside the allow-list.
 *
 * @param type        the declared class (a scalar, {@code List}, {@code Set}, {@code Collection},
 *                    {@code Map}, or {@code Object})
 * @param elementType for containers, the element (or map value) class: {@code String} or {@code Object}
 * @param alwaysNull  the variable's value is null and its type unknown; member access on it is
 *                    rewritten before type checking
 */
record VariableType(Class<?> type, Class<?> elementType, boolean alwaysNull) {

    private static final List<Class<?>> SCALARS = List.of(
            String.class, Boolean.class, Character.class,
            BigDecimal.class, BigInteger.class, Integer.class, Long.class, Short.class, Byte.class,
            Double.class, Float.class, Number.class,
            LocalDate.class, LocalDateTime.class, LocalTime.class, OffsetDateTime.class,
            Duration.class, Period.class);

    static final VariableType NULL = new VariableType(Object.class, null, true);

    /** The declared type for a class a caller names, or null when expressions cannot use it. */
    static VariableType declared(Class<?> declared) {
        if (declared == null) {
            return null;
        }
        Class<?> type = box(declared);
        if (CharSequence.class.equals(type)) {
            return scalar(String.class);
        }
        if (SCALARS.contains(type) || Object.class.equals(type)) {
            return scalar(type);
        }
        // Template fields only ever hold lists of strings (multiselect, users).
        if (List.class.isAssignableFrom(type)) {
            return new VariableType(List.class, String.class, false);
        }
        if (Set.class.isAssignableFrom(type)) {
            return new VariableType(Set.class, String.class, false);
        }
        if (Collection.class.isAssignableFrom(type)) {
            return new VariableType(Collection.class, String.class, false);
        }
        if (Map.class.isAssignableFrom(type)) {
            return new VariableType(Map.class, Object.class, false);
        }
        return null;
    }

    /** The type a value implies when the caller declares none. */
    static VariableType ofValue(String name, Object value) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof CharSequence) {
            return scalar(String.class);
        }
        if (SCALARS.contains(value.getClass())) {
            return scalar(value.getClass());
        }
        if (value instanceof Collection<?> collection) {
            Class<?> container = value instanceof List ? List.class : value instanceof Set ? Set.class : Collection.class;
            boolean allStrings = collection.stream().allMatch(e -> e == null || e instanceof CharSequence);
            if (allStrings) {
                return new VariableType(container, String.class, false);
            }
            if (collection.stream().allMatch(VariableType::isScalarValue)) {
                return new VariableType(container, Object.class, false);
            }
        }
        if (value instanceof Map<?, ?> map && map.keySet().stream().allMatch(k -> k instanceof CharSequence)
                && map.values().stream().allMatch(VariableType::isScalarValue)) {
            return new VariableType(Map.class, Object.class, false);
        }
        throw new ExpressionException("Variable '" + name + "' holds a " + value.getClass().getSimpleName()
                + ", which expressions cannot use");
    }

    private static VariableType scalar(Class<?> type) {
        return new VariableType(type, null, false);
    }

    private static boolean isScalarValue(Object value) {
        return value == null || value instanceof CharSequence || SCALARS.contains(value.getClass());
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "boolean" -> Boolean.class;
            case "char" -> Character.class;
            case "byte" -> Byte.class;
            case "short" -> Short.class;
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "float" -> Float.class;
            case "double" -> Double.class;
            default -> type;
        };
    }

    /** The type the compiler declares the variable with. */
    ClassNode classNode() {
        if (elementType == null) {
            return ClassHelper.make(type);
        }
        ClassNode element = ClassHelper.make(elementType);
        if (Map.class.equals(type)) {
            return GenericsUtils.makeClassSafeWithGenerics(ClassHelper.make(Map.class),
                    new GenericsType(ClassHelper.STRING_TYPE), new GenericsType(element));
        }
        return GenericsUtils.makeClassSafeWithGenerics(ClassHelper.make(type), new GenericsType(element));
    }

    /** A stable spelling, part of the compiled-script cache key. */
    String describe() {
        if (alwaysNull) {
            return "null";
        }
        String simple = type.getSimpleName();
        if (elementType == null) {
            return simple;
        }
        return Map.class.equals(type) ? simple + "<String," + elementType.getSimpleName() + ">"
                : simple + "<" + elementType.getSimpleName() + ">";
    }

    /**
     * The value as the expression will see it: checked against the declared type, numbers widened
     * to BigDecimal where declared so, containers copied read-only with checked elements.
     */
    Object admit(String name, Object value) {
        if (value == null) {
            return null;
        }
        if (alwaysNull) {
            throw mismatch(name, value);
        }
        if (elementType == null) {
            return admitScalar(name, value);
        }
        if (Map.class.equals(type)) {
            if (!(value instanceof Map<?, ?> map)) {
                throw mismatch(name, value);
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof CharSequence) || !isScalarValue(entry.getValue())) {
                    throw new ExpressionException("Variable '" + name + "' holds a map with entries expressions cannot use");
                }
                copy.put(entry.getKey().toString(), admitElement(name, entry.getValue()));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (!type.isInstance(value)) {
            throw mismatch(name, value);
        }
        Collection<?> source = (Collection<?>) value;
        Collection<Object> copy = Set.class.equals(type) ? new LinkedHashSet<>() : new ArrayList<>();
        for (Object element : source) {
            copy.add(admitElement(name, element));
        }
        return Set.class.equals(type) ? Collections.unmodifiableSet((Set<Object>) copy)
                : Collections.unmodifiableList((List<Object>) copy);
    }

    private Object admitElement(String name, Object element) {
        if (element == null) {
            return null;
        }
        bounded(name, element);
        if (String.class.equals(elementType)) {
            if (element instanceof CharSequence) {
                return element.toString();
            }
            throw new ExpressionException("Variable '" + name + "' should hold only text but holds a "
                    + element.getClass().getSimpleName());
        }
        if (!isScalarValue(element)) {
            throw new ExpressionException("Variable '" + name + "' holds a "
                    + element.getClass().getSimpleName() + ", which expressions cannot use");
        }
        return element instanceof CharSequence ? element.toString() : element;
    }

    private Object admitScalar(String name, Object value) {
        bounded(name, value);
        if (String.class.equals(type) && value instanceof CharSequence) {
            return value.toString();
        }
        if (BigDecimal.class.equals(type) && value instanceof Number number && !(value instanceof BigDecimal)) {
            try {
                return new BigDecimal(number.toString());
            } catch (NumberFormatException e) {
                throw mismatch(name, value);
            }
        }
        if (Object.class.equals(type) ? isScalarValue(value) : type.isInstance(value)) {
            return value instanceof CharSequence ? value.toString() : value;
        }
        throw mismatch(name, value);
    }

    /** Refused at the door, before anything is computed with it: see {@link NumberBounds}. */
    private static void bounded(String name, Object value) {
        if (value instanceof Number && !NumberBounds.fits(value)) {
            throw new ExpressionException("Variable '" + name + "' holds a number too large or too precise to calculate with: "
                    + "expressions use numbers of " + NumberBounds.describe());
        }
    }

    private ExpressionException mismatch(String name, Object value) {
        return new ExpressionException("Variable '" + name + "' should be " + describe() + " but is a "
                + value.getClass().getSimpleName());
    }
}
