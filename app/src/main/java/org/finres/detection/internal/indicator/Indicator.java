package org.finres.detection.internal.indicator;

import java.util.Objects;

/**
 * A stored indicator: its type, canonical value and the opaque id its owner (the store's row id) gave it, which
 * every hit reports back.
 */
public record Indicator(IndicatorType type, String value, long id) {

    public Indicator {
        // Validates the value is canonical (and throws IndicatorFormatException if not), so that rows that predate a
        // change of normalisation are caught when loaded rather than silently never matching.
        new IndicatorValue(Objects.requireNonNull(type, "type"), Objects.requireNonNull(value, "value"));
    }

    /** Parses and normalises as {@link IndicatorValue#parse(String, String)}, with the given id. */
    public static Indicator parse(String typeCode, String text, long id) {
        return IndicatorValue.parse(typeCode, text).withId(id);
    }

    public IndicatorValue typedValue() {
        return new IndicatorValue(type, value);
    }
}
