package org.finres.intel.internal.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class ConfidenceTests {

    private static final Instant SHARED = Instant.parse("2026-11-01T00:00:00Z");
    private static final Duration HALF_LIFE = Duration.ofDays(30);

    @Test
    void moreReportersAndSightingsRaiseIt() {
        int one = Confidence.of(1, 0, SHARED, SHARED, HALF_LIFE);
        int three = Confidence.of(3, 0, SHARED, SHARED, HALF_LIFE);
        int sighted = Confidence.of(3, 4, SHARED, SHARED, HALF_LIFE);
        assertThat(one).isEqualTo(50);
        assertThat(three).isEqualTo(88);
        assertThat(sighted).isGreaterThan(three).isLessThanOrEqualTo(100);
    }

    @Test
    void itHalvesEveryHalfLifeUntilSightedAgain() {
        Instant later = SHARED.plus(Duration.ofDays(60));
        assertThat(Confidence.of(1, 0, SHARED, SHARED.plus(HALF_LIFE), HALF_LIFE)).isEqualTo(25);
        assertThat(Confidence.of(1, 0, SHARED, later, HALF_LIFE)).isEqualTo(13);
        // A sighting the day before resets the age.
        assertThat(Confidence.of(1, 1, later.minus(Duration.ofDays(1)), later, HALF_LIFE)).isGreaterThan(50);
        assertThat(Confidence.of(1, 0, SHARED, later, Duration.ofDays(7))).isZero();
    }
}
