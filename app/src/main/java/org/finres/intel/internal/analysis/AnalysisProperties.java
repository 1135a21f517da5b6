package org.finres.intel.internal.analysis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param retroHuntPeriod how far back the event store is searched when an indicator is first stored
 * @param halfLife        how long until confidence halves without a new sighting
 * @param refreshInterval how often stored indicators are re-examined (new ones, expiry, confidence decay)
 */
@ConfigurationProperties("finres.intel.analysis")
public record AnalysisProperties(Duration retroHuntPeriod, Duration halfLife, Duration refreshInterval) {

    public AnalysisProperties {
        retroHuntPeriod = retroHuntPeriod == null ? Duration.ofDays(30) : retroHuntPeriod;
        halfLife = halfLife == null ? Duration.ofDays(30) : halfLife;
        refreshInterval = refreshInterval == null ? Duration.ofMinutes(1) : refreshInterval;
        if (retroHuntPeriod.isNegative() || retroHuntPeriod.compareTo(Duration.ofDays(366)) > 0) {
            throw new IllegalArgumentException("finres.intel.analysis.retro-hunt-period must be 0 to 366 days");
        }
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("finres.intel.analysis.half-life must be positive");
        }
    }
}
