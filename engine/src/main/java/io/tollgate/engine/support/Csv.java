package io.tollgate.engine.support;

/** CSV for exports that people open in a spreadsheet. */
public final class Csv {

    private Csv() {
    }

    /**
     * One cell: quoted when it holds a comma, a quote or a line break; a text starting with {@code = + -
     * @}, a tab or a carriage return gets a leading apostrophe, so a spreadsheet never reads it as a
     * formula. Numbers are written as they are.
     */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (value instanceof CharSequence && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            s = "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
