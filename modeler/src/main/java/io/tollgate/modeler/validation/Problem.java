package io.tollgate.modeler.validation;

/**
 * One thing wrong with a template: a stable {@code code} that tools can rely on, the JSON path of
 * the offending element, a message a process admin understands, and how bad it is.
 */
public record Problem(String code, String path, String message, Severity severity) {

    public enum Severity { ERROR, WARNING }

    public static Problem error(String code, String path, String message) {
        return new Problem(code, path, message, Severity.ERROR);
    }

    public static Problem warning(String code, String path, String message) {
        return new Problem(code, path, message, Severity.WARNING);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
