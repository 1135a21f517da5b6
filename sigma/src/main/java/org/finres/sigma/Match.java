package org.finres.sigma;

import org.finres.sigma.rule.Level;

import java.time.Instant;
import java.util.Map;

/**
 * A rule that matched. For a correlation, {@code eventIndex} and {@code eventTime} are those of the event that
 * completed it and {@code group} holds its group-by values; for a detection rule {@code group} is empty.
 * {@code eventIndex} is 0-based within {@code input}; {@code eventTime} is null when the event has no readable time.
 */
public record Match(String ruleId, String title, Level level, Kind kind, String input, long eventIndex,
                    Instant eventTime, Map<String, String> group) {

    public enum Kind { DETECTION, CORRELATION }

    public Match {
        group = Map.copyOf(group);
    }
}
