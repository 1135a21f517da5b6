package org.finres.intel.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.finres.core.Actor;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.intel.ThreatIntel;
import org.finres.intel.VersionSelection;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page deep in a collection costs what the first one does: its keys come from a range scan of the keyset index
 * that starts at the cursor (no OFFSET, no sort), read from the index alone.
 */
@HubIntegrationTest
class KeysetPagingIntegrationTests {

    @Autowired
    TestSector sector;
    @Autowired
    ThreatIntel intel;
    @Autowired
    ObjectStore store;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aDeepPageIsAnIndexOnlyRangeScanFromTheCursor() {
        InstitutionId bank = sector.institution("keyset", InstitutionKind.BANK);
        Actor hub = new Actor.SystemProcess("keyset-test");
        for (int batch = 0; batch < 5; batch++) {
            StringBuilder envelope = new StringBuilder("{\"objects\":[");
            for (int i = 0; i < 1000; i++) {
                envelope.append(i == 0 ? "" : ",").append("{\"type\":\"ipv4-addr\",\"spec_version\":\"2.1\",\"id\":\"ipv4-addr--")
                        .append(UUID.randomUUID()).append("\",\"value\":\"10.0.").append(batch).append('.').append(i % 250).append("\"}");
            }
            intel.post(hub, "inbox-" + bank.value(), envelope.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        }
        jdbc.sql("vacuum analyze intel_object").update();
        UUID inbox = CollectionCatalogue.inboxId(bank);
        record Key(java.time.Instant added, long seq) {
        }
        Key deep = jdbc.sql("select date_added, seq from intel_object where collection_id = :c order by date_added, seq offset 4000 limit 1")
                .param("c", inbox).query((rs, n) -> new Key(rs.getObject(1, java.time.OffsetDateTime.class).toInstant(), rs.getLong(2)))
                .single();

        for (Cursors.Position after : new Cursors.Position[]{null, new Cursors.Position(Cursors.micros(deep.added()), deep.seq())}) {
            List<String> plan = store.plan(new ObjectStore.Query(inbox, after, null, null, List.of(), List.of(),
                    VersionSelection.LAST, List.of(), bank, 100));
            String text = String.join("\n", plan);
            assertThat(text).as(text).contains("Index Only Scan using intel_object_page").doesNotContain("Sort")
                    .doesNotContain("Seq Scan");
            if (after != null) {
                assertThat(text).as(text).contains("ROW(date_added, seq) > ROW(");
            }
        }
    }
}
