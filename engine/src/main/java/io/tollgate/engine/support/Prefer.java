package io.tollgate.engine.support;

import jakarta.servlet.http.HttpServletResponse;

import java.util.Locale;

/**
 * The {@code Prefer} request header (RFC 7240) for commands that change a project: {@code
 * return=minimal} asks for a short answer (the item acted on and the project's status) instead of
 * the whole project view, which a client that reloads its own list does not need and which costs the
 * server more than the command itself. The answer says it honoured it with {@code Preference-Applied}.
 */
public final class Prefer {

    /** The header clients send. */
    public static final String HEADER = "Prefer";
    private static final int MAX_LENGTH = 200;

    private Prefer() {
    }

    /** Whether the header asks for {@code return=minimal}; if so, the response says it is applied. */
    public static boolean minimal(String header, HttpServletResponse response) {
        if (header == null || header.length() > MAX_LENGTH) {
            return false;
        }
        for (String preference : header.split(",")) {
            String p = preference.strip().toLowerCase(Locale.ROOT);
            int parameters = p.indexOf(';');
            if (parameters >= 0) {
                p = p.substring(0, parameters).strip();
            }
            if (p.replace(" ", "").equals("return=minimal")) {
                if (response != null) {
                    response.setHeader("Preference-Applied", "return=minimal");
                }
                return true;
            }
        }
        return false;
    }
}
