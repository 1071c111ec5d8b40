package io.tollgate.modeler.expression;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * How large and how precise the numbers expressions calculate with may be. {@code BigDecimal}
 * arithmetic costs time in the digits and the exponent, cannot be interrupted, and a remainder of
 * {@code 1e99999999} runs for minutes: so every number that enters a calculation or comes out of
 * one is held to these bounds first. Field values have at most 30 digits and exponents within
 * &plusmn;30; 40 leaves room for what ordinary arithmetic makes of them (a division adds 10 digits).
 */
final class NumberBounds {

    /** Significant digits, trailing zeros included: they cost as much as any other digit. */
    static final int MAX_DIGITS = 40;
    /** The decimal exponent in scientific notation, up or down: 1e40 and 1e-40 are the extremes. */
    static final int MAX_EXPONENT = 40;
    /** Characters of text read as a number: more than any number within the bounds needs. */
    static final int MAX_TEXT = 100;
    /** 10^40 needs 133 bits, so more bits mean more than 40 digits; cheaper to know than the digits. */
    private static final int MAX_BITS = 133;

    private NumberBounds() {
    }

    /** Whether the number is within the bounds; doubles and longs always are, their arithmetic costs nothing. */
    static boolean fits(Object value) {
        if (value instanceof BigDecimal decimal) {
            return fits(decimal);
        }
        if (value instanceof BigInteger integer) {
            return integer.bitLength() <= MAX_BITS && new BigDecimal(integer).precision() <= MAX_DIGITS;
        }
        return true;
    }

    private static boolean fits(BigDecimal decimal) {
        if (decimal.unscaledValue().bitLength() > MAX_BITS) {
            return false;
        }
        int precision = decimal.precision();
        long exponent = (long) precision - decimal.scale() - 1;
        return precision <= MAX_DIGITS && Math.abs(exponent) <= MAX_EXPONENT;
    }

    /** What the bounds are, in words, for messages. */
    static String describe() {
        return "at most " + MAX_DIGITS + " significant digits and a size between 10^-" + MAX_EXPONENT
                + " and 10^" + (MAX_EXPONENT + 1);
    }
}
