package org.finres.sigma.correlation;

import java.time.Duration;

/**
 * Bounds of the correlation state. {@code lateness}: how far behind the newest event time an event may arrive and
 * still be correlated. {@code maxGroups}: groups kept per correlation (least recently used dropped first).
 * {@code maxEntriesPerGroup}: remembered events per group (oldest dropped first); thresholds above it cannot be reached.
 */
public record CorrelationSettings(Duration lateness, int maxGroups, int maxEntriesPerGroup) {

    public static final CorrelationSettings DEFAULTS = new CorrelationSettings(Duration.ofMinutes(5), 100_000, 10_000);

    public CorrelationSettings {
        if (lateness == null || lateness.isNegative()) throw new IllegalArgumentException("lateness must be >= 0");
        if (maxGroups < 1 || maxEntriesPerGroup < 1) throw new IllegalArgumentException("bounds must be positive");
    }
}
