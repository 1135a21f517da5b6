package org.finres.events.internal.store;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.finres.core.AuditTrail;
import org.finres.core.InstitutionId;
import org.finres.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionJobIntegrationTests {

    @Test
    void eachInstitutionKeepsItsOwnNumberOfDaysAndDropsAreAudited() {
        DataSource dataSource = TestDatabase.newMigratedDatabase("retention");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        var transactions = new DataSourceTransactionManager(dataSource);
        EventStore store = new EventStore(dataSource, jdbc, transactions);
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T03:00:00Z"), ZoneOffset.UTC);
        InstitutionId shortLived = InstitutionId.of("keeps-30");
        InstitutionId longLived = InstitutionId.of("keeps-default");
        store.append(List.of(
                EventStoreIntegrationTests.event(shortLived, "2026-09-01T00:00:00Z", "old"),
                EventStoreIntegrationTests.event(shortLived, "2026-11-21T00:00:00Z", "new"),
                EventStoreIntegrationTests.event(longLived, "2026-09-01T00:00:00Z", "kept")));

        new RetentionJob(store, jdbc, new RetentionProperties(400, Map.of("keeps-30", 30), java.time.Duration.ofHours(1)),
                new AuditTrail(jdbc, transactions, clock), clock).run();

        assertThat(store.count(shortLived)).isEqualTo(1);
        assertThat(store.count(longLived)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'events.retention_dropped' and target_institution = 'keeps-30'")
                .query(Long.class).single()).isEqualTo(1);
    }
}
