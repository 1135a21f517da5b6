package org.finres.resilience;

/**
 * One calendar quarter of drills: how many, passed and failed, the mean recovery time of those that report one,
 * and how many drills recovered later than the maximum tolerable downtime of a service they exercised.
 */
public record QuarterTrend(String quarter, int drills, int passed, int failed, Long meanRecoveryMs,
                           int toleranceBreaches) {
}
