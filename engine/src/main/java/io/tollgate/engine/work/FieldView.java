package io.tollgate.engine.work;

import io.tollgate.engine.attachment.FileRef;
import io.tollgate.modeler.model.FieldDef;
import io.tollgate.modeler.model.FieldType;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A field definition as a form needs it, with the value stored so far; for an attachment field holding
 * a file of the project, {@code file} says its name, type, size and download address.
 */
public record FieldView(String key, String type, String name, Map<String, String> names, boolean required,
                        BigDecimal min, BigDecimal max, Integer minLength, Integer maxLength, String pattern,
                        List<FieldDef.Option> options, String currency, Object value, FileRef file) {

    public static FieldView of(FieldDef f, Object value) {
        return of(f, value, Map.of());
    }

    /** The field with its value, and the file it holds when {@code files} (by attachment id) has it. */
    public static FieldView of(FieldDef f, Object value, Map<String, FileRef> files) {
        FileRef file = f.type() == FieldType.ATTACHMENT && value instanceof String id ? files.get(id) : null;
        return new FieldView(f.key(), f.type().spelling(), f.label(), f.names(), f.required(), f.min(), f.max(),
                f.minLength(), f.maxLength(), f.pattern(), f.options(), f.currency(), value, file);
    }
}
