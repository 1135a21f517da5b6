package org.finres.vault;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.TokenScope;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.finres.vault.engine.custody.CustodianKeyPair;
import org.finres.vault.engine.custody.CustodianRole;
import org.finres.vault.engine.custody.EscrowKeyWrapping;
import org.finres.vault.engine.custody.ReleasedShare;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Custody and restore approvals through the API, with real escrow key files and released shares from the vault
 * engine: the whole 3-of-4 cycle ending in a data key the restorer really recovers, and the attacker's attempts:
 * another institution reading shares or requests, a custodian approving for a role it does not hold or twice, the
 * restorer fetching before the threshold, shares that do not fit the request, people without custody rights.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestoreApprovalIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    JdbcClient jdbc;

    VaultHttp http;
    String hubAdmin;
    String hubAnalyst;
    String regulator;

    // Per test: a fresh institution, its restorer, an outsider, an escrow and a pending request.
    InstitutionId bank;
    InstitutionId restorer;
    InstitutionId outsider;
    String bankAdmin;
    String bankAnalyst;
    String bankJob;
    String restorerAdmin;
    String outsiderAdmin;
    VaultFixtures.Escrow escrow;
    CustodianKeyPair restorerKey;
    String requestId;

    @BeforeAll
    void tokens() {
        http = new VaultHttp(port);
        hubAdmin = sector.token(InstitutionId.HUB, TokenScope.ADMIN);
        hubAnalyst = sector.token(InstitutionId.HUB, TokenScope.READ);
        regulator = sector.token(InstitutionId.REGULATOR, TokenScope.ADMIN);
    }

    @BeforeEach
    void pendingRequest() {
        bank = sector.institution("custody-bank", InstitutionKind.BANK);
        restorer = sector.institution("custody-restorer", InstitutionKind.BANK);
        outsider = sector.institution("custody-outsider", InstitutionKind.INSURANCE);
        bankAdmin = sector.token(bank, TokenScope.ADMIN);
        bankAnalyst = sector.token(bank, TokenScope.READ);
        bankJob = sector.token(bank, TokenScope.VAULT_WRITE);
        restorerAdmin = sector.token(restorer, TokenScope.ADMIN);
        outsiderAdmin = sector.token(outsider, TokenScope.ADMIN);
        escrow = VaultFixtures.escrow(3);
        var configured = http.put(hubAdmin, "/api/v1/vault/custody/" + bank,
                Map.of("threshold", 3, "restoringInstitution", restorer.value()));
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        register(bankAdmin, CustodianRole.INSTITUTION);
        register(hubAdmin, CustodianRole.HUB_OPERATOR);
        register(regulator, CustodianRole.REGULATOR);
        register(restorerAdmin, CustodianRole.RESTORING_INSTITUTION);
        restorerKey = CustodianKeyPair.generate();
        var requested = http.post(restorerAdmin, "/api/v1/vault/restore-requests", Map.of("institution", bank.value(),
                "repositoryId", escrow.repositoryHex(), "reason", "Bank failed at 14:00; restore by 08:00 tomorrow",
                "restorerPublicKey", b64(restorerKey.publicKey().encode())));
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        assertThat(requested.json().get("status").asString()).isEqualTo("PENDING");
        assertThat(requested.json().get("approvals").asInt()).isZero();
        assertThat(requested.json().get("threshold").asInt()).isEqualTo(3);
        requestId = requested.json().get("id").asString();
    }

    private void register(String token, CustodianRole role) {
        var answer = http.put(token, "/api/v1/vault/custody/" + bank + "/custodians/" + role,
                Map.of("name", role.name(), "publicKey", b64(escrow.keys().get(role).publicKey().encode())));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private VaultHttp.Answer approve(String token, CustodianRole role) {
        return approve(token, role, escrow.release(role, restorerKey));
    }

    private VaultHttp.Answer approve(String token, CustodianRole role, byte[] share) {
        return http.post(token, "/api/v1/vault/restore-requests/" + requestId + "/approvals",
                Map.of("role", role.name(), "releasedShare", b64(share)));
    }

    private VaultHttp.Answer shares(String token) {
        return http.get(token, "/api/v1/vault/restore-requests/" + requestId + "/shares");
    }

    @Test
    void threeOfFourApprovalsHandTheRestorerSharesThatRecoverTheDataKey() throws Exception {
        var custody = http.get(restorerAdmin, "/api/v1/vault/custody/" + bank);
        assertThat(custody.status()).as(custody.body()).isEqualTo(200);
        assertThat(custody.json().get("custodians").size()).isEqualTo(4);
        assertThat(custody.json().get("restoringInstitution").asString()).isEqualTo(restorer.value());

        assertThat(approve(hubAdmin, CustodianRole.HUB_OPERATOR).json().get("approvals").asInt()).isEqualTo(1);
        assertThat(shares(restorerAdmin).status()).isEqualTo(409);
        assertThat(approve(regulator, CustodianRole.REGULATOR).json().get("approvals").asInt()).isEqualTo(2);
        var last = approve(bankAdmin, CustodianRole.INSTITUTION);
        assertThat(last.status()).as(last.body()).isEqualTo(201);
        assertThat(last.json().get("status").asString()).isEqualTo("APPROVED");

        var handed = shares(restorerAdmin);
        assertThat(handed.status()).as(handed.body()).isEqualTo(200);
        List<ReleasedShare> released = new java.util.ArrayList<>();
        handed.json().get("shares").forEach(s -> released.add(ReleasedShare.decode(Base64.getDecoder().decode(s.asString()))));
        assertThat(released).hasSize(3);
        byte[] recovered = EscrowKeyWrapping.forRestore(restorerKey, released).unwrap(escrow.wrapped(), escrow.repository());
        assertThat(recovered).isEqualTo(escrow.dataKey());

        var request = http.get(bankAnalyst, "/api/v1/vault/restore-requests/" + requestId).json();
        assertThat(request.get("decisions").size()).isEqualTo(3);
        assertThat(request.get("decisions").get(0).get("tenant").asString()).isEqualTo("hub");
        assertThat(request.get("body")).isNull();
        assertThat(request.toString()).doesNotContain(b64(escrow.release(CustodianRole.HUB_OPERATOR, restorerKey)));
        assertThat(audits("vault.restore.approved")).isEqualTo(3);
        assertThat(audits("vault.restore.shares_released")).isEqualTo(1);
        assertThat(audits("vault.restore.refused")).isEqualTo(1);
    }

    @Test
    void anotherInstitutionCannotReadTheRequestItsSharesOrTheRegistry() {
        approve(hubAdmin, CustodianRole.HUB_OPERATOR);
        approve(regulator, CustodianRole.REGULATOR);
        approve(bankAdmin, CustodianRole.INSTITUTION);
        long denied = deniedBy(outsiderAdmin);

        for (String path : List.of("/api/v1/vault/restore-requests/" + requestId,
                "/api/v1/vault/restore-requests/" + requestId + "/shares", "/api/v1/vault/custody/" + bank,
                "/api/v1/vault/drills?institution=" + bank, "/api/v1/vault/attestations?institution=" + bank)) {
            var answer = http.get(outsiderAdmin, path);
            assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(404);
            assertThat(answer.body()).doesNotContain(escrow.repositoryHex());
        }
        assertThat(http.get(outsiderAdmin, "/api/v1/vault/restore-requests").body()).doesNotContain(requestId);
        assertThat(approve(outsiderAdmin, CustodianRole.RESTORING_INSTITUTION).status()).isEqualTo(404);
        assertThat(deniedBy(outsiderAdmin)).isEqualTo(denied + 6);
    }

    @Test
    void aCustodianCannotApproveForARoleItDoesNotHold() {
        long denied = deniedBy(regulator);

        var asHub = approve(regulator, CustodianRole.HUB_OPERATOR, escrow.release(CustodianRole.REGULATOR, restorerKey));
        var bankAsRegulator = approve(bankAdmin, CustodianRole.REGULATOR);
        var hubAsRestorer = approve(hubAdmin, CustodianRole.RESTORING_INSTITUTION);

        assertThat(asHub.status()).as(asHub.body()).isEqualTo(403);
        assertThat(asHub.body()).contains("does not hold the HUB_OPERATOR role");
        assertThat(bankAsRegulator.status()).isEqualTo(403);
        assertThat(hubAsRestorer.status()).isEqualTo(403);
        assertThat(deniedBy(regulator)).isEqualTo(denied + 1);
        assertThat(approvals()).isZero();
        assertThat(http.put(regulator, "/api/v1/vault/custody/" + bank + "/custodians/HUB_OPERATOR",
                Map.of("name", "not mine", "publicKey", b64(CustodianKeyPair.generate().publicKey().encode())))
                .status()).isEqualTo(403);
    }

    @Test
    void aCustodianDecidesOnce() {
        assertThat(approve(hubAdmin, CustodianRole.HUB_OPERATOR).status()).isEqualTo(201);

        var again = approve(hubAdmin, CustodianRole.HUB_OPERATOR);
        var denyAfter = http.post(hubAdmin, "/api/v1/vault/restore-requests/" + requestId + "/denials",
                Map.of("role", "HUB_OPERATOR", "reason", "changed my mind"));

        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.body()).contains("already approved");
        assertThat(denyAfter.status()).isEqualTo(409);
        assertThat(approvals()).isEqualTo(1);
    }

    @Test
    void theRestorerCannotFetchSharesBeforeTheThreshold() {
        approve(hubAdmin, CustodianRole.HUB_OPERATOR);
        approve(restorerAdmin, CustodianRole.RESTORING_INSTITUTION);
        long refused = audits("vault.restore.refused");

        var early = shares(restorerAdmin);

        assertThat(early.status()).as(early.body()).isEqualTo(409);
        assertThat(early.body()).contains("2 of 3 approvals");
        assertThat(audits("vault.restore.refused")).isEqualTo(refused + 1);
    }

    @Test
    void onlyTheRestoringInstitutionReceivesTheShares() {
        approve(hubAdmin, CustodianRole.HUB_OPERATOR);
        approve(regulator, CustodianRole.REGULATOR);
        approve(bankAdmin, CustodianRole.INSTITUTION);

        for (String token : List.of(hubAdmin, regulator, bankAdmin, bankAnalyst)) {
            var answer = shares(token);
            assertThat(answer.status()).as(answer.body()).isEqualTo(403);
            assertThat(answer.body()).doesNotContain("\"shares\"");
        }
        assertThat(shares(restorerAdmin).status()).isEqualTo(200);
    }

    @Test
    void sharesThatDoNotFitTheRequestAreRefusedWith422() {
        CustodianKeyPair someoneElse = CustodianKeyPair.generate();
        var toAnotherRecipient = approve(hubAdmin, CustodianRole.HUB_OPERATOR,
                escrow.release(CustodianRole.HUB_OPERATOR, someoneElse));
        var othersShare = approve(hubAdmin, CustodianRole.HUB_OPERATOR,
                escrow.release(CustodianRole.REGULATOR, restorerKey));
        var garbage = approve(hubAdmin, CustodianRole.HUB_OPERATOR, new byte[]{1, 2, 3});
        VaultFixtures.Escrow otherRepository = VaultFixtures.escrow(2);
        var fromAnotherEscrow = approve(hubAdmin, CustodianRole.HUB_OPERATOR,
                otherRepository.release(CustodianRole.HUB_OPERATOR, restorerKey));

        assertThat(toAnotherRecipient.status()).isEqualTo(422);
        assertThat(toAnotherRecipient.body()).contains("sealed to key " + someoneElse.publicKey().fingerprintHex());
        assertThat(othersShare.status()).isEqualTo(422);
        assertThat(othersShare.body()).contains("REGULATOR custodian's share");
        assertThat(garbage.status()).isEqualTo(422);
        assertThat(garbage.body()).contains("malformed");
        assertThat(fromAnotherEscrow.status()).isEqualTo(422);
        assertThat(fromAnotherEscrow.body()).contains("released by key");
        assertThat(approvals()).isZero();
    }

    @Test
    void peopleAndTokensWithoutCustodyRightsCannotDecide() {
        assertThat(approve(hubAnalyst, CustodianRole.HUB_OPERATOR).status()).isEqualTo(403);
        assertThat(approve(bankAnalyst, CustodianRole.INSTITUTION).status()).isEqualTo(403);
        assertThat(approve(bankJob, CustodianRole.INSTITUTION).status()).isEqualTo(403);
        assertThat(approve(sector.token(InstitutionId.REGULATOR, TokenScope.READ), CustodianRole.REGULATOR).status())
                .as("the regulator's read token").isEqualTo(403);
        assertThat(approvals()).isZero();
    }

    @Test
    void onlyTheHubOperatorSetsTheThresholdAndOnlyTheDesignatedRestorerRequests() {
        var byRegulator = http.put(regulator, "/api/v1/vault/custody/" + outsider,
                Map.of("threshold", 2, "restoringInstitution", restorer.value()));
        var byInstitution = http.put(bankAdmin, "/api/v1/vault/custody/" + bank,
                Map.of("threshold", 2, "restoringInstitution", outsider.value()));
        var thresholdOne = http.put(hubAdmin, "/api/v1/vault/custody/" + outsider,
                Map.of("threshold", 1, "restoringInstitution", restorer.value()));
        var selfRestoring = http.put(hubAdmin, "/api/v1/vault/custody/" + outsider,
                Map.of("threshold", 2, "restoringInstitution", outsider.value()));
        var whilePending = http.put(hubAdmin, "/api/v1/vault/custody/" + bank,
                Map.of("threshold", 2, "restoringInstitution", restorer.value()));
        Map<String, String> request = Map.of("institution", bank.value(), "repositoryId", escrow.repositoryHex(),
                "reason", "x", "restorerPublicKey", b64(CustodianKeyPair.generate().publicKey().encode()));

        assertThat(byRegulator.status()).isEqualTo(403);
        assertThat(byInstitution.status()).isEqualTo(403);
        assertThat(thresholdOne.status()).isEqualTo(400);
        assertThat(thresholdOne.body()).contains("between 2 and 4");
        assertThat(selfRestoring.status()).isEqualTo(400);
        assertThat(whilePending.status()).isEqualTo(409);
        assertThat(http.post(bankAdmin, "/api/v1/vault/restore-requests", request).status()).isEqualTo(403);
        assertThat(http.post(hubAdmin, "/api/v1/vault/restore-requests", request).status()).isEqualTo(403);
        assertThat(http.post(outsiderAdmin, "/api/v1/vault/restore-requests", request).status()).isEqualTo(404);
    }

    @Test
    void twoDenialsOfAThreeOfFourRequestDenyIt() {
        var first = http.post(regulator, "/api/v1/vault/restore-requests/" + requestId + "/denials",
                Map.of("role", "REGULATOR", "reason", "No failure was declared"));
        var second = http.post(bankAdmin, "/api/v1/vault/restore-requests/" + requestId + "/denials",
                Map.of("role", "INSTITUTION", "reason", "We are still operating"));
        var late = approve(hubAdmin, CustodianRole.HUB_OPERATOR);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("status").asString()).isEqualTo("PENDING");
        assertThat(second.json().get("status").asString()).isEqualTo("DENIED");
        assertThat(late.status()).isEqualTo(409);
        assertThat(shares(restorerAdmin).status()).isEqualTo(409);
        assertThat(audits("vault.restore.denied")).isEqualTo(2);
    }

    @Test
    void concurrentApprovalsOfTheSameRoleCountOnceAndTheThresholdIsReachedExactlyOnce() throws Exception {
        approve(hubAdmin, CustodianRole.HUB_OPERATOR);
        byte[] regulatorShare = escrow.release(CustodianRole.REGULATOR, restorerKey);
        byte[] bankShare = escrow.release(CustodianRole.INSTITUTION, restorerKey);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<VaultHttp.Answer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                answers.add(pool.submit(() -> approve(regulator, CustodianRole.REGULATOR, regulatorShare)));
                answers.add(pool.submit(() -> approve(bankAdmin, CustodianRole.INSTITUTION, bankShare)));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var f : answers) {
                statuses.add(f.get().status());
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(2);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(4);
        } finally {
            pool.shutdown();
        }
        assertThat(approvals()).isEqualTo(3);
        var request = http.get(restorerAdmin, "/api/v1/vault/restore-requests/" + requestId).json();
        assertThat(request.get("status").asString()).isEqualTo("APPROVED");
        assertThat(shares(restorerAdmin).json().get("shares").size()).isEqualTo(3);
    }

    private long approvals() {
        return jdbc.sql("select count(*) from vault_restore_decision where request_id = cast(:id as uuid) and decision = 'APPROVED'")
                .param("id", requestId).query(Long.class).single();
    }

    private long audits(String action) {
        return jdbc.sql("select count(*) from audit_log where action = :a and target_id = :id")
                .param("a", action).param("id", requestId).query(Long.class).single();
    }

    private long deniedBy(String token) {
        return jdbc.sql("select count(*) from audit_log where action = 'access.denied' and actor = :actor")
                .param("actor", "token:" + token.substring(4, 20)).query(Long.class).single();
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
