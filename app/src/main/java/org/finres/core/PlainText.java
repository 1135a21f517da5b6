package org.finres.core;

import java.util.regex.Pattern;

/**
 * The rules for free-text fields such as names. They are an allow-list: letters of any script, digits,
 * spaces and the punctuation real names use. Markup, statement separators and comment sequences are
 * refused outright, so injection probes get a clear 400 instead of being stored (they would be harmless
 * in storage and escaped on output, but a security product should not keep them as names).
 */
public final class PlainText {

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}\\p{N}][\\p{L}\\p{M}\\p{N} .,&()'’/·（）、\\-]*");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190}\\.[A-Za-z]{2,24}");

    private PlainText() {
    }

    /** Returns the trimmed name, or throws naming the field and the rule it breaks. */
    public static String name(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required", "required");
        }
        String trimmed = value.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > maxLength) {
            throw new InvalidInputException(field, "is longer than " + maxLength + " characters", "text.length", maxLength);
        }
        if (!NAME.matcher(trimmed).matches() || trimmed.contains("--")) {
            throw new InvalidInputException(field, "may contain only letters, digits, spaces and . , & ( ) ' / - "
                    + "and must start with a letter or digit (was '" + InvalidInputException.preview(trimmed) + "')", "text.characters");
        }
        return trimmed;
    }

    /** Returns the e-mail address, or null when absent; throws when present but malformed. */
    public static String optionalEmail(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > 254 || !EMAIL.matcher(trimmed).matches()) {
            throw new InvalidInputException(field, "is not an e-mail address (was '"
                    + InvalidInputException.preview(trimmed) + "')", "email.invalid");
        }
        return trimmed;
    }
}
