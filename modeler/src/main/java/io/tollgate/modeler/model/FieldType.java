package io.tollgate.modeler.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The types a custom field can have; the lower-case name is how templates spell them. */
public enum FieldType {
    TEXT, TEXTAREA, NUMBER, MONEY, PERCENT, DATE, DATETIME, BOOLEAN, SELECT, MULTISELECT,
    USER, USERS, URL, EMAIL, ATTACHMENT;

    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FieldType> of(String spelling) {
        return Arrays.stream(values()).filter(t -> t.spelling().equals(spelling)).findFirst();
    }

    public boolean numeric() {
        return this == NUMBER || this == MONEY || this == PERCENT;
    }

    public boolean textual() {
        return this == TEXT || this == TEXTAREA || this == URL || this == EMAIL;
    }

    public boolean multiple() {
        return this == MULTISELECT || this == USERS;
    }
}
