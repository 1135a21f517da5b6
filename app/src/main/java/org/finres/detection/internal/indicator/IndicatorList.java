package org.finres.detection.internal.indicator;

import java.util.List;
import java.util.Objects;

/**
 * What a bulk list gave: the indicators of every good record and the reason for every bad one, so one bad line
 * never loses the others. Only the first {@link IndicatorListParser#MAX_LISTED_ERRORS} errors are listed; the rest
 * are counted in {@code unlistedErrors} (a file of garbage must not become a million messages).
 */
public record IndicatorList(ListFormat format, List<ListedIndicator> indicators, List<LineError> errors,
                            int unlistedErrors) {

    public IndicatorList {
        Objects.requireNonNull(format, "format");
        indicators = List.copyOf(indicators);
        errors = List.copyOf(errors);
        if (unlistedErrors < 0) {
            throw new IllegalArgumentException("unlistedErrors must not be negative");
        }
    }

    public int errorCount() {
        return errors.size() + unlistedErrors;
    }
}
