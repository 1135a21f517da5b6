package org.finres.vault;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

import javax.sql.DataSource;

import org.finres.core.Actor;
import org.finres.core.AuditTrail;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.TenantAccess;
import org.finres.core.TokenId;
import org.finres.core.TokenScope;
import org.finres.testing.TestDatabase;
import org.finres.vault.engine.signing.SigningKeyPair;
import org.finres.vault.internal.LedgerChain;
import org.finres.vault.internal.VaultProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The attacker has the database superuser's powers: it switches the append-only triggers off and edits, removes or
 * re-hashes ledger entries. Verification must name the first entry where the chain breaks; an attacker who rewrites
 * an attestation and recomputes every hash is still caught, by the signature the institution's key made.
 */
class LedgerTamperIntegrationTests {

    private static final InstitutionId BANK = InstitutionId.of("tamper-bank");
    private final Actor hub = new Actor.SystemProcess("tamper-test");
    private final Actor bankJob = new Actor.Token(new TokenId("aaaaaaaaaaaaaaaa"), "vault job", BANK, InstitutionKind.BANK,
            Set.of(TokenScope.ADMIN, TokenScope.VAULT_WRITE));
    private DataSource dataSource;
    private JdbcClient jdbc;
    private AttestationLedger ledger;

    @BeforeEach
    void ledgerOfSixEntries() {
        dataSource = TestDatabase.newMigratedDatabase("vault");
        jdbc = JdbcClient.create(dataSource);
        var transactions = new DataSourceTransactionManager(dataSource);
        AuditTrail audit = new AuditTrail(jdbc, transactions, Clock.systemUTC());
        ledger = new AttestationLedger(jdbc, new TenantAccess(audit), audit, Clock.systemUTC(),
                new VaultProperties(ZoneId.of("Asia/Taipei"), LocalTime.of(6, 0), Duration.ofMinutes(1), false,
                        Duration.ofMinutes(5)));
        jdbc.sql("insert into institution (id, name, kind, size_tier) values ('tamper-bank', 'Bank', 'BANK', 'SMALL')")
                .update();
        SigningKeyPair key = SigningKeyPair.generate(false);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(s -> ledger.registerKey(bankJob, key.publicKey().encode()));
        LocalDate day = LocalDate.of(2026, 11, 2);
        for (int i = 0; i < 6; i++) {
            String json = VaultFixtures.signed(BANK, day.plusDays(i), key);
            tx.executeWithoutResult(s -> ledger.append(bankJob, json));
        }
        assertThat(ledger.verify(hub).intact()).isTrue();
    }

    @Test
    void databaseRefusesUpdateDeleteAndTruncate() {
        assertThatThrownBy(() -> jdbc.sql("update vault_ledger set submitted_by = 'x' where sequence = 3").update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from vault_ledger where sequence = 3").update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate vault_ledger").update()).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("update vault_ledger_head set sequence = 2").update())
                .rootCause().hasMessageContaining("vault_ledger_head");
        assertThat(ledger.verify(hub)).extracting(LedgerVerification::intact, LedgerVerification::entriesChecked)
                .containsExactly(true, 6L);
    }

    @Test
    void editedAttestationIsReportedAsAltered() {
        asSuperuser("update vault_ledger set signed_bytes = convert_to(replace(convert_from(signed_bytes, 'UTF8'), "
                + "'123456789.00', '987654321.00'), 'UTF8') where sequence = 4");

        LedgerVerification result = ledger.verify(hub);

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSequence()).isEqualTo(4L);
        assertThat(result.problem()).contains("entry 4 was altered");
    }

    @Test
    void rewrittenAttestationWithEveryHashRecomputedIsCaughtByItsSignature() {
        asSuperuser("update vault_ledger set signed_bytes = convert_to(replace(convert_from(signed_bytes, 'UTF8'), "
                + "'123456789.00', '987654321.00'), 'UTF8') where sequence = 2");
        // The attacker recomputes the hash of entry 2 and every later link, and moves the head.
        String previous = jdbc.sql("select entry_hash from vault_ledger where sequence = 1").query(String.class).single();
        for (long seq = 2; seq <= 6; seq++) {
            long s = seq;
            var row = jdbc.sql("select institution_id, received_at, signer_key, signed_bytes, signature from vault_ledger "
                    + "where sequence = :s").param("s", s).query((rs, n) -> new Object[]{rs.getString(1),
                    rs.getTimestamp(2).toInstant(), rs.getBytes(3), rs.getBytes(4), rs.getBytes(5)}).single();
            String hash = LedgerChain.hash(s, (String) row[0], (java.time.Instant) row[1], (byte[]) row[2],
                    (byte[]) row[3], (byte[]) row[4], previous);
            asSuperuser("update vault_ledger set prev_hash = '" + previous + "', entry_hash = '" + hash
                    + "' where sequence = " + s);
            previous = hash;
        }
        asSuperuser("update vault_ledger_head set hash = '" + previous + "'");

        LedgerVerification result = ledger.verify(hub);

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSequence()).isEqualTo(2L);
        assertThat(result.problem()).contains("entry 2's signature does not verify");
    }

    @Test
    void recomputedHashOfAnEditedEntryBreaksTheNextLink() {
        var row = jdbc.sql("select institution_id, received_at, signer_key, signed_bytes, signature, prev_hash "
                + "from vault_ledger where sequence = 3").query((rs, n) -> new Object[]{rs.getString(1),
                rs.getTimestamp(2).toInstant(), rs.getBytes(3), rs.getBytes(4), rs.getBytes(5), rs.getString(6)}).single();
        // Entry 3 claims it arrived a day earlier, with its own hash recomputed to match.
        java.time.Instant earlier = ((java.time.Instant) row[1]).minus(Duration.ofDays(1));
        String forged = LedgerChain.hash(3, (String) row[0], earlier, (byte[]) row[2], (byte[]) row[3],
                (byte[]) row[4], (String) row[5]);
        asSuperuser("update vault_ledger set received_at = received_at - interval '1 day', entry_hash = '" + forged
                + "' where sequence = 3");

        LedgerVerification result = ledger.verify(hub);

        assertThat(result.firstBrokenSequence()).isEqualTo(4L);
        assertThat(result.problem()).contains("entry 4 does not link to entry 3");
    }

    @Test
    void removedEntryIsNamed() {
        asSuperuser("delete from vault_ledger where sequence = 3");

        LedgerVerification result = ledger.verify(hub);

        assertThat(result.firstBrokenSequence()).isEqualTo(3L);
        assertThat(result.problem()).contains("entry 3 missing");
    }

    @Test
    void entriesRemovedFromTheEndAreCaughtByTheHead() {
        asSuperuser("delete from vault_ledger where sequence >= 5");

        LedgerVerification result = ledger.verify(hub);

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSequence()).isEqualTo(5L);
        assertThat(result.problem()).contains("entries 5 to 6 are missing from the end");
    }

    @Test
    void changedIndexedColumnIsCaught() {
        asSuperuser("update vault_ledger set business_date = business_date + 30 where sequence = 5");

        LedgerVerification result = ledger.verify(hub);

        assertThat(result.firstBrokenSequence()).isEqualTo(5L);
        assertThat(result.problem()).contains("indexed columns");
    }

    private void asSuperuser(String sql) {
        try (var connection = dataSource.getConnection()) {
            JdbcClient raw = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            raw.sql("set session_replication_role = replica").update();
            raw.sql(sql).update();
            raw.sql("set session_replication_role = origin").update();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
