package org.finres.sigma.event;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * An event as the matcher sees it: a value per field name, the event time, and every value for keyword search.
 * Field values are {@link String}, {@link Number}, {@link Boolean}, a {@link List} of those for arrays,
 * {@link #JSON_NULL} for an explicit null, and Java {@code null} when the field is absent (the distinction matters for
 * Sigma's {@code null} and {@code exists}).
 */
public interface EventView {

    /** Marker for a field that is present with a null value. */
    Object JSON_NULL = new Object() {
        @Override public String toString() { return "null"; }
    };

    /** The value of a field, or null when absent. Names may be dotted paths into nested objects. */
    Object field(String name);

    /** The event time, or null when the event carries none that can be read. */
    Instant timestamp();

    /** True as soon as {@code test} accepts one leaf value of the event (keyword search over the whole event). */
    boolean anyValue(Predicate<Object> test);

    /**
     * {@code transform.apply(value)}, which a view may remember for the rest of the event. The matcher no longer calls
     * it (the rule index and skip searches made per-event memoised folding slower than none, see ADR 010); it stays
     * because views that wrap another view delegate it.
     */
    default String derived(String value, java.util.function.UnaryOperator<String> transform) {
        return transform.apply(value);
    }

    /** Picks the view for a decoded JSON object: Windows Event/System shape, or flat (NXLog, generic JSON). */
    static EventView of(JsonNode node) {
        JsonNode event = node.get("Event");
        if (event != null && event.isObject() && event.get("System") != null) return new WindowsEventView(node);
        return new FlatEventView(node);
    }

    /** Converts a JSON node to the value types described above; objects become their JSON text. */
    static Object valueOf(JsonNode n) {
        if (n == null || n.isMissingNode()) return null;
        if (n.isString()) return n.stringValue();
        if (n.isNumber()) return n.numberValue();
        if (n.isBoolean()) return n.booleanValue();
        if (n.isNull()) return JSON_NULL;
        if (n.isArray()) {
            List<Object> out = new ArrayList<>(n.size());
            for (JsonNode item : n.values()) {
                Object v = valueOf(item);
                if (v != null) out.add(v);
            }
            return out;
        }
        return n.toString();
    }

    /** Visits leaf values depth-first; stops and returns true when {@code test} accepts one. */
    static boolean anyLeaf(JsonNode n, Predicate<Object> test) {
        if (n == null) return false;
        // One type switch instead of a chain of type tests: keyword rules visit every leaf of every event.
        switch (n.getNodeType()) {
            case OBJECT, ARRAY -> {
                for (JsonNode child : n.values()) if (anyLeaf(child, test)) return true;
                return false;
            }
            case STRING -> {
                return test.test(n.stringValue());
            }
            case NULL, MISSING -> {
                return false;
            }
            default -> {
                Object v = valueOf(n);
                return v != null && v != JSON_NULL && test.test(v);
            }
        }
    }

    /**
     * Reads an event time: ISO-8601 with or without offset ({@code T} or space separated; no offset means UTC), or
     * epoch seconds/milliseconds. Returns null when the value is not a time.
     */
    static Instant parseTime(Object value) {
        if (value instanceof Number n) {
            long v = n.longValue();
            return v > 100_000_000_000L ? Instant.ofEpochMilli(v) : Instant.ofEpochSecond(v);
        }
        if (!(value instanceof String s) || s.length() < 10) return null;
        String t = s.trim().replace(' ', 'T');
        try {
            if (t.endsWith("Z") || t.matches(".*[+-]\\d{2}:?\\d{2}$")) return OffsetDateTime.parse(normalizeOffset(t)).toInstant();
            if (t.length() == 10) t = t + "T00:00:00";
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String normalizeOffset(String t) {
        // OffsetDateTime wants +hh:mm; some producers write +hhmm.
        if (t.matches(".*[+-]\\d{4}$")) return t.substring(0, t.length() - 2) + ":" + t.substring(t.length() - 2);
        return t;
    }
}
