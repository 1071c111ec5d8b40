package io.tollgate.modeler.validation;

import java.util.regex.Pattern;

/**
 * How much a template and the values of its fields may hold, in one place. Each limit comes from
 * where the text or number ends up: a database column, Flowable's tables, or a computation that
 * must stay cheap. Validation, the reader, the compiler and {@link FieldValues} all read them here.
 */
public final class Limits {

    // The template document

    /** Characters of template text the reader parses at all; a 200-stage template is about 183,000. */
    public static final int TEMPLATE_CHARACTERS = 1_000_000;
    /** Levels of nesting in a template document; the language itself needs about a dozen. */
    public static final int TEMPLATE_NESTING = 64;

    // Names and texts of a template

    /** The template's name: Flowable names its deployment "name v7" in a 255-character column. */
    public static final int TEMPLATE_NAME = 200;
    /** The industry tag: {@code template_version.industry} holds 100 characters. */
    public static final int INDUSTRY = 100;
    /**
     * Stage and task names, and any name the compiler writes into the BPMN (such as "Approve " and
     * the stage's name): Flowable keeps them in 255-character columns ({@code ACT_RU_TASK.NAME_},
     * {@code ACT_RU_ACTINST.ACT_NAME_}).
     */
    public static final int ENGINE_NAME = 255;
    /**
     * Every other name (roles, fields, options, option values) and every translation: Tollgate's
     * own name columns hold 300 characters.
     */
    public static final int NAME = 300;
    /** A gate criterion's message, shown to people on the gate. */
    public static final int CRITERION_MESSAGE = 1_000;
    /** The name in a {@code user:} or {@code group:} reference: user and group names have at most 100 characters. */
    public static final int PRINCIPAL = 100;

    // Values of custom fields

    /** A text, url, email or attachment value when the field declares no maxLength. */
    public static final int TEXT = 2_000;
    /** A textarea value, and the most any declared maxLength may allow. */
    public static final int TEXTAREA = 20_000;
    /** A url, email or attachment value, whatever its maxLength says. */
    public static final int LINK = 2_000;
    /** The entries of a multiselect or users value. */
    public static final int ENTRIES = 200;
    /**
     * Significant digits of a number value. Money up to 10^18 with four decimals needs 23; anything
     * longer is no amount, and unbounded numbers cost unbounded time in every expression using them.
     */
    public static final int NUMBER_DIGITS = 30;
    /** The largest decimal exponent, up or down, of a number value (1e30, 1e-30). */
    public static final int NUMBER_EXPONENT = 30;
    /** Characters of a number written as text, checked before parsing it: digits, sign, point, exponent and zeros to spare. */
    public static final int NUMBER_TEXT = 100;

    /** Control characters other than tab, line feed and carriage return: PostgreSQL text cannot hold NUL, XML none of them. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\t\\n\\r]]");

    private Limits() {
    }

    /** Whether the text holds a control character other than tab, line feed and carriage return. */
    public static boolean hasControlCharacter(String text) {
        return text != null && CONTROL.matcher(text).find();
    }
}
