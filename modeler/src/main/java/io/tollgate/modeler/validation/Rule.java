package io.tollgate.modeler.validation;

import io.tollgate.modeler.model.Template;

import java.util.List;

/** One concern of validation. Rules read the template and add problems; they never throw. */
interface Rule {
    void check(Template template, ValidationContext context, List<Problem> problems);
}
