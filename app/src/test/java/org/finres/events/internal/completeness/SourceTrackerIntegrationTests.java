package org.finres.events.internal.completeness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.finres.core.InstitutionId;
import org.finres.events.SourceFellSilent;
import org.finres.events.internal.store.StoredEvent;
import org.finres.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class SourceTrackerIntegrationTests {

    private static final InstitutionId BANK = InstitutionId.of("tracker-bank");
    private final List<Object> published = new ArrayList<>();

    @Test
    void countsRateAndLagPerMinuteAndFindsSilentSourcesOnce() {
        JdbcClient jdbc = JdbcClient.create(TestDatabase.newMigratedDatabase("sources"));
        Instant now = Instant.parse("2026-11-21T10:30:00Z");
        SourceTracker tracker = new SourceTracker(jdbc, published::add, Clock.fixed(now, ZoneOffset.UTC), Duration.ofMinutes(15));

        tracker.record(List.of(
                event("http/cef", "2026-11-21T10:00:00Z", "2026-11-21T10:00:02Z"),
                event("http/cef", "2026-11-21T10:00:10Z", "2026-11-21T10:00:16Z"),
                event("http/cef", "2026-11-21T10:01:00Z", "2026-11-21T10:01:01Z"),
                event("syslog/leef", "2026-11-21T10:25:00Z", "2026-11-21T10:25:00.500Z")));

        List<SourceMinute> minutes = tracker.minutes(BANK, "http/cef", Instant.parse("2026-11-21T09:00:00Z"));
        assertThat(minutes).hasSize(2);
        assertThat(minutes.getFirst()).isEqualTo(new SourceMinute(Instant.parse("2026-11-21T10:00:00Z"), 2, 4000, 6000));
        assertThat(tracker.sources(BANK)).extracting(SourceActivity::sourceName, SourceActivity::eventsTotal)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("http/cef", 3L), org.assertj.core.groups.Tuple.tuple("syslog/leef", 1L));

        List<SourceFellSilent> silent = tracker.findNewlySilent();
        assertThat(silent).extracting(SourceFellSilent::sourceName).containsExactly("http/cef");
        assertThat(published).hasSize(1);
        assertThat(tracker.findNewlySilent()).as("announced once").isEmpty();

        tracker.record(List.of(event("http/cef", "2026-11-21T10:29:00Z", "2026-11-21T10:29:30Z")));
        assertThat(tracker.sources(BANK).getFirst().silent()).as("a new event ends the silence").isFalse();

        tracker.setExpectedInterval(BANK, "syslog/leef", Duration.ofMinutes(2));
        assertThat(tracker.findNewlySilent()).extracting(SourceFellSilent::sourceName).containsExactly("syslog/leef");
    }

    private static StoredEvent event(String source, String eventTime, String received) {
        return new StoredEvent(UUID.randomUUID(), BANK, Instant.parse(eventTime), Instant.parse(received), 1, 1007, 100701, 2,
                0, null, source, null, null, null, null, List.of(), "m", "{}", null);
    }
}
