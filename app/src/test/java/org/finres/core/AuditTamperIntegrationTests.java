package org.finres.core;

import java.time.Clock;

import javax.sql.DataSource;

import org.finres.core.internal.AuditChain;
import org.finres.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The attacker here has the database superuser's powers: it switches the append-only triggers off
 * ({@code session_replication_role = replica}) and edits, removes or reorders records. Verification must name
 * the first record where the chain breaks, every time.
 */
class AuditTamperIntegrationTests {

    private DataSource dataSource;
    private JdbcClient jdbc;
    private AuditTrail audit;
    private final Actor actor = new Actor.SystemProcess("tamper-test");

    @BeforeEach
    void freshChainOfTenRecords() {
        dataSource = TestDatabase.newMigratedDatabase("audit");
        jdbc = JdbcClient.create(dataSource);
        audit = new AuditTrail(jdbc, new DataSourceTransactionManager(dataSource), Clock.systemUTC());
        for (int i = 1; i <= 10; i++) {
            audit.record(actor, AuditEntry.success("institution.updated", "institution", "bank-" + i,
                    InstitutionId.of("bank-" + i)).with("name", "Bank " + i));
        }
        assertThat(audit.verifyChain(null).intact()).isTrue();
    }

    @Test
    void databaseRefusesUpdateDeleteAndTruncate() {
        assertThatThrownBy(() -> jdbc.sql("update audit_log set actor = 'someone else' where seq = 3").update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_log where seq = 3").update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_log").update()).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("update audit_head set seq = 3").update()).rootCause().hasMessageContaining("audit_head");
        assertThat(audit.verifyChain(null)).extracting(ChainVerification::intact, ChainVerification::recordsChecked)
                .containsExactly(true, 10L);
    }

    @Test
    void editedRecordIsReportedAsAltered() {
        asSuperuser("update audit_log set details = '{\"name\":\"Harmless\"}' where seq = 4");

        ChainVerification result = audit.verifyChain(null);

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(4L);
        assertThat(result.problem()).contains("record 4 was altered");
    }

    @Test
    void editedRecordWithRecomputedHashBreaksTheNextLink() {
        var r = jdbc.sql("select * from audit_log where seq = 6").query((rs, n) -> new AuditRecord(rs.getLong("seq"),
                rs.getTimestamp("recorded_at").toInstant(), "user:mallory", rs.getString("actor_institution"),
                rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
                rs.getString("target_institution"), AuditOutcome.valueOf(rs.getString("outcome")), rs.getString("details"),
                rs.getString("remote_address"), rs.getString("prev_hash"), null)).single();
        String forgedHash = AuditChain.hash(r);
        asSuperuser("update audit_log set actor = 'user:mallory', hash = '" + forgedHash + "' where seq = 6");

        ChainVerification result = audit.verifyChain(null);

        assertThat(result.firstBrokenSeq()).isEqualTo(7L);
        assertThat(result.problem()).contains("record 7 does not link to record 6");
    }

    @Test
    void removedRecordIsReportedAsMissing() {
        asSuperuser("delete from audit_log where seq = 5");

        ChainVerification result = audit.verifyChain(null);

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(5L);
        assertThat(result.problem()).contains("record 5 missing");
    }

    @Test
    void removedRecordsAtTheEndAreReported() {
        asSuperuser("delete from audit_log where seq >= 9");

        ChainVerification result = audit.verifyChain(null);

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(9L);
        assertThat(result.problem()).contains("records 9 to 10 missing from the end");
    }

    @Test
    void reorderedRecordsAreReported() {
        // Swap the contents of records 3 and 8, keeping their sequence numbers in place.
        asSuperuser("""
                update audit_log a set actor = b.actor, action = b.action, target_id = b.target_id,
                    target_institution = b.target_institution, details = b.details, recorded_at = b.recorded_at,
                    prev_hash = b.prev_hash, hash = b.hash
                from (select * from audit_log where seq in (3, 8)) b
                where a.seq in (3, 8) and b.seq <> a.seq
                """);

        ChainVerification result = audit.verifyChain(null);

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(3L);
    }

    @Test
    void renumberedRecordsAreReported() {
        asSuperuser("delete from audit_log where seq = 2; update audit_log set seq = seq - 1 where seq > 2; "
                + "update audit_head set seq = seq - 1");

        ChainVerification result = audit.verifyChain(null);

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(2L);
    }

    @Test
    void verificationReportsProgress() {
        java.util.List<Long> progress = new java.util.ArrayList<>();
        audit.verifyChain(progress::add);
        assertThat(progress).containsExactly(10L);
    }

    /** Runs statements on one connection with the append-only triggers switched off, as a superuser can. */
    private void asSuperuser(String sql) {
        try (var connection = dataSource.getConnection()) {
            var single = new SingleConnectionDataSource(connection, true);
            JdbcClient raw = JdbcClient.create(single);
            raw.sql("set session_replication_role = replica").update();
            for (String statement : sql.split(";")) {
                if (!statement.isBlank()) {
                    raw.sql(statement).update();
                }
            }
            raw.sql("set session_replication_role = origin").update();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
