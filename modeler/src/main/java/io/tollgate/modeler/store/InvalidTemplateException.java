package io.tollgate.modeler.store;

import io.tollgate.modeler.validation.Problem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.util.List;
import java.util.Map;

/** A template that does not parse or does not validate; carries every problem with its path. */
public class InvalidTemplateException extends ErrorResponseException {

    private final List<Problem> problems;

    public InvalidTemplateException(String detail, List<Problem> problems) {
        super(HttpStatus.BAD_REQUEST, problem(detail, problems), null);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static ProblemDetail problem(String detail, List<Problem> problems) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        p.setType(ProblemTypes.of("template-invalid"));
        p.setTitle("Template is not valid");
        p.setProperty("errors", problems.stream().map(InvalidTemplateException::asMap).toList());
        return p;
    }

    static Map<String, Object> asMap(Problem problem) {
        return Map.of("path", problem.path(), "message", problem.message(), "code", problem.code(),
                "severity", problem.severity().name().toLowerCase(java.util.Locale.ROOT));
    }
}
