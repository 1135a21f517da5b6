package org.finres.resilience.engine;

import java.time.Duration;

/**
 * How much disruption an important business service may suffer: the maximum tolerable downtime (the impact
 * tolerance proper), the recovery time and recovery point objectives the institution declares, and the minimum share
 * of normal capacity, in percent, it must keep while disrupted (0 when no level is set).
 */
public record ImpactTolerance(Duration maxTolerableDowntime, Duration rto, Duration rpo,
                              int minimumServiceLevelPercent) {

    public ImpactTolerance {
        requireNonNegative("maximum tolerable downtime", maxTolerableDowntime);
        requireNonNegative("rto", rto);
        requireNonNegative("rpo", rpo);
        if (minimumServiceLevelPercent < 0 || minimumServiceLevelPercent > 100) {
            throw new IllegalArgumentException("minimum service level is a percentage from 0 to 100, not "
                    + minimumServiceLevelPercent);
        }
        if (maxTolerableDowntime.compareTo(rto) < 0) {
            throw new IllegalArgumentException("maximum tolerable downtime " + DurationText.format(maxTolerableDowntime)
                    + " is shorter than the declared RTO " + DurationText.format(rto));
        }
    }

    static void requireNonNegative(String what, Duration d) {
        if (d == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " is negative: " + DurationText.format(d));
        }
        if (d.compareTo(DurationText.MAX) > 0) {
            throw new IllegalArgumentException(what + " is longer than 100 years: " + DurationText.format(d));
        }
    }
}
