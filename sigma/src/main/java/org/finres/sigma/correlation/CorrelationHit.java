package org.finres.sigma.correlation;

import org.finres.sigma.rule.CorrelationRule;

import java.time.Instant;
import java.util.Map;

/**
 * A correlation that fired: its group (group-by name to value), the time and index of the event that completed it,
 * and the aggregate that met the condition (count, distinct count, sum, average, percentage, or number of rules).
 */
public record CorrelationHit(CorrelationRule rule, Map<String, String> group, Instant time, long eventIndex,
                             String input, double value) {
    public CorrelationHit {
        group = Map.copyOf(group);
    }
}
