package org.finres.events.internal.decode;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A source event's fields by their source names, remembering which ones a mapping took, so that every field nobody
 * mapped ends up under OCSF {@code unmapped} without each decoder listing them.
 */
final class SourceFields {

    private final Map<String, Object> values;
    private final Set<String> taken = new HashSet<>();

    SourceFields(Map<String, ?> values) {
        this.values = new LinkedHashMap<>(values);
    }

    /** The field as trimmed text, or null when absent, blank or a dash; marks it mapped. */
    String text(String key) {
        Object value = values.get(key);
        if (value == null) {
            return null;
        }
        taken.add(key);
        return value instanceof Map<?, ?> || value instanceof Iterable<?> ? null : SourceText.clean(String.valueOf(value));
    }

    /** The first of several aliases that has a value; all of them are marked mapped. */
    String text(String... keys) {
        String found = null;
        for (String key : keys) {
            String value = text(key);
            if (found == null) {
                found = value;
            }
        }
        return found;
    }

    /** Decimal or 0x-hexadecimal integer (Windows writes process ids both ways); null when absent or not a number. */
    Long number(String key) {
        return parseNumber(text(key));
    }

    Integer integer(String key) {
        Long value = number(key);
        return value == null || value > Integer.MAX_VALUE || value < Integer.MIN_VALUE ? null : value.intValue();
    }

    /** The value as the source had it (string, number, list, map), marking it mapped. */
    Object raw(String key) {
        if (values.containsKey(key)) {
            taken.add(key);
        }
        return values.get(key);
    }

    /** The value as the source had it, without marking it mapped. */
    Object peekRaw(String key) {
        return values.get(key);
    }

    /** The field's text without marking it mapped, for choosing a class before mapping. */
    String peek(String key) {
        Object value = values.get(key);
        return value == null || value instanceof Map<?, ?> || value instanceof Iterable<?>
                ? null : SourceText.clean(String.valueOf(value));
    }

    boolean has(String key) {
        return peek(key) != null;
    }

    void put(String key, Object value) {
        values.put(key, value);
    }

    /** Fields nobody mapped, in source order. */
    Map<String, Object> rest() {
        Map<String, Object> rest = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (!taken.contains(key)) {
                rest.put(key, value);
            }
        });
        return rest;
    }

    Map<String, Object> all() {
        return Collections.unmodifiableMap(values);
    }

    static Long parseNumber(String text) {
        if (text == null) {
            return null;
        }
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return text.length() > 18 ? null : Long.parseUnsignedLong(text.substring(2), 16);
            }
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
