package org.finres.vault;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.TokenScope;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.finres.vault.engine.attestation.SignedAttestation;
import org.finres.vault.engine.signing.SigningKeyPair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attestation API as a vault job, an institution administrator, another institution, the hub and the regulator
 * use it: signing keys, appends that link into the chain, every refusal the contract names, tenancy of the listing,
 * and verification.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttestationLedgerIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    JdbcClient jdbc;

    VaultHttp http;
    InstitutionId bank;
    InstitutionId other;
    String bankAdmin;
    String bankJob;
    String otherJob;
    String otherAdmin;
    String hubAdmin;
    String regulator;
    SigningKeyPair key;
    final LocalDate yesterday = LocalDate.now(ZoneId.of("Asia/Taipei")).minusDays(1);

    @BeforeAll
    void setUp() {
        http = new VaultHttp(port);
        bank = sector.institution("ledger-bank", InstitutionKind.BANK);
        other = sector.institution("ledger-other", InstitutionKind.SECURITIES);
        bankAdmin = sector.token(bank, TokenScope.ADMIN);
        bankJob = sector.token(bank, TokenScope.VAULT_WRITE);
        otherJob = sector.token(other, TokenScope.VAULT_WRITE);
        otherAdmin = sector.token(other, TokenScope.ADMIN);
        hubAdmin = sector.token(InstitutionId.HUB, TokenScope.ADMIN);
        regulator = sector.token(InstitutionId.REGULATOR, TokenScope.READ);
        key = SigningKeyPair.generate(true);
        var registered = http.post(bankAdmin, "/api/v1/vault/signing-keys", Map.of("publicKey", encoded(key)));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.json().get("fingerprint").asString()).isEqualTo(key.publicKey().fingerprintHex());
    }

    @Test
    void appendedAttestationsLinkIntoTheChain() {
        var first = http.post(bankJob, "/api/v1/vault/attestations", VaultFixtures.signed(bank, yesterday.minusDays(1), key));
        var second = http.post(bankJob, "/api/v1/vault/attestations", VaultFixtures.signed(bank, yesterday, key));

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(second.json().get("sequence").asLong()).isEqualTo(first.json().get("sequence").asLong() + 1);
        assertThat(second.json().get("previousHash").asString()).isEqualTo(first.json().get("entryHash").asString());
        assertThat(second.json().get("entryHash").asString()).matches("[0-9a-f]{64}");
        assertThat(second.json().get("institution").asString()).isEqualTo(bank.value());
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'vault.attested' and target_institution = :i")
                .param("i", bank.value()).query(Long.class).single()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void attestationNamingAnotherInstitutionIsRefusedWith403() {
        SigningKeyPair otherKey = SigningKeyPair.generate(false);
        assertThat(http.post(otherAdmin, "/api/v1/vault/signing-keys", Map.of("publicKey", encoded(otherKey))).status())
                .isEqualTo(201);

        var answer = http.post(otherJob, "/api/v1/vault/attestations", VaultFixtures.signed(bank, yesterday, otherKey));

        assertThat(answer.status()).as(answer.body()).isEqualTo(403);
        assertThat(answer.contentType()).contains("problem+json");
        assertThat(answer.body()).contains("attests only for itself");
    }

    @Test
    void unregisteredSignerIsRefusedWith422() {
        var answer = http.post(bankJob, "/api/v1/vault/attestations",
                VaultFixtures.signed(bank, yesterday, SigningKeyPair.generate(false)));

        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.body()).contains("is not registered for " + bank.value());
    }

    @Test
    void anotherInstitutionsRegisteredKeyDoesNotSignForThisOne() {
        SigningKeyPair otherKey = SigningKeyPair.generate(false);
        assertThat(http.post(otherAdmin, "/api/v1/vault/signing-keys", Map.of("publicKey", encoded(otherKey))).status())
                .isEqualTo(201);

        var answer = http.post(bankJob, "/api/v1/vault/attestations", VaultFixtures.signed(bank, yesterday, otherKey));

        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
    }

    @Test
    void retiredSignerIsRefusedWith422AndOldEntriesStillVerify() {
        SigningKeyPair retiring = SigningKeyPair.generate(false);
        http.post(bankAdmin, "/api/v1/vault/signing-keys", Map.of("publicKey", encoded(retiring)));
        assertThat(http.post(bankJob, "/api/v1/vault/attestations", VaultFixtures.signed(bank, yesterday, retiring))
                .status()).isEqualTo(201);

        var retired = http.call(bankAdmin, "DELETE", "/api/v1/vault/signing-keys/" + retiring.publicKey().fingerprintHex(), null);
        var answer = http.post(bankJob, "/api/v1/vault/attestations", VaultFixtures.signed(bank, yesterday, retiring));

        assertThat(retired.status()).as(retired.body()).isEqualTo(200);
        assertThat(retired.json().get("active").asBoolean()).isFalse();
        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.body()).contains("was retired");
        assertThat(http.get(hubAdmin, "/api/v1/vault/ledger/verification").json().get("intact").asBoolean()).isTrue();
    }

    @Test
    void changedValueBreaksTheSignatureAnd422NamesIt() {
        String json = VaultFixtures.signed(bank, yesterday, key).replace("123456789.00", "123456789.01");

        var answer = http.post(bankJob, "/api/v1/vault/attestations", json);

        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.body()).contains("does not verify under signing key " + key.publicKey().fingerprintHex());
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'vault.attestation.refused' and target_institution = :i")
                .param("i", bank.value()).query(Long.class).single()).isPositive();
    }

    @Test
    void sameSnapshotTwiceIsAConflict() {
        String json = VaultFixtures.signed(bank, yesterday, key);
        assertThat(http.post(bankJob, "/api/v1/vault/attestations", json).status()).isEqualTo(201);

        var again = http.post(bankJob, "/api/v1/vault/attestations", json);

        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.body()).contains("already attested");
    }

    @Test
    void malformedAttestationIs400NamingTheField() {
        String json = VaultFixtures.signed(bank, yesterday, key).replace("\"files\":4,", "\"files\":\"four\",");

        var answer = http.post(bankJob, "/api/v1/vault/attestations", json);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("files");
    }

    @Test
    void businessDateInTheFutureIsRefused() {
        var answer = http.post(bankJob, "/api/v1/vault/attestations",
                VaultFixtures.signed(bank, yesterday.plusDays(5), key));

        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.body()).contains("is after today");
    }

    @Test
    void vaultJobTokenCannotRegisterSigningKeys() {
        var answer = http.post(bankJob, "/api/v1/vault/signing-keys",
                Map.of("publicKey", encoded(SigningKeyPair.generate(false))));

        assertThat(answer.status()).as(answer.body()).isEqualTo(403);
    }

    @Test
    void anInstitutionListsOnlyItsOwnAttestationsWhileHubAndRegulatorSeeAll() {
        String json = VaultFixtures.signed(bank, yesterday, key);
        String snapshot = SignedAttestation.parse(json).attestation().snapshotId();
        assertThat(http.post(bankJob, "/api/v1/vault/attestations", json).status()).isEqualTo(201);

        assertThat(http.get(otherJob, "/api/v1/vault/attestations?limit=500").body()).doesNotContain(snapshot);
        var probe = http.get(otherAdmin, "/api/v1/vault/attestations?institution=" + bank);
        assertThat(probe.status()).isEqualTo(404);
        assertThat(probe.body()).doesNotContain(snapshot);
        assertThat(http.get(bankJob, "/api/v1/vault/attestations").body()).contains(snapshot);
        assertThat(http.get(hubAdmin, "/api/v1/vault/attestations?institution=" + bank).body()).contains(snapshot);
        assertThat(http.get(regulator, "/api/v1/vault/attestations?institution=" + bank).body()).contains(snapshot);
        assertThat(http.get(otherAdmin, "/api/v1/vault/signing-keys?institution=" + bank).status()).isEqualTo(404);
    }

    @Test
    void onlyHubAndRegulatorVerifyTheWholeLedger() {
        var hub = http.get(hubAdmin, "/api/v1/vault/ledger/verification");
        var reg = http.get(regulator, "/api/v1/vault/ledger/verification");
        var institution = http.get(bankAdmin, "/api/v1/vault/ledger/verification");

        assertThat(hub.status()).as(hub.body()).isEqualTo(200);
        assertThat(hub.json().get("intact").asBoolean()).isTrue();
        assertThat(reg.status()).isEqualTo(200);
        assertThat(institution.status()).isEqualTo(403);
    }

    @Test
    void concurrentAppendsKeepTheChainDenseAndIntact() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<VaultHttp.Answer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String json = VaultFixtures.signed(bank, yesterday.minusDays(i), key);
                answers.add(pool.submit(() -> http.post(bankJob, "/api/v1/vault/attestations", json)));
            }
            java.util.Set<Long> sequences = new java.util.TreeSet<>();
            for (var f : answers) {
                VaultHttp.Answer a = f.get();
                assertThat(a.status()).as(a.body()).isEqualTo(201);
                sequences.add(a.json().get("sequence").asLong());
            }
            assertThat(sequences).hasSize(12);
        } finally {
            pool.shutdown();
        }
        var verified = http.get(hubAdmin, "/api/v1/vault/ledger/verification").json();
        assertThat(verified.get("intact").asBoolean()).as(verified.toString()).isTrue();
    }

    @Test
    void listingFiltersByBusinessDate() {
        LocalDate day = yesterday.minusDays(40);
        String json = VaultFixtures.signed(bank, day, key);
        String snapshot = SignedAttestation.parse(json).attestation().snapshotId();
        assertThat(http.post(bankJob, "/api/v1/vault/attestations", json).status()).isEqualTo(201);

        assertThat(http.get(bankJob, "/api/v1/vault/attestations?from=" + day + "&to=" + day).body()).contains(snapshot);
        assertThat(http.get(bankJob, "/api/v1/vault/attestations?from=" + day.plusDays(1)).body()).doesNotContain(snapshot);
        assertThat(http.get(bankJob, "/api/v1/vault/attestations?from=" + day + "&to=" + day.minusDays(1)).status())
                .isEqualTo(400);
    }

    @Test
    void nobodyButTheInstitutionRetiresItsSigningKey() {
        String path = "/api/v1/vault/signing-keys/" + key.publicKey().fingerprintHex();

        assertThat(http.call(otherAdmin, "DELETE", path, null).status()).isEqualTo(404);
        assertThat(http.call(hubAdmin, "DELETE", path, null).status()).isEqualTo(403);
        assertThat(http.call(bankJob, "DELETE", path, null).status()).isEqualTo(403);
        assertThat(http.call(regulator, "DELETE", path, null).status()).isEqualTo(403);
        assertThat(jdbc.sql("select retired_at is null from vault_signing_key where fingerprint = :f")
                .param("f", key.publicKey().fingerprintHex()).query(Boolean.class).single()).isTrue();
        assertThat(http.post(otherAdmin, "/api/v1/vault/signing-keys", Map.of("publicKey", encoded(key))).status())
                .as("a key registered by one institution cannot be claimed by another").isEqualTo(409);
    }

    static String encoded(SigningKeyPair pair) {
        return Base64.getEncoder().encodeToString(pair.publicKey().encode());
    }
}
