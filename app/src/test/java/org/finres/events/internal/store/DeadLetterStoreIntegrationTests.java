package org.finres.events.internal.store;

import java.time.Instant;

import org.finres.core.InstitutionId;
import org.finres.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterStoreIntegrationTests {

    @Test
    void keepsRawBytesAndReasonPerInstitutionUntilReplayed() {
        DeadLetterStore store = new DeadLetterStore(JdbcClient.create(TestDatabase.newMigratedDatabase("deadletters")));
        InstitutionId bank = InstitutionId.of("dl-bank");
        InstitutionId other = InstitutionId.of("dl-other");
        byte[] raw = {(byte) 0xff, 'C', 'E', 'F', ':', 0, '|'};
        long id = store.add(bank, Instant.parse("2026-11-21T10:00:00Z"), "http", "cef", "CEF header has 3 of 7 fields", raw);
        store.add(other, Instant.now(), "syslog-tls", null, "not UTF-8", new byte[] {(byte) 0xc3});

        assertThat(store.recent(bank, true, null, 10)).singleElement().satisfies(d -> {
            assertThat(d.raw()).isEqualTo(raw);
            assertThat(d.reason()).contains("3 of 7");
            assertThat(d.transport()).isEqualTo("http");
        });
        assertThat(store.recent(null, true, null, 10)).hasSize(2);
        assertThat(store.countPending(bank)).isEqualTo(1);

        store.markReplayed(id, Instant.now(), "stored 1 event");

        assertThat(store.countPending(bank)).isZero();
        assertThat(store.find(id)).get().extracting(DeadLetter::replayOutcome).isEqualTo("stored 1 event");
        assertThat(store.recent(bank, false, null, 10)).hasSize(1);
    }
}
