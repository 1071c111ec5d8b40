package io.tollgate.engine.work;

import io.tollgate.modeler.model.FieldDef;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** A field definition as a form needs it, with the value stored so far. */
public record FieldView(String key, String type, String name, Map<String, String> names, boolean required,
                        BigDecimal min, BigDecimal max, Integer minLength, Integer maxLength, String pattern,
                        List<FieldDef.Option> options, String currency, Object value) {

    public static FieldView of(FieldDef f, Object value) {
        return new FieldView(f.key(), f.type().spelling(), f.label(), f.names(), f.required(), f.min(), f.max(),
                f.minLength(), f.maxLength(), f.pattern(), f.options(), f.currency(), value);
    }
}
