package org.finres.events.search;

import java.time.Duration;
import java.time.Instant;

import org.finres.core.InstitutionId;

/**
 * How complete and timely one source's feed is.
 *
 * @param lag             how far the newest event's own time lies behind when it was received
 * @param ratePerMinute   mean events per minute over the recent window
 * @param gapMinutes      minutes of the recent window (since the source was first seen) with no events at all
 * @param meanLagMillis   mean receive lag over the recent window
 * @param maxLagMillis    worst receive lag over the recent window
 */
public record SourceStatus(InstitutionId institution, String sourceName, long eventsTotal, Instant firstReceived,
                           Instant lastReceived, Instant lastEventTime, Duration lag, Duration expectedInterval,
                           Instant silentSince, double ratePerMinute, long gapMinutes, long meanLagMillis,
                           long maxLagMillis) {

    public boolean silent() {
        return silentSince != null;
    }

    /** The window the rate, gaps and lags are computed over. */
    public static final Duration WINDOW = Duration.ofHours(1);
}
