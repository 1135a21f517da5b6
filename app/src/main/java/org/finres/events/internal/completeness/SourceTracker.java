package org.finres.events.internal.completeness;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.finres.core.InstitutionId;
import org.finres.events.SourceFellSilent;
import org.finres.events.internal.store.StoredEvent;
import org.postgresql.util.PGInterval;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps per-source counters, updated in the same transaction as the batch they describe (so the figures never
 * count an event that was not stored), and finds sources that fell silent.
 */
@Component
public class SourceTracker {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration defaultInterval;

    public SourceTracker(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock,
                         @org.springframework.beans.factory.annotation.Value("${finres.events.source-silent-after:15m}")
                         Duration defaultInterval) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.defaultInterval = defaultInterval;
    }

    private record Key(InstitutionId institution, String source, Instant minute) {
    }

    private static final class Tally {
        int events;
        long lagSum;
        long lagMax;
        Instant lastReceived = Instant.EPOCH;
        Instant lastEventTime = Instant.EPOCH;
    }

    /** Records a stored batch; call inside the batch's transaction. */
    public void record(List<StoredEvent> stored) {
        Map<Key, Tally> tallies = new HashMap<>();
        for (StoredEvent e : stored) {
            Key key = new Key(e.institution(), e.sourceName(), e.receivedAt().truncatedTo(ChronoUnit.MINUTES));
            Tally t = tallies.computeIfAbsent(key, k -> new Tally());
            long lag = Math.max(0, Duration.between(e.eventTime(), e.receivedAt()).toMillis());
            t.events++;
            t.lagSum += lag;
            t.lagMax = Math.max(t.lagMax, lag);
            if (e.receivedAt().isAfter(t.lastReceived)) {
                t.lastReceived = e.receivedAt();
            }
            if (e.eventTime().isAfter(t.lastEventTime)) {
                t.lastEventTime = e.eventTime();
            }
        }
        tallies.forEach((key, t) -> {
            jdbc.sql("""
                    insert into event_source_minute (institution_id, source_name, minute, events, lag_sum_ms, lag_max_ms)
                    values (:i, :s, :m, :n, :sum, :max)
                    on conflict (institution_id, source_name, minute) do update set
                        events = event_source_minute.events + excluded.events,
                        lag_sum_ms = event_source_minute.lag_sum_ms + excluded.lag_sum_ms,
                        lag_max_ms = greatest(event_source_minute.lag_max_ms, excluded.lag_max_ms)
                    """)
                    .param("i", key.institution().value()).param("s", key.source()).param("m", Timestamp.from(key.minute()))
                    .param("n", t.events).param("sum", t.lagSum).param("max", t.lagMax).update();
            jdbc.sql("""
                    insert into event_source (institution_id, source_name, first_received, last_received, last_event_time, events_total)
                    values (:i, :s, :received, :received, :eventTime, :n)
                    on conflict (institution_id, source_name) do update set
                        last_received = greatest(event_source.last_received, excluded.last_received),
                        last_event_time = greatest(event_source.last_event_time, excluded.last_event_time),
                        events_total = event_source.events_total + excluded.events_total,
                        silent_since = null
                    """)
                    .param("i", key.institution().value()).param("s", key.source())
                    .param("received", Timestamp.from(t.lastReceived)).param("eventTime", Timestamp.from(t.lastEventTime))
                    .param("n", t.events).update();
        });
    }

    /** Marks sources quiet longer than their expected interval as silent and announces each once. */
    public List<SourceFellSilent> findNewlySilent() {
        Instant now = clock.instant();
        List<SourceFellSilent> silent = jdbc.sql("""
                update event_source set silent_since = :now
                where silent_since is null
                  and last_received < cast(:now as timestamptz) - coalesce(expected_interval, cast(:default as interval))
                returning institution_id, source_name, last_received, coalesce(expected_interval, cast(:default as interval))
                """)
                .param("now", Timestamp.from(now)).param("default", defaultInterval.toSeconds() + " seconds")
                .query((rs, n) -> new SourceFellSilent(InstitutionId.of(rs.getString(1)), rs.getString(2),
                        rs.getTimestamp(3).toInstant(), interval(rs.getObject(4)), now)).list();
        silent.forEach(events::publishEvent);
        return silent;
    }

    public void setExpectedInterval(InstitutionId institution, String source, Duration interval) {
        jdbc.sql("update event_source set expected_interval = cast(:iv as interval) where institution_id = :i and source_name = :s")
                .param("iv", interval == null ? null : interval.toSeconds() + " seconds")
                .param("i", institution.value()).param("s", source).update();
    }

    /** Sources of one institution, or of all when null. */
    public List<SourceActivity> sources(InstitutionId institution) {
        return jdbc.sql("""
                select * from event_source where cast(:i as text) is null or institution_id = :i
                order by institution_id, source_name
                """).param("i", institution == null ? null : institution.value()).query(this::map).list();
    }

    /** Per-minute figures of one source since a moment; minutes with no events are absent (gaps). */
    public List<SourceMinute> minutes(InstitutionId institution, String source, Instant since) {
        return jdbc.sql("""
                select minute, events, lag_sum_ms, lag_max_ms from event_source_minute
                where institution_id = :i and source_name = :s and minute >= :since order by minute
                """).param("i", institution.value()).param("s", source).param("since", Timestamp.from(since))
                .query((rs, n) -> new SourceMinute(rs.getTimestamp(1).toInstant(), rs.getInt(2),
                        rs.getInt(2) == 0 ? 0 : rs.getLong(3) / rs.getInt(2), rs.getLong(4))).list();
    }

    private SourceActivity map(ResultSet rs, int row) throws SQLException {
        Timestamp lastEvent = rs.getTimestamp("last_event_time");
        Timestamp silent = rs.getTimestamp("silent_since");
        Object interval = rs.getObject("expected_interval");
        return new SourceActivity(InstitutionId.of(rs.getString("institution_id")), rs.getString("source_name"),
                rs.getTimestamp("first_received").toInstant(), rs.getTimestamp("last_received").toInstant(),
                lastEvent == null ? null : lastEvent.toInstant(), rs.getLong("events_total"),
                interval == null ? defaultInterval : interval(interval), silent == null ? null : silent.toInstant());
    }

    private static Duration interval(Object value) {
        if (value instanceof PGInterval iv) {
            return Duration.ofDays(iv.getDays()).plusHours(iv.getHours()).plusMinutes(iv.getMinutes())
                    .plusMillis(Math.round(iv.getSeconds() * 1000));
        }
        throw new IllegalStateException("not an interval: " + value);
    }
}
