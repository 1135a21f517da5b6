package org.finres.intel.internal.analysis;

import java.time.Duration;
import java.time.Instant;

/**
 * The hub's confidence (0-100) in a shared indicator. Evidence is counted in "reports": each distinct member that
 * shared the same pattern is one, each sighting (a member-day) half of one, up to ten sightings, so that one noisy
 * network cannot make an indicator certain. Confidence is {@code 100 * (1 - 2^-evidence)} (one reporter: 50, two:
 * 75, three: 88), halved every half-life since the indicator was last stored, corroborated or sighted.
 */
public final class Confidence {

    private Confidence() {
    }

    public static int of(int reporters, long sightings, Instant freshSince, Instant now, Duration halfLife) {
        double evidence = Math.max(1, reporters) + 0.5 * Math.min(10, Math.max(0, sightings));
        double base = 100 * (1 - Math.pow(2, -evidence));
        double age = Math.max(0, Duration.between(freshSince, now).toSeconds());
        double decay = Math.pow(2, -age / Math.max(1, halfLife.toSeconds()));
        return (int) Math.round(Math.min(100, base * decay));
    }
}
