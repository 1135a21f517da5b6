package org.finres.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.TokenScope;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Indicators posted over TAXII are corroboration targets too: the store records their pattern, and V8's back-fill
 * finds those stored before it (re-run here on a row whose pattern record was removed).
 */
@HubIntegrationTest
class PatternBackfillIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    JdbcClient jdbc;

    @Test
    void taxiiIndicatorsAreFoundAsSharedBeforeAndTheMigrationBackFillsThem() throws Exception {
        InstitutionId bank = sector.institution("backfill-bank", InstitutionKind.BANK);
        InstitutionId other = sector.institution("backfill-other", InstitutionKind.BANK);
        String u = ShareClient.unique();
        String id = StixSamples.newId("indicator");
        String indicator = StixSamples.indicator(id, "2026-01-01T00:00:00.000Z", StixSamples.TLP_GREEN)
                .replace("[ipv4-addr:value = '198.51.100.7']", "[domain-name:value = 'backfill-" + u + ".example']");
        new TaxiiClient(port, sector.token(bank, TokenScope.INTEL_WRITE)).postObjects("sector-green", indicator);
        assertThat(count(id)).isEqualTo(1);

        jdbc.sql("delete from intel_pattern where stix_id = :id").param("id", id).update();
        assertThat(count(id)).isZero();
        String migration;
        try (InputStream in = getClass().getResourceAsStream("/db/migration/V8__intel_sharing.sql")) {
            migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String backfill = migration.substring(migration.indexOf("do $$"), migration.indexOf("end $$;") + "end $$;".length());
        jdbc.sql(backfill).update();
        assertThat(count(id)).isEqualTo(1);

        var summary = new ShareClient(port, sector.token(other, TokenScope.INTEL_WRITE)).shared("?tlp=green", "text/csv",
                "type,value\ndomain-name,backfill-" + u + ".example\n");
        assertThat(summary.get("corroborations").asInt()).isEqualTo(1);
        assertThat(summary.toString()).contains(id);
    }

    private long count(String id) {
        return jdbc.sql("select count(*) from intel_pattern where stix_id = :id").param("id", id).query(Long.class).single();
    }
}
