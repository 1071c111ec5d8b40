package io.tollgate.engine.security;

import io.tollgate.engine.support.Problems.FieldError;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a user's name, display name, address, password, roles and groups may be. Each check adds its
 * complaint, with the JSON path of the value, to the list it is given and answers the value to store
 * (trimmed where spaces do not count), so one answer names every bad value at once.
 */
final class UserRules {

    static final Set<String> ROLES = Set.of("admin", "pm", "member");
    static final int MAX_GROUPS = 50;
    /** BCrypt reads the first 72 bytes of a password and ignores the rest. */
    static final int MAX_PASSWORD_BYTES = 72;

    // starts with a letter or digit, so that no name is "." or ".." in an address
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,99}");
    private static final Pattern GROUP = Pattern.compile("[a-z0-9._-]{1,100}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    private UserRules() {
    }

    static String username(String value, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            errors.add(new FieldError("username", "A user name is required."));
        } else if (value.length() < 2 || value.length() > 100) {
            errors.add(new FieldError("username", "A user name has 2 to 100 characters."));
        } else if (!USERNAME.matcher(value).matches()) {
            errors.add(new FieldError("username",
                    "A user name has only lower-case letters a-z, digits, '.', '_' and '-', and starts with a letter or digit."));
        }
        return value;
    }

    static String displayName(String value, List<FieldError> errors) {
        String name = value == null ? "" : value.strip();
        if (name.isEmpty()) {
            errors.add(new FieldError("displayName", "A display name is required."));
        } else if (name.length() > 200) {
            errors.add(new FieldError("displayName", "A display name has at most 200 characters."));
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("displayName", "A display name has no control characters."));
        }
        return name;
    }

    /** An address, or {@code null} for none (absent, or blank). */
    static String email(String value, List<FieldError> errors) {
        String email = value == null ? "" : value.strip();
        if (email.isEmpty()) {
            return null;
        }
        if (email.length() > 200) {
            errors.add(new FieldError("email", "An email address has at most 200 characters."));
        } else if (!EMAIL.matcher(email).matches() || email.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("email", "This is not an email address: it looks like name@example.com."));
        }
        return email;
    }

    static String password(String value, String path, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            errors.add(new FieldError(path, "A password is required."));
            return value;
        }
        int characters = value.codePointCount(0, value.length());
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (characters < 10) {
            errors.add(new FieldError(path, "A password has at least 10 characters."));
        } else if (characters > 200) {
            errors.add(new FieldError(path, "A password has at most 200 characters."));
        } else if (bytes > MAX_PASSWORD_BYTES) {
            errors.add(new FieldError(path, "A password has at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8, "
                    + "since only that much of it is checked; this one has " + bytes + " bytes. Letters outside "
                    + "ASCII take 2 to 4 bytes each: use fewer of them."));
        }
        return value;
    }

    /** The roles, or {@code null} when none were given. */
    static Set<String> roles(List<String> value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        if (value.isEmpty()) {
            errors.add(new FieldError("roles", "A user has at least one role: admin, pm or member."));
        }
        Set<String> roles = new TreeSet<>();
        for (int i = 0; i < value.size(); i++) {
            String role = value.get(i);
            if (role == null || !ROLES.contains(role)) {
                errors.add(new FieldError("roles[" + i + "]", "Not a role: the roles are admin, pm and member."));
            } else {
                roles.add(role);
            }
        }
        return roles;
    }

    /** The groups, or {@code null} when none were given. */
    static Set<String> groups(List<String> value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        if (value.size() > MAX_GROUPS) {
            errors.add(new FieldError("groups", "A user is in at most " + MAX_GROUPS + " groups."));
        }
        Set<String> groups = new TreeSet<>();
        for (int i = 0; i < value.size(); i++) {
            String group = value.get(i);
            if (group == null || group.isEmpty()) {
                errors.add(new FieldError("groups[" + i + "]", "A group name is required."));
            } else if (group.length() > 100) {
                errors.add(new FieldError("groups[" + i + "]", "A group name has at most 100 characters."));
            } else if (!GROUP.matcher(group).matches()) {
                errors.add(new FieldError("groups[" + i + "]",
                        "A group name has only lower-case letters a-z, digits, '.', '_' and '-'."));
            } else {
                groups.add(group);
            }
        }
        return groups;
    }
}
