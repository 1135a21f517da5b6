package org.finres.vault;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.TokenScope;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.finres.vault.engine.signing.SigningKeyPair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Freshness as the hub, the regulator and an institution see it; the missed-run check turning into a detection
 * alert once per business date; drill evidence recorded by the institution and its restorer, refused for others.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FreshnessAndDrillsIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    VaultFreshness freshness;

    VaultHttp http;
    InstitutionId fresh;
    InstitutionId late;
    InstitutionId never;
    InstitutionId restorer;
    String freshJob;
    String lateJob;
    String neverAdmin;
    String restorerJob;
    String hubAdmin;
    String regulator;
    LocalDate due;

    @BeforeAll
    void setUp() {
        http = new VaultHttp(port);
        fresh = sector.institution("fresh-bank", InstitutionKind.BANK);
        late = sector.institution("late-bank", InstitutionKind.BANK);
        never = sector.institution("never-bank", InstitutionKind.PAYMENT);
        restorer = sector.institution("drill-restorer", InstitutionKind.BANK);
        freshJob = sector.token(fresh, TokenScope.VAULT_WRITE);
        lateJob = sector.token(late, TokenScope.VAULT_WRITE);
        neverAdmin = sector.token(never, TokenScope.ADMIN);
        restorerJob = sector.token(restorer, TokenScope.VAULT_WRITE);
        hubAdmin = sector.token(InstitutionId.HUB, TokenScope.ADMIN);
        regulator = sector.token(InstitutionId.REGULATOR, TokenScope.READ);
        due = freshness.requiredDate(Instant.now());
        attest(fresh, due);
        attest(late, due.minusDays(7));
        assertThat(http.put(hubAdmin, "/api/v1/vault/custody/" + fresh,
                Map.of("threshold", 2, "restoringInstitution", restorer.value())).status()).isEqualTo(200);
    }

    private void attest(InstitutionId institution, LocalDate date) {
        SigningKeyPair key = SigningKeyPair.generate(false);
        String admin = sector.token(institution, TokenScope.ADMIN);
        assertThat(http.post(admin, "/api/v1/vault/signing-keys",
                Map.of("publicKey", AttestationLedgerIntegrationTests.encoded(key))).status()).isEqualTo(201);
        String job = sector.token(institution, TokenScope.VAULT_WRITE);
        var answer = http.post(job, "/api/v1/vault/attestations", VaultFixtures.signed(institution, date, key));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    private Map<String, String> statuses(String token) {
        Map<String, String> out = new HashMap<>();
        http.get(token, "/api/v1/vault/freshness").json().forEach(n -> out.put(n.get("institution").asString(),
                n.get("status").asString()));
        return out;
    }

    @Test
    void hubAndRegulatorSeeEveryInstitutionsFreshness() {
        for (String token : List.of(hubAdmin, regulator)) {
            Map<String, String> s = statuses(token);
            assertThat(s).containsEntry(fresh.value(), "FRESH").containsEntry(late.value(), "LATE")
                    .containsEntry(never.value(), "MISSING").doesNotContainKeys("hub", "regulator");
        }
        var row = http.get(hubAdmin, "/api/v1/vault/freshness").json().valueStream()
                .filter(n -> n.get("institution").asString().equals(late.value())).findFirst().orElseThrow();
        assertThat(row.get("lastBusinessDate").asString()).isEqualTo(due.minusDays(7).toString());
        assertThat(row.get("businessDaysBehind").asInt()).isEqualTo(5);
    }

    @Test
    void anInstitutionSeesOnlyItsOwnFreshness() {
        assertThat(statuses(freshJob)).containsOnlyKeys(fresh.value());
        assertThat(statuses(neverAdmin)).containsOnlyKeys(never.value()).containsEntry(never.value(), "MISSING");
    }

    @Test
    void aMissedRunBecomesOneAlertPerBusinessDateForEnrolledInstitutions() {
        // A Wednesday far ahead, 09:00 in Taipei: Tuesday 2031-03-04 is due and nobody can have attested it yet.
        Instant wednesday = Instant.parse("2031-03-05T01:00:00Z");

        List<VaultRunMissed> missed = freshness.checkMissed(wednesday);
        List<VaultRunMissed> again = freshness.checkMissed(wednesday.plusSeconds(3600));

        assertThat(missed).extracting(VaultRunMissed::institution).contains(fresh, late).doesNotContain(never);
        assertThat(missed).filteredOn(m -> m.institution().equals(late)).singleElement()
                .satisfies(m -> assertThat(m.lastBusinessDate()).isEqualTo(due.minusDays(7)))
                .satisfies(m -> assertThat(m.businessDate()).isEqualTo(LocalDate.of(2031, 3, 4)));
        assertThat(again).isEmpty();
        for (InstitutionId institution : List.of(fresh, late)) {
            assertThat(jdbc.sql("""
                    select count(*) from detection_alert where institution_id = :i and kind = 'vault-missed'
                      and group_values ->> 'business_date' = '2031-03-04'
                    """).param("i", institution.value()).query(Long.class).single()).as(institution.value()).isEqualTo(1);
        }
        var alerts = http.get(sector.token(late, TokenScope.READ), "/api/v1/alerts?kind=vault-missed");
        assertThat(alerts.status()).as(alerts.body()).isEqualTo(200);
        assertThat(alerts.body()).contains("Vault run missed for business date 2031-03-04");
    }

    Map<String, Object> drill(InstitutionId institution, String outcome, boolean match, List<String> discrepancies) {
        Map<String, Object> body = new HashMap<>();
        body.put("institution", institution.value());
        body.put("repositoryId", VaultFixtures.hex(16));
        body.put("snapshotId", VaultFixtures.hex(32));
        body.put("businessDate", due.toString());
        body.put("startedAt", "2026-11-30T10:00:00Z");
        body.put("finishedAt", "2026-11-30T12:30:00Z");
        body.put("phases", Map.of("open", 12.5, "restore", 8000.0, "validate", 987.5));
        body.put("files", 4);
        body.put("bytes", 1_073_741_824L);
        body.put("controlTotalsMatch", match);
        body.put("discrepancies", discrepancies);
        body.put("targetSeconds", 86_400);
        body.put("outcome", outcome);
        return body;
    }

    @Test
    void drillsAreRecordedByTheInstitutionOrItsRestorerAndReadWithinTenancy() {
        var own = http.post(freshJob, "/api/v1/vault/drills", drill(fresh, "PASSED", true, List.of()));
        var byRestorer = http.post(restorerJob, "/api/v1/vault/drills",
                drill(fresh, "FAILED", false, List.of("accounts.jsonl:12 account 0042 closes at 10.00, balances say 12.00")));
        var byOutsider = http.post(lateJob, "/api/v1/vault/drills", drill(fresh, "PASSED", true, List.of()));

        assertThat(own.status()).as(own.body()).isEqualTo(201);
        assertThat(own.json().get("elapsedSeconds").asLong()).isEqualTo(9000);
        assertThat(own.json().get("withinTarget").asBoolean()).isTrue();
        assertThat(byRestorer.status()).as(byRestorer.body()).isEqualTo(201);
        assertThat(byRestorer.json().get("recordedByTenant").asString()).isEqualTo(restorer.value());
        assertThat(byOutsider.status()).isEqualTo(404);

        assertThat(http.get(freshJob, "/api/v1/vault/drills").json().size()).isEqualTo(2);
        assertThat(http.get(restorerJob, "/api/v1/vault/drills?institution=" + fresh).json().size()).isEqualTo(1);
        assertThat(http.get(hubAdmin, "/api/v1/vault/drills?institution=" + fresh).json().size()).isEqualTo(2);
        assertThat(http.get(regulator, "/api/v1/vault/drills?institution=" + fresh).json().size()).isEqualTo(2);
        assertThat(http.get(lateJob, "/api/v1/vault/drills?institution=" + fresh).status()).isEqualTo(404);
        assertThat(http.get(lateJob, "/api/v1/vault/drills").body()).doesNotContain(fresh.value());
    }

    @Test
    void aPassedDrillTheEvidenceContradictsIsRefused() {
        var mismatch = http.post(freshJob, "/api/v1/vault/drills", drill(fresh, "PASSED", false, List.of()));
        var withDiscrepancy = http.post(freshJob, "/api/v1/vault/drills",
                drill(fresh, "PASSED", true, List.of("transactions.jsonl:3 debit differs")));
        Map<String, Object> slow = drill(fresh, "PASSED", true, List.of());
        slow.put("finishedAt", "2026-12-01T12:00:00Z");
        var overTarget = http.post(freshJob, "/api/v1/vault/drills", slow);
        Map<String, Object> backwards = drill(fresh, "FAILED", true, List.of());
        backwards.put("finishedAt", "2026-11-30T09:00:00Z");

        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.body()).contains("controlTotalsMatch=false");
        assertThat(withDiscrepancy.status()).isEqualTo(400);
        assertThat(overTarget.status()).isEqualTo(400);
        assertThat(overTarget.body()).contains("target of 86400");
        assertThat(http.post(freshJob, "/api/v1/vault/drills", backwards).status()).isEqualTo(400);
        assertThat(http.post(sector.token(fresh, TokenScope.READ), "/api/v1/vault/drills",
                drill(fresh, "FAILED", true, List.of())).status()).isEqualTo(403);
    }
}
