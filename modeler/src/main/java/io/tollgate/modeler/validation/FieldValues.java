package io.tollgate.modeler.validation;

import io.tollgate.modeler.model.FieldDef;
import io.tollgate.modeler.model.FieldType;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks values written to custom fields against their definitions and turns them into one
 * canonical form: numbers as BigDecimal, dates and times as ISO-8601 text, lists as lists of text.
 * Every bad value is reported, not only the first.
 */
public final class FieldValues {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private FieldValues() {
    }

    /** One value that breaks its field's rule. */
    public record Violation(String field, String message) {
    }

    /** The canonical values and every violation found. */
    public record Result(Map<String, Object> values, List<Violation> violations) {
        public boolean ok() {
            return violations.isEmpty();
        }
    }

    /**
     * Checks the given values; a key that is not one of {@code definitions} is a violation.
     * A null value clears the field, which is refused for required fields.
     */
    public static Result check(Map<String, Object> given, Map<String, FieldDef> definitions, Predicate<String> knownUser) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<Violation> violations = new ArrayList<>();
        if (given == null) {
            return new Result(values, violations);
        }
        given.forEach((key, value) -> {
            FieldDef def = definitions.get(key);
            if (def == null) {
                violations.add(new Violation(key, "'" + key + "' is not a field that can be set here; fields are "
                        + definitions.keySet() + "."));
                return;
            }
            if (value == null || (value instanceof String s && s.isBlank() && def.type() != FieldType.TEXTAREA)) {
                if (def.required()) {
                    violations.add(new Violation(key, def.label() + " is required."));
                } else {
                    values.put(key, null);
                }
                return;
            }
            try {
                values.put(key, convert(def, value, knownUser));
            } catch (IllegalArgumentException e) {
                violations.add(new Violation(key, e.getMessage()));
            }
        });
        return new Result(values, violations);
    }

    /** Required fields among {@code definitions} that have no value in {@code stored}. */
    public static List<Violation> missingRequired(Map<String, Object> stored, Collection<FieldDef> definitions) {
        List<Violation> out = new ArrayList<>();
        for (FieldDef def : definitions) {
            if (def.required() && isEmpty(stored.get(def.key()))) {
                out.add(new Violation(def.key(), def.label() + " is required."));
            }
        }
        return out;
    }

    /**
     * Stored values as expressions see them: every field of the template present (null when empty),
     * numbers as BigDecimal, dates as LocalDate, date-times as OffsetDateTime.
     */
    public static Map<String, Object> forExpressions(io.tollgate.modeler.model.Template template, Map<String, Object> stored) {
        Map<String, Object> out = new java.util.HashMap<>();
        template.allFields().forEach(f -> out.putIfAbsent(f.key(), typed(f, stored.get(f.key()))));
        return out;
    }

    private static Object typed(FieldDef def, Object value) {
        if (value == null || def.type() == null) {
            return value;
        }
        return switch (def.type()) {
            case DATE -> LocalDate.parse(value.toString());
            case DATETIME -> OffsetDateTime.parse(value.toString());
            case NUMBER, MONEY, PERCENT -> value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
            default -> value;
        };
    }

    public static boolean isEmpty(Object value) {
        return value == null || (value instanceof String s && s.isBlank()) || (value instanceof Collection<?> c && c.isEmpty());
    }

    private static Object convert(FieldDef def, Object value, Predicate<String> knownUser) {
        String label = def.label();
        return switch (def.type()) {
            case TEXT, TEXTAREA, ATTACHMENT -> text(def, string(label, value));
            case URL -> {
                String s = text(def, string(label, value));
                try {
                    URI uri = new URI(s);
                    if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                            || uri.getHost() == null) {
                        throw new IllegalArgumentException(label + " must be an http or https link.");
                    }
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalArgumentException(label + " must be an http or https link.");
                }
                yield s;
            }
            case EMAIL -> {
                String s = text(def, string(label, value));
                if (!EMAIL.matcher(s).matches()) {
                    throw new IllegalArgumentException(label + " must be an email address.");
                }
                yield s;
            }
            case NUMBER, MONEY, PERCENT -> {
                BigDecimal n = number(label, value);
                if (def.min() != null && n.compareTo(def.min()) < 0) {
                    throw new IllegalArgumentException(label + " must be at least " + def.min().toPlainString() + ".");
                }
                if (def.max() != null && n.compareTo(def.max()) > 0) {
                    throw new IllegalArgumentException(label + " must be at most " + def.max().toPlainString() + ".");
                }
                yield n;
            }
            case DATE -> {
                try {
                    yield LocalDate.parse(string(label, value)).toString();
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(label + " must be a date like 2026-12-31.");
                }
            }
            case DATETIME -> {
                try {
                    yield OffsetDateTime.parse(string(label, value)).toString();
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(label + " must be a time with offset like 2026-12-31T17:00:00+08:00.");
                }
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean b)) {
                    throw new IllegalArgumentException(label + " must be true or false.");
                }
                yield b;
            }
            case SELECT -> option(def, string(label, value));
            case MULTISELECT -> list(label, value).stream().map(v -> option(def, v)).distinct().toList();
            case USER -> user(label, string(label, value), knownUser);
            case USERS -> list(label, value).stream().map(v -> user(label, v, knownUser)).distinct().toList();
        };
    }

    private static String string(String label, Object value) {
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException(label + " must be text.");
        }
        return s;
    }

    private static String text(FieldDef def, String s) {
        if (def.minLength() != null && s.length() < def.minLength()) {
            throw new IllegalArgumentException(def.label() + " must have at least " + def.minLength() + " characters.");
        }
        if (def.maxLength() != null && s.length() > def.maxLength()) {
            throw new IllegalArgumentException(def.label() + " must have at most " + def.maxLength() + " characters.");
        }
        if (def.pattern() != null && !Pattern.compile(def.pattern()).matcher(s).matches()) {
            throw new IllegalArgumentException(def.label() + " does not have the expected form (" + def.pattern() + ").");
        }
        return s;
    }

    private static BigDecimal number(String label, Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof java.math.BigInteger) {
            return new BigDecimal(value.toString());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(label + " must be a number.");
            }
            return BigDecimal.valueOf(d);
        }
        if (value instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(label + " must be a number.");
            }
        }
        throw new IllegalArgumentException(label + " must be a number.");
    }

    private static String option(FieldDef def, String value) {
        if (def.options().stream().noneMatch(o -> value.equals(o.value()))) {
            throw new IllegalArgumentException(def.label() + " must be one of "
                    + def.options().stream().map(FieldDef.Option::value).toList() + ".");
        }
        return value;
    }

    private static List<String> list(String label, Object value) {
        if (!(value instanceof Collection<?> c)) {
            throw new IllegalArgumentException(label + " must be a list.");
        }
        List<String> out = new ArrayList<>();
        for (Object o : c) {
            out.add(string(label, o));
        }
        return out;
    }

    private static String user(String label, String name, Predicate<String> knownUser) {
        if (!knownUser.test(name)) {
            throw new IllegalArgumentException(label + ": there is no user '" + name + "' in this workspace.");
        }
        return name;
    }
}
