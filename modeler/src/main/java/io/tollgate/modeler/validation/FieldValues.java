package io.tollgate.modeler.validation;

import io.tollgate.modeler.model.FieldDef;
import io.tollgate.modeler.model.FieldType;

import java.math.BigDecimal;
import java.math.BigInteger;
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
 *
 * <p>Every value is bounded before anything costly is done with it (see {@link Limits}): a number
 * has at most 30 significant digits and a decimal exponent within &plusmn;30, and its text is
 * measured before it is parsed, because parsing a million digits takes seconds and a stored
 * number longer than Jackson reads back breaks the project for good; texts fit their field's
 * length and hold no control characters but tab and line breaks (PostgreSQL text cannot hold
 * NUL); lists have at most 200 entries, checked before any user is looked up.
 */
public final class FieldValues {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    /** Generous for any number within the bounds, also when written with trailing zeros: 10^100 needs 333 bits. */
    private static final int MAX_UNSCALED_BITS = 340;

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
     * numbers as BigDecimal, dates as LocalDate, date-times as OffsetDateTime. Stored values are held
     * to the same bounds as written ones, in case one was stored before the bounds existed.
     *
     * @throws IllegalArgumentException if a stored value is out of bounds; the message names the field
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
        String label = def.label();
        return switch (def.type()) {
            case DATE -> LocalDate.parse(bounded(label, value.toString(), Limits.LINK));
            case DATETIME -> OffsetDateTime.parse(bounded(label, value.toString(), Limits.LINK));
            case NUMBER, MONEY, PERCENT -> number(label, value);
            case TEXT, TEXTAREA, URL, EMAIL, ATTACHMENT, SELECT, USER ->
                    value instanceof String s ? bounded(label, s, longest(def.type())) : value;
            case MULTISELECT, USERS -> value instanceof Collection<?> c ? storedList(def, c) : value;
            case BOOLEAN -> value;
        };
    }

    private static List<Object> storedList(FieldDef def, Collection<?> values) {
        entries(def.label(), values);
        List<Object> out = new ArrayList<>(values.size());
        for (Object v : values) {
            out.add(v instanceof String s ? bounded(def.label(), s, longest(def.type())) : v);
        }
        return out;
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
                    yield LocalDate.parse(bounded(label, string(label, value), Limits.LINK)).toString();
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(label + " must be a date like 2026-12-31.");
                }
            }
            case DATETIME -> {
                try {
                    yield OffsetDateTime.parse(bounded(label, string(label, value), Limits.LINK)).toString();
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

    /**
     * The most characters a value of a text-like type may have, whatever its field declares: a text
     * field may raise its maxLength up to what a textarea holds; links and addresses stay short.
     */
    static int longest(FieldType type) {
        return switch (type) {
            case TEXT, TEXTAREA -> Limits.TEXTAREA;
            case URL, EMAIL, ATTACHMENT -> Limits.LINK;
            case SELECT, MULTISELECT -> Limits.NAME;
            case USER, USERS -> Limits.PRINCIPAL;
            case NUMBER, MONEY, PERCENT -> Limits.NUMBER_TEXT;
            case DATE, DATETIME, BOOLEAN -> Limits.LINK;
        };
    }

    /** The most characters a value of the field may have: its maxLength, or its type's default, within {@link #longest}. */
    private static int maxLength(FieldDef def) {
        int given = def.maxLength() != null ? def.maxLength() : def.type() == FieldType.TEXTAREA ? Limits.TEXTAREA : Limits.TEXT;
        return Math.min(given, longest(def.type()));
    }

    private static String string(String label, Object value) {
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException(label + " must be text.");
        }
        return s;
    }

    /** Length and control characters, checked before anything else looks at the text. */
    private static String bounded(String label, String s, int maxLength) {
        if (s.length() > maxLength) {
            throw new IllegalArgumentException(label + " must have at most " + maxLength + " characters.");
        }
        if (Limits.hasControlCharacter(s)) {
            throw new IllegalArgumentException(label + " contains a control character; only tabs and line breaks are allowed.");
        }
        return s;
    }

    private static String text(FieldDef def, String s) {
        bounded(def.label(), s, maxLength(def));
        if (def.minLength() != null && s.length() < def.minLength()) {
            throw new IllegalArgumentException(def.label() + " must have at least " + def.minLength() + " characters.");
        }
        if (def.pattern() != null && !Pattern.compile(def.pattern()).matcher(s).matches()) {
            throw new IllegalArgumentException(def.label() + " does not have the expected form (" + def.pattern() + ").");
        }
        return s;
    }

    private static BigDecimal number(String label, Object value) {
        BigDecimal n;
        if (value instanceof BigDecimal d) {
            n = d;
        } else if (value instanceof BigInteger i) {
            n = new BigDecimal(i);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            n = BigDecimal.valueOf(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(label + " must be a number.");
            }
            n = value instanceof Float f ? new BigDecimal(f.toString()) : BigDecimal.valueOf(d);
        } else if (value instanceof String s) {
            String text = s.trim();
            // BigDecimal parses in time quadratic in the digits: measure first.
            if (text.length() > Limits.NUMBER_TEXT) {
                throw outOfBounds(label);
            }
            try {
                n = new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(label + " must be a number.");
            }
        } else {
            throw new IllegalArgumentException(label + " must be a number.");
        }
        return bounded(label, n);
    }

    /**
     * The number if it is within {@link Limits#NUMBER_DIGITS} and {@link Limits#NUMBER_EXPONENT},
     * as written when that is short (so money keeps its cents), otherwise in its plain normal form,
     * so that what is stored is short and reads back as it was.
     */
    private static BigDecimal bounded(String label, BigDecimal n) {
        // precision() and stripTrailingZeros() of a huge number are costly themselves; bit length is not.
        if (n.unscaledValue().bitLength() > MAX_UNSCALED_BITS) {
            throw outOfBounds(label);
        }
        BigDecimal normal = n.stripTrailingZeros();
        if (normal.signum() == 0) {
            return n.scale() >= 0 && n.scale() <= Limits.NUMBER_DIGITS ? n : BigDecimal.ZERO;
        }
        int exponent = normal.precision() - normal.scale() - 1;
        if (normal.precision() > Limits.NUMBER_DIGITS || Math.abs(exponent) > Limits.NUMBER_EXPONENT) {
            throw outOfBounds(label);
        }
        if (n.scale() >= 0 && n.precision() <= Limits.NUMBER_DIGITS) {
            return n;
        }
        return normal.scale() < 0 ? normal.setScale(0) : normal;
    }

    private static IllegalArgumentException outOfBounds(String label) {
        return new IllegalArgumentException(label + " must be a number of at most " + Limits.NUMBER_DIGITS
                + " significant digits, between 10^-" + Limits.NUMBER_EXPONENT + " and 10^" + (Limits.NUMBER_EXPONENT + 1)
                + " in size.");
    }

    private static String option(FieldDef def, String value) {
        bounded(def.label(), value, longest(def.type()));
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
        entries(label, c);
        List<String> out = new ArrayList<>();
        for (Object o : c) {
            out.add(string(label, o));
        }
        return out;
    }

    private static void entries(String label, Collection<?> values) {
        if (values.size() > Limits.ENTRIES) {
            throw new IllegalArgumentException(label + " must have at most " + Limits.ENTRIES + " entries.");
        }
    }

    private static String user(String label, String name, Predicate<String> knownUser) {
        bounded(label, name, Limits.PRINCIPAL);
        if (!knownUser.test(name)) {
            throw new IllegalArgumentException(label + ": there is no user '" + name + "' in this workspace.");
        }
        return name;
    }
}
