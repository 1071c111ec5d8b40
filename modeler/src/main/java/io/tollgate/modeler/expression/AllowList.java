package io.tollgate.modeler.expression;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.transform.stc.ExtensionMethodNode;

/**
 * What expressions may touch, by type family: which types a value may have, which methods of
 * those types (Java or Groovy extension methods, by the type that declares them) may be called,
 * and which static members may be used. Anything not listed is refused, so the lists only grow
 * on purpose. Methods are left out when they mutate, take closures, reflect, or can allocate
 * without bound ({@code multiply}, {@code padLeft}, {@code repeat}, {@code pow}, {@code setScale},
 * regex-based string methods).
 */
final class AllowList {

    enum Family {
        ANY(Set.of("java.lang.Object", "java.lang.Comparable"), Set.of()),
        STRING(Set.of("java.lang.String", "java.lang.CharSequence", "groovy.lang.GString",
                "org.codehaus.groovy.runtime.GStringImpl"),
                Set.of("length", "isEmpty", "isBlank", "contains", "startsWith", "endsWith", "equalsIgnoreCase",
                        "compareToIgnoreCase", "toLowerCase", "toUpperCase", "trim", "strip", "stripLeading",
                        "stripTrailing", "indexOf", "lastIndexOf", "substring", "subSequence", "charAt", "size",
                        "getAt", "plus", "minus", "isNumber", "isInteger", "isLong", "isBigDecimal", "isBigInteger",
                        "isDouble", "toInteger", "toLong", "toBigDecimal", "toBigInteger", "toDouble", "capitalize",
                        "uncapitalize", "isAllWhitespace", "count", "take", "drop", "takeRight", "dropRight",
                        "reverse", "tokenize", "contentEquals")),
        NUMBER(Set.of("java.lang.Number", "java.math.BigDecimal", "java.math.BigInteger", "java.lang.Integer",
                "java.lang.Long", "java.lang.Short", "java.lang.Byte", "java.lang.Double", "java.lang.Float",
                "int", "long", "short", "byte", "double", "float"),
                Set.of("intValue", "longValue", "shortValue", "byteValue", "doubleValue", "floatValue", "abs", "negate",
                        "signum", "min", "max", "add", "subtract", "multiply", "divide", "remainder", "plus", "minus",
                        "div", "mod", "intdiv", "toInteger", "toLong", "toBigDecimal", "toBigInteger", "toDouble",
                        "round", "stripTrailingZeros", "toPlainString", "scale", "precision", "isNaN", "isInfinite")),
        BOOLEAN(Set.of("java.lang.Boolean", "boolean"),
                Set.of("booleanValue", "and", "or", "xor", "implies")),
        CHARACTER(Set.of("java.lang.Character", "char"),
                Set.of("charValue", "isLetter", "isDigit", "isLetterOrDigit", "isUpperCase", "isLowerCase",
                        "isWhitespace", "toUpperCase", "toLowerCase")),
        TEMPORAL(Set.of("java.time.LocalDate", "java.time.LocalDateTime", "java.time.LocalTime",
                "java.time.OffsetDateTime", "java.time.chrono.ChronoLocalDate", "java.time.chrono.ChronoLocalDateTime",
                "java.time.temporal.Temporal", "java.time.temporal.TemporalAccessor"),
                Set.of("isBefore", "isAfter", "isEqual", "getYear", "getMonthValue", "getMonth", "getDayOfMonth",
                        "getDayOfYear", "getDayOfWeek", "getHour", "getMinute", "getSecond", "lengthOfMonth",
                        "lengthOfYear", "isLeapYear", "plusDays", "plusWeeks", "plusMonths", "plusYears", "plusHours",
                        "plusMinutes", "plusSeconds", "minusDays", "minusWeeks", "minusMonths", "minusYears",
                        "minusHours", "minusMinutes", "minusSeconds", "withDayOfMonth", "withDayOfYear", "withMonth",
                        "withYear", "toLocalDate", "toLocalTime", "toLocalDateTime", "atStartOfDay", "until", "plus",
                        "minus")),
        AMOUNT(Set.of("java.time.Duration", "java.time.Period", "java.time.temporal.TemporalAmount",
                "java.time.chrono.ChronoPeriod"),
                Set.of("toDays", "toHours", "toMinutes", "toSeconds", "toMillis", "getSeconds", "getDays", "getMonths",
                        "getYears", "toTotalMonths", "isNegative", "isZero", "plus", "minus", "plusDays", "plusMonths",
                        "plusYears", "plusHours", "plusMinutes", "minusDays", "minusMonths", "minusYears", "minusHours",
                        "minusMinutes", "negated", "abs", "normalized")),
        CONSTANT(Set.of("java.time.DayOfWeek", "java.time.Month", "java.time.temporal.ChronoUnit",
                "java.time.temporal.TemporalUnit", "java.lang.Enum"),
                Set.of("name", "ordinal", "getValue", "plus", "minus", "between")),
        COLLECTION(Set.of("java.lang.Iterable", "java.util.Collection", "java.util.List", "java.util.Set",
                "java.util.SortedSet", "java.util.SequencedCollection", "java.util.ArrayList", "java.util.LinkedList",
                "java.util.HashSet", "java.util.LinkedHashSet", "java.util.AbstractCollection",
                "java.util.AbstractList", "java.util.AbstractSet"),
                Set.of("contains", "containsAll", "size", "isEmpty", "get", "getAt", "indexOf", "lastIndexOf",
                        "first", "last", "getFirst", "getLast", "disjoint", "intersect", "join", "plus", "minus", "min",
                        "max", "sum", "count", "toSorted")),
        MAP(Set.of("java.util.Map", "java.util.HashMap", "java.util.LinkedHashMap", "java.util.AbstractMap",
                "java.util.SortedMap"),
                Set.of("get", "getAt", "containsKey", "containsValue", "size", "isEmpty", "keySet", "values",
                        "getOrDefault"));

        private final Set<String> typeNames;
        private final Set<String> methods;

        Family(Set<String> typeNames, Set<String> methods) {
            this.typeNames = typeNames;
            // Harmless on every allowed value, and what Groovy's operators call.
            Set<String> everywhere = Set.of("equals", "toString", "hashCode", "compareTo", "isCase", "isNotCase", "asBoolean");
            this.methods = Stream.concat(methods.stream(), everywhere.stream()).collect(Collectors.toUnmodifiableSet());
        }

        boolean allows(String method) {
            return methods.contains(method);
        }
    }

    private static final Map<String, Set<String>> STATIC_METHODS = Map.of(
            "java.lang.Math", Set.of("abs", "min", "max", "round", "floor", "ceil", "signum"),
            "java.time.LocalDate", Set.of("of", "parse", "now"),
            "java.time.LocalDateTime", Set.of("of", "parse", "now"),
            "java.time.LocalTime", Set.of("of", "parse", "now"),
            "java.time.OffsetDateTime", Set.of("parse", "now"),
            "java.time.Duration", Set.of("ofDays", "ofHours", "ofMinutes", "ofSeconds", "between", "parse"),
            "java.time.Period", Set.of("of", "ofDays", "ofWeeks", "ofMonths", "ofYears", "between", "parse"));

    private static final Map<String, Class<? extends Enum<?>>> CONSTANTS = Map.of(
            "java.time.DayOfWeek", java.time.DayOfWeek.class,
            "java.time.Month", java.time.Month.class,
            "java.time.temporal.ChronoUnit", java.time.temporal.ChronoUnit.class);

    /** Text-like index types turn {@code getAt} into property lookup by name, so they are refused. */
    private static final Set<String> NAME_INDEX_TYPES = Set.of(
            "java.lang.Object", "java.lang.String", "java.lang.CharSequence", "groovy.lang.GString");

    private AllowList() {
    }

    /** The family a type belongs to, or null when values of that type are not allowed at all. */
    static Family family(ClassNode type) {
        if (type == null || type.isArray()) {
            return null;
        }
        String name = type.isGenericsPlaceHolder() ? type.redirect().getName() : type.getName();
        for (Family family : Family.values()) {
            if (family.typeNames.contains(name)) {
                return family;
            }
        }
        return null;
    }

    /**
     * Whether the method the type checker selected may be called on a receiver of the given
     * type. Judged by the type that declares the method (for Groovy extension methods, the type
     * they extend), so an allowed name inherited from {@code Object} does not slip through.
     */
    static boolean allowsInstanceMethod(MethodNode target, ClassNode receiverType) {
        if (family(receiverType) == null) {
            return false;
        }
        boolean extension = target instanceof ExtensionMethodNode;
        if (target.isStatic() && !extension) {
            return false;
        }
        Family declaring = family(target.getDeclaringClass());
        if (declaring == null || !declaring.allows(target.getName())) {
            return false;
        }
        if (target.getName().equals("getAt") && declaring != Family.MAP) {
            Parameter[] parameters = target.getParameters();
            return parameters.length == 1 && !NAME_INDEX_TYPES.contains(parameters[0].getType().getName());
        }
        return true;
    }

    static boolean allowsStaticMethod(ClassNode owner, MethodNode target) {
        Set<String> names = STATIC_METHODS.get(owner.getName());
        return names != null && names.contains(target.getName()) && target.isStatic()
                && !(target instanceof ExtensionMethodNode)
                && target.getDeclaringClass().getName().equals(owner.getName());
    }

    static boolean allowsConstant(ClassNode owner, String name) {
        Class<? extends Enum<?>> type = CONSTANTS.get(owner.getName());
        return type != null && Stream.of(type.getEnumConstants()).anyMatch(c -> c.name().equals(name));
    }

    /** A property read is the getter it stands for; maps read their entries. */
    static boolean allowsProperty(ClassNode receiverType, String name) {
        Family family = family(receiverType);
        if (family == null || ShapeCustomizer.FORBIDDEN_MEMBERS.contains(name) || name.isEmpty()) {
            return false;
        }
        if (family == Family.MAP) {
            return true;
        }
        String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        return family.allows("get" + capitalized) || family.allows("is" + capitalized);
    }

    static boolean isNumber(ClassNode type) {
        return family(type) == Family.NUMBER;
    }

    static boolean isText(ClassNode type) {
        return family(type) == Family.STRING;
    }

    static boolean isBoolean(ClassNode type) {
        return family(type) == Family.BOOLEAN;
    }

    static boolean isUntyped(ClassNode type) {
        return type == null || ClassHelper.OBJECT_TYPE.getName().equals(type.getName());
    }
}
