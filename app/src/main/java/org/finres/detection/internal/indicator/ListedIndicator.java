package org.finres.detection.internal.indicator;

import java.util.Objects;

/**
 * One indicator read from a bulk list, with the line its record starts on and the analyst's label (null if none).
 */
public record ListedIndicator(int line, IndicatorValue value, String label) {

    public ListedIndicator {
        Objects.requireNonNull(value, "value");
        if (line < 1) {
            throw new IllegalArgumentException("line numbers start at 1, got " + line);
        }
    }
}
