package org.finres.events.internal.completeness;

import java.time.Duration;
import java.time.Instant;

import org.finres.core.InstitutionId;

/**
 * What is known of one event source of one institution.
 *
 * @param expectedInterval how long the source may stay quiet before it counts as silent
 * @param silentSince      when it was found silent; null while it is sending
 */
public record SourceActivity(InstitutionId institution, String sourceName, Instant firstReceived, Instant lastReceived,
                             Instant lastEventTime, long eventsTotal, Duration expectedInterval, Instant silentSince) {

    public boolean silent() {
        return silentSince != null;
    }
}
