package io.tollgate.modeler.parse;

/** The two notations a template can be written in; both carry the same model. */
public enum TemplateFormat {
    YAML, JSON;

    /** JSON when the text starts like a JSON object, YAML otherwise. */
    public static TemplateFormat sniff(String text) {
        return text != null && text.stripLeading().startsWith("{") ? JSON : YAML;
    }
}
