package org.finres.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Role;
import org.finres.core.TokenScope;
import org.finres.resilience.drill.evidence.DrillEvidence;
import org.finres.resilience.drill.evidence.DrillOutcome;
import org.finres.resilience.drill.evidence.EntryKind;
import org.finres.resilience.drill.evidence.EvidenceContent;
import org.finres.resilience.drill.evidence.Measurements;
import org.finres.resilience.drill.evidence.ProbeSummary;
import org.finres.resilience.drill.evidence.Timeline;
import org.finres.resilience.drill.evidence.Tolerances;
import org.finres.resilience.drill.evidence.WorkloadSummary;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.finres.testing.WebVisitor;
import org.finres.vault.engine.signing.SigningKeyPair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed drill evidence (helper A's {@code finres-drill-evidence/1}, made with its own classes) submitted to the hub:
 * accepted and verified when signed by the institution's registered signing key; refused with the reason when
 * tampered with, signed by another key, a retired one, unsigned, or another institution's drill; and what is
 * accepted shows in the drills list, the page, the report and the regulator's aggregates.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResilienceDrillSubmissionIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    JdbcClient jdbc;

    ResilienceHttp http;
    InstitutionId bank;
    InstitutionId other;
    String bankAdmin;
    String runner;
    final SigningKeyPair key = SigningKeyPair.generate(false);

    @BeforeAll
    void bankWithRegisteredKey() {
        http = new ResilienceHttp(port);
        bank = sector.institution("res-drill-bank", InstitutionKind.BANK);
        other = sector.institution("res-drill-other", InstitutionKind.BANK);
        bankAdmin = sector.token(bank, TokenScope.ADMIN);
        runner = sector.token(bank, TokenScope.RESILIENCE_WRITE);
        assertThat(http.yaml(bankAdmin, "PUT", "/api/v1/resilience/register", ResilienceFixtures.demoBank(bank))
                .status()).isEqualTo(201);
        var registered = http.json(bankAdmin, "POST", "/api/v1/vault/signing-keys",
                Map.of("publicKey", Base64.getEncoder().encodeToString(key.publicKey().encode())));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    }

    static EvidenceContent content(InstitutionId institution, DrillOutcome outcome, Duration recovery) {
        Instant start = Instant.parse("2026-10-14T02:00:00.125Z");
        Timeline t = new Timeline(Clock.fixed(start, ZoneOffset.UTC));
        t.append(EntryKind.PHASE, "steady-state check");
        t.append(EntryKind.PROBE, "front-health up: HTTP 200 in 12 ms");
        t.append(EntryKind.FAULT, "command [kill, -9, 4242] exited 0");
        t.append(EntryKind.PROBE, "front-health down: HTTP 503");
        t.append(EntryKind.PROBE, "front-health up: HTTP 200 in 9 ms");
        t.append(EntryKind.WORKLOAD, "acknowledged 120, found 120, lost 0");
        return new EvidenceContent("retail payments failover", "ab".repeat(32), institution.value(),
                List.of("retail-payments"), new Tolerances(Duration.ofHours(4), Duration.ofHours(2), Duration.ZERO),
                start, start.plusSeconds(20), t.entries(), List.of(new ProbeSummary("front-health", 80, 12)),
                new Measurements(Duration.ofMillis(350), Duration.ofMillis(2_800), recovery, Duration.ZERO), outcome,
                new WorkloadSummary(120, 120, List.of()));
    }

    private String signed(InstitutionId institution, SigningKeyPair by) {
        return new String(DrillEvidence.sign(content(institution, new DrillOutcome.Passed(), Duration.ofMillis(3_100)),
                by).toJson(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private ResilienceHttp.Answer submit(String token, String evidence) {
        return http.call(token, "POST", "/api/v1/resilience/drills", "application/json", evidence);
    }

    @Test
    void validEvidenceIsAcceptedVerifiedAndShown() throws Exception {
        var accepted = submit(runner, signed(bank, key));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        assertThat(accepted.json().get("verified").asBoolean()).isTrue();
        assertThat(accepted.json().get("outcome").asString()).isEqualTo("PASSED");
        assertThat(accepted.json().get("recoveryMs").asLong()).isEqualTo(3_100);
        assertThat(accepted.json().get("transfersAcked").asLong()).isEqualTo(120);
        assertThat(accepted.json().get("signerFingerprint").asString()).isEqualTo(key.publicKey().fingerprintHex());
        String id = accepted.json().get("id").asString();

        assertThat(http.get(runner, "/api/v1/resilience/drills").body()).contains(id);
        assertThat(http.get(runner, "/api/v1/resilience/drills/" + id + "/evidence").body())
                .contains("finres-drill-evidence/1");
        var report = http.get(bankAdmin, "/api/v1/resilience/reports/institution").json();
        assertThat(report.get("quarters").toString()).contains("2026-Q4");
        WebVisitor v = new WebVisitor(port, "en");
        v.login(sector.user(bank, Role.INSTITUTION_ANALYST).username());
        String page = v.get("/resilience/drills/" + id).body();
        assertThat(page).contains("data-testid=\"verified-badge\"").contains("badge-ok").contains(">verified<")
                .contains("data-testid=\"drill-timeline\"").contains("data-testid=\"drill-entries\"")
                .contains("command [kill, -9, 4242] exited 0");
        var overview = http.get(sector.token(InstitutionId.REGULATOR, TokenScope.READ), "/api/v1/resilience/sector/overview");
        var row = overview.json().valueStream().filter(r -> r.get("institution").asString().equals(bank.value()))
                .findFirst().orElseThrow();
        assertThat(row.get("drills").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(row.get("lastDrillOutcome").asString()).isEqualTo("PASSED");
    }

    /**
     * Helper A's shipped drill for real: the e-banking target as child processes, its primary killed with kill -9,
     * the evidence signed with the bank's registered key and accepted by the hub as it comes.
     */
    @Test
    void aRealKillNineDrillsEvidenceIsAcceptedAsItComes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        DrillEvidence evidence = org.finres.resilience.drill.ShippedDrill.run(dir, 0,
                org.finres.resilience.drill.ebanking.ShippedTarget.javaLauncher(), bank.value(), "online-banking", key,
                entry -> { });
        var accepted = http.call(runner, "POST", "/api/v1/resilience/drills", "application/json",
                new String(evidence.toJson(), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        assertThat(accepted.json().get("verified").asBoolean()).isTrue();
        assertThat(accepted.json().get("services").toString()).contains("online-banking");
        assertThat(accepted.json().get("outcome").asString()).isEqualTo(evidence.outcome().status().toUpperCase());
        assertThat(accepted.json().get("switchoverMs").asLong()).isPositive();
    }

    @Test
    void aChangedValueBreaksTheSignature() {
        ObjectNode json = (ObjectNode) ResilienceHttp.JSON.readTree(signed(bank, key));
        ((ObjectNode) json.get("measured")).put("recovery", "PT0.5S");
        var refused = submit(runner, json.toString());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("detail").asString()).contains("signature does not verify");
    }

    @Test
    void aChangedTimelineEntryBreaksTheHashChain() {
        ObjectNode json = (ObjectNode) ResilienceHttp.JSON.readTree(signed(bank, key));
        ((ObjectNode) json.get("timeline").get(3)).put("detail", "front-health up: HTTP 200");
        var refused = submit(runner, json.toString());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("detail").asString()).contains("hash chain is broken at entry 3");
    }

    @Test
    void evidenceSignedByAnUnregisteredKeyIsRefused() {
        var refused = submit(runner, signed(bank, SigningKeyPair.generate(false)));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("detail").asString()).contains("is not registered for " + bank.value());
    }

    @Test
    void anotherInstitutionsDrillIsRefused() {
        var refused = submit(runner, signed(other, key));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("detail").asString()).contains("drill of institution '" + other.value() + "'");
        var byOther = submit(sector.token(other, TokenScope.RESILIENCE_WRITE), signed(bank, key));
        assertThat(byOther.status()).isEqualTo(422);
    }

    @Test
    void unsignedOrMalformedEvidenceIsA400NamingTheField() {
        ObjectNode json = (ObjectNode) ResilienceHttp.JSON.readTree(signed(bank, key));
        json.remove("signature");
        var unsigned = submit(runner, json.toString());
        assertThat(unsigned.status()).isEqualTo(400);
        assertThat(unsigned.json().get("detail").asString()).contains("evidence is malformed").contains("signature");
        assertThat(submit(runner, "{\"format\":\"something-else\"}").status()).isEqualTo(400);
        assertThat(submit(runner, "").status()).isEqualTo(400);
    }

    @Test
    void aRetiredKeySignsNoNewEvidenceAndOnlyTheDrillScopeSubmits() {
        InstitutionId retiring = sector.institution("res-drill-retired", InstitutionKind.BANK);
        String admin = sector.token(retiring, TokenScope.ADMIN);
        SigningKeyPair old = SigningKeyPair.generate(false);
        assertThat(http.json(admin, "POST", "/api/v1/vault/signing-keys",
                Map.of("publicKey", Base64.getEncoder().encodeToString(old.publicKey().encode()))).status()).isEqualTo(201);
        assertThat(http.call(admin, "DELETE", "/api/v1/vault/signing-keys/" + old.publicKey().fingerprintHex(), null,
                null).status()).isEqualTo(200);
        var refused = submit(sector.token(retiring, TokenScope.RESILIENCE_WRITE), signed(retiring, old));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("detail").asString()).contains("was retired");

        for (TokenScope scope : List.of(TokenScope.READ, TokenScope.VAULT_WRITE, TokenScope.ADMIN)) {
            assertThat(submit(sector.token(bank, scope), signed(bank, key)).status()).as(scope.code()).isEqualTo(403);
        }
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'resilience.drill.refused'")
                .query(Long.class).single()).isPositive();
    }
}
