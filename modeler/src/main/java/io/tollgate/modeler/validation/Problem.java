package io.tollgate.modeler.validation;

/**
 * One thing wrong with a template: a stable {@code code} that tools can rely on, the JSON path of
 * the offending element, a message a process admin understands, and how bad it is. The code is kept
 * as its string so reports and API responses carry it as written in {@link ProblemCode}.
 */
public record Problem(String code, String path, String message, Severity severity) {

    public enum Severity { ERROR, WARNING }

    public static Problem error(ProblemCode code, String path, String message) {
        return new Problem(code.code(), path, message, Severity.ERROR);
    }

    public static Problem warning(ProblemCode code, String path, String message) {
        return new Problem(code.code(), path, message, Severity.WARNING);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
