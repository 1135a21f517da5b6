package org.finres.coredata;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Checks shared by the record constructors and the readers, so every entry point refuses the same things. */
final class Fields {

    static final int MAX_ID = 128;
    static final int MAX_TEXT = 1024;

    private Fields() {
    }

    /** Identifiers: 1..128 printable characters without surrounding spaces (they become JSON keys and file text). */
    static String id(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        if (value.length() > MAX_ID) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_ID + " characters");
        }
        if (!value.equals(value.strip())) {
            throw new IllegalArgumentException(field + " " + CurrencyCode.quote(value) + " has leading or trailing spaces");
        }
        noControl(value, field);
        return value;
    }

    /** Free text (names, descriptions): may be empty, at most 1024 characters, no control characters. */
    static String text(String value, String field) {
        if (value == null) {
            return "";
        }
        if (value.length() > MAX_TEXT) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_TEXT + " characters");
        }
        noControl(value, field);
        return value;
    }

    private static void noControl(String value, String field) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException(field + " contains a control character (U+"
                        + String.format("%04X", (int) c) + ") at position " + (i + 1));
            }
        }
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    static LocalDate date(String text, String field) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        try {
            if (text.length() != 10) {
                throw new DateTimeParseException("", text, 0);
            }
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " " + CurrencyCode.quote(text) + " is not a date (YYYY-MM-DD)");
        }
    }

    static LocalDate optionalDate(String text, String field) {
        return text == null || text.isEmpty() ? null : date(text, field);
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String text, String field) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.isEmpty() ? "" : ", ").append(constant.name());
            }
            throw new IllegalArgumentException(field + " " + CurrencyCode.quote(text) + " is not one of " + allowed);
        }
    }
}
