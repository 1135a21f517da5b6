package org.finres.events.search;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.finres.core.Actor;
import org.finres.core.InstitutionId;
import org.finres.events.internal.completeness.SourceActivity;
import org.finres.events.internal.completeness.SourceMinute;
import org.finres.events.internal.completeness.SourceTracker;
import org.springframework.stereotype.Service;

/** Completeness of each source's feed within the caller's tenancy: rate, lag, gaps, silence. */
@Service
public class SourceCompleteness {

    private final SourceTracker tracker;
    private final EventTenancy tenancy;
    private final Clock clock;

    public SourceCompleteness(SourceTracker tracker, EventTenancy tenancy, Clock clock) {
        this.tracker = tracker;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    /** Every source the caller may see, of one institution or (for the hub, with null) all. */
    public List<SourceStatus> sources(Actor actor, InstitutionId institution) {
        InstitutionId scope = tenancy.scope(actor, institution, "events.sources", "event_source");
        Instant now = clock.instant();
        Instant windowStart = now.minus(SourceStatus.WINDOW).truncatedTo(ChronoUnit.MINUTES);
        return tracker.sources(scope).stream().map(source -> status(source, windowStart, now)).toList();
    }

    private SourceStatus status(SourceActivity source, Instant windowStart, Instant now) {
        List<SourceMinute> minutes = tracker.minutes(source.institution(), source.sourceName(), windowStart);
        // A source first seen inside the window is not blamed for the minutes before it existed.
        Instant observedFrom = source.firstReceived().isAfter(windowStart)
                ? source.firstReceived().truncatedTo(ChronoUnit.MINUTES) : windowStart;
        long observedMinutes = Math.max(1, Duration.between(observedFrom, now).toMinutes() + 1);
        long events = 0;
        long lagWeighted = 0;
        long maxLag = 0;
        for (SourceMinute m : minutes) {
            events += m.events();
            lagWeighted += m.meanLagMillis() * m.events();
            maxLag = Math.max(maxLag, m.maxLagMillis());
        }
        Duration lag = source.lastEventTime() == null ? null
                : Duration.between(source.lastEventTime(), source.lastReceived());
        return new SourceStatus(source.institution(), source.sourceName(), source.eventsTotal(), source.firstReceived(),
                source.lastReceived(), source.lastEventTime(), lag == null || lag.isNegative() ? Duration.ZERO : lag,
                source.expectedInterval(), source.silentSince(), (double) events / observedMinutes,
                Math.max(0, observedMinutes - minutes.size()), events == 0 ? 0 : lagWeighted / events, maxLag);
    }
}
