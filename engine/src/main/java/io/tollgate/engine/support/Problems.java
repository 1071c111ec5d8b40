package io.tollgate.engine.support;

import io.tollgate.modeler.store.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The errors Tollgate answers with, each a ProblemDetail with a stable {@code type}. Features throw
 * these; {@link ProblemHandler} turns anything else into a problem too.
 */
public final class Problems {
    private Problems() {
    }

    public static final String BASE = ProblemTypes.BASE;

    /** One unmet prerequisite or criterion, in words. */
    public record Unmet(String kind, String key, String message) {
    }

    /** One bad value, with the path of the field. */
    public record FieldError(String path, String message) {
    }

    public static ErrorResponseException notFound(String what, String detail) {
        return of(HttpStatus.NOT_FOUND, what + "-not-found", "Not found", detail, Map.of());
    }

    public static ErrorResponseException forbidden(String detail) {
        return of(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", detail, Map.of());
    }

    public static ErrorResponseException badRequest(String kind, String detail) {
        return of(HttpStatus.BAD_REQUEST, kind, "Bad request", detail, Map.of());
    }

    public static ErrorResponseException invalidFields(String detail, List<FieldError> errors) {
        return of(HttpStatus.BAD_REQUEST, "invalid-fields", "Field values are not valid", detail, Map.of("errors", errors));
    }

    public static ErrorResponseException unmet(String detail, List<Unmet> unmet) {
        return of(HttpStatus.CONFLICT, "prerequisites-unmet", "Prerequisites are not met", detail, Map.of("unmet", unmet));
    }

    public static ErrorResponseException conflict(String kind, String detail) {
        return of(HttpStatus.CONFLICT, kind, "Conflict", detail, Map.of());
    }

    public static ErrorResponseException of(HttpStatus status, String kind, String title, String detail,
                                            Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(BASE + kind));
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return new ErrorResponseException(status, problem, null);
    }
}
