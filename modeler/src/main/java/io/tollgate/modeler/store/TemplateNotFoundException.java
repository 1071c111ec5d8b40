package io.tollgate.modeler.store;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No template, version or draft under that key. */
public class TemplateNotFoundException extends ErrorResponseException {

    public TemplateNotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, problem(detail), null);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        p.setType(ProblemTypes.of("template-not-found"));
        p.setTitle("Template not found");
        return p;
    }
}
