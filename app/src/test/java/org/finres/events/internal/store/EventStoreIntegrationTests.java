package org.finres.events.internal.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.finres.core.InstitutionId;
import org.finres.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

class EventStoreIntegrationTests {

    private static final InstitutionId BANK = InstitutionId.of("store-bank");
    private static final InstitutionId INSURER = InstitutionId.of("store-insurer");

    private JdbcClient jdbc;
    private EventStore store;

    @BeforeEach
    void freshDatabase() {
        DataSource dataSource = TestDatabase.newMigratedDatabase("events");
        jdbc = JdbcClient.create(dataSource);
        store = new EventStore(dataSource, jdbc, new DataSourceTransactionManager(dataSource));
    }

    @Test
    void storesABatchAcrossInstitutionsAndDays() {
        List<StoredEvent> batch = List.of(
                event(BANK, "2026-11-20T23:59:59.999Z", "a"),
                event(BANK, "2026-11-21T00:00:00Z", "b"),
                event(INSURER, "2019-05-18T18:24:01Z", "c"));

        AppendResult result = store.append(batch);

        assertThat(result).isEqualTo(new AppendResult(3, 0));
        assertThat(store.count(BANK)).isEqualTo(2);
        assertThat(store.count(INSURER)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from event_partition").query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void redeliveredEventsAreStoredOnceAndCounted() {
        List<StoredEvent> first = List.of(event(BANK, "2026-11-21T10:00:00Z", "a"), event(BANK, "2026-11-21T10:00:01Z", "b"));
        store.append(first);

        List<StoredEvent> again = new ArrayList<>(first);
        again.add(event(BANK, "2026-11-21T10:00:02Z", "c"));
        AppendResult result = store.append(again);

        assertThat(result.stored()).isEqualTo(1);
        assertThat(result.duplicates()).isEqualTo(2);
        // Only the new event is handed on to detection.
        assertThat(result.isNew(again.get(2).eventId())).isTrue();
        assertThat(result.isNew(first.get(0).eventId())).isFalse();
        assertThat(store.count(BANK)).isEqualTo(3);
    }

    @Test
    void textWithTabsNewlinesBackslashesQuotesAndChineseSurvivesCopy() {
        String message = "路徑 C:\\Windows\\System32\tcmd.exe \"quoted\"\nsecond line\r\\N";
        StoredEvent e = new StoredEvent(UUID.randomUUID(), BANK, Instant.parse("2026-11-21T10:00:00Z"), Instant.now(), 1, 1007,
                100701, 3, 10, null, "http/ocsf", "10.0.0.1", "2001:db8::1", "DOMAIN\\user", "ws-01",
                List.of("C:\\Temp\\a \"b\".exe", "{x,y}"), message,
                "{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                        .replace("\r", "\\r").replace("\t", "\\t") + "\"}",
                "raw\0bytes".getBytes());

        store.append(List.of(e));

        var row = jdbc.sql("select message, observables, ocsf->>'message', user_name, host(dst_ip), raw from security_event")
                .query((rs, n) -> List.of(rs.getString(1), List.of((String[]) rs.getArray(2).getArray()), rs.getString(3),
                        rs.getString(4), rs.getString(5), new String(rs.getBytes(6)))).single();
        assertThat(row.get(0)).isEqualTo(message);
        assertThat(row.get(1)).isEqualTo(List.of("C:\\Temp\\a \"b\".exe", "{x,y}"));
        assertThat(row.get(2)).isEqualTo(message);
        assertThat(row.get(3)).isEqualTo("DOMAIN\\user");
        assertThat(row.get(4)).isEqualTo("2001:db8::1");
        assertThat(row.get(5)).isEqualTo("raw\0bytes");
    }

    @Test
    void retentionDropsOnlyTheInstitutionsOldDays() {
        store.append(List.of(event(BANK, "2026-01-01T00:00:00Z", "old"), event(BANK, "2026-11-21T00:00:00Z", "new"),
                event(INSURER, "2026-01-01T00:00:00Z", "other")));

        List<LocalDate> dropped = store.dropDaysBefore(BANK, LocalDate.parse("2026-06-01"));

        assertThat(dropped).containsExactly(LocalDate.parse("2026-01-01"));
        assertThat(store.count(BANK)).isEqualTo(1);
        assertThat(store.count(INSURER)).isEqualTo(1);
        // A later event for a dropped day recreates its partition.
        assertThat(store.append(List.of(event(BANK, "2026-01-01T00:00:01Z", "late"))).stored()).isEqualTo(1);
    }

    @Test
    void aFailedBatchStoresNothing() {
        StoredEvent good = event(BANK, "2026-11-21T10:00:00Z", "good");
        StoredEvent bad = new StoredEvent(UUID.randomUUID(), BANK, Instant.parse("2026-11-21T10:00:00Z"), Instant.now(),
                1, 1007, 100701, 3, 0, null, "test", "not-an-ip", null, null, null, List.of(), "m", "{}", null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.append(List.of(good, bad)))
                .hasMessageContaining("storing events failed");
        assertThat(store.count(BANK)).isZero();
    }

    static StoredEvent event(InstitutionId institution, String time, String name) {
        UUID id = UUID.nameUUIDFromBytes((institution + name + time).getBytes());
        return new StoredEvent(id, institution, Instant.parse(time), Instant.now(), 1, 1007, 100701, 2, 10, null,
                "test", "192.0.2.1", null, "alice", "ws-" + name, List.of("192.0.2.1", "alice"), "event " + name,
                "{\"class_uid\":1007,\"message\":\"event " + name + "\"}", null);
    }
}
