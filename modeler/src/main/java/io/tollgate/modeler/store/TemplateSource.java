package io.tollgate.modeler.store;

import io.tollgate.modeler.parse.TemplateFormat;

/** A template's text exactly as it was written, with its notation. */
public record TemplateSource(String text, TemplateFormat format) {
}
