package org.finres.resilience;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.TokenScope;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resilience API as an attacker sees it: member A's tokens of every scope against member B's register,
 * analysis, Monte-Carlo job, drills, operations and reports, by every endpoint, with B's real ids and with guessed
 * ones; the regulator gets sector aggregates only, never a member's register; the hub (which supports members in
 * an incident) reads a member's data by name but cannot upload for it; resilience:write submits and reads, but
 * cannot upload a register.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResilienceTenantIsolationIntegrationTests {

    /** Strings only B's data contains: an element id of its register and its service's owner. */
    private static final List<String> B_SECRETS = List.of("db-kaohsiung", "Head of Operations", "taiwan-mobile");

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    JdbcClient jdbc;

    ResilienceHttp http;
    InstitutionId a;
    InstitutionId b;
    String bAdmin;
    String bOperation;
    String bJob;
    String bDrill;
    final Map<TokenScope, String> aTokens = new EnumMap<>(TokenScope.class);

    @BeforeAll
    void twoMembers() {
        http = new ResilienceHttp(port);
        a = sector.institution("res-iso-a", InstitutionKind.BANK);
        b = sector.institution("res-iso-b", InstitutionKind.BANK);
        bAdmin = sector.token(b, TokenScope.ADMIN);
        for (TokenScope scope : TokenScope.values()) {
            aTokens.put(scope, sector.token(a, scope));
        }
        assertThat(http.yaml(aTokens.get(TokenScope.ADMIN), "PUT", "/api/v1/resilience/register",
                ResilienceFixtures.demoBank(a)).status()).isEqualTo(201);
        assertThat(http.yaml(bAdmin, "PUT", "/api/v1/resilience/register",
                ResilienceFixtures.demo("harbour-city-bank", b)).status()).isEqualTo(201);
        bOperation = http.json(bAdmin, "POST", "/api/v1/resilience/operations",
                Map.of("kind", "INCIDENT", "title", "Kaohsiung outage", "scenario", "lost:dc-kaohsiung")).json()
                .get("id").asString();
        bJob = http.json(bAdmin, "POST", "/api/v1/resilience/monte-carlo", Map.of("trials", 100)).json().get("id")
                .asString();
        bDrill = UUID.randomUUID().toString();
        jdbc.sql("""
                insert into resilience_drill (id, institution_id, evidence, service_ids, outcome, recovery_ms,
                    signer_fingerprint, verified, received_at, submitted_by)
                values (cast(:id as uuid), :i, '{"note":"db-kaohsiung"}', :s, 'PASSED', 60000, :fp, true, :at, 'test')
                """).param("id", bDrill).param("i", b.value()).param("s", new String[]{"retail-payments"})
                .param("fp", "0".repeat(64)).param("at", Timestamp.from(Instant.now())).update();
    }

    /** Every way to reach B's data, with B's real ids. */
    private List<String[]> probes(String operation, String job, String drill) {
        String q = "?institution=" + b.value();
        List<String[]> p = new ArrayList<>();
        p.add(new String[]{"GET", "/api/v1/resilience/register" + q, null});
        p.add(new String[]{"GET", "/api/v1/resilience/register" + q + "&version=1&format=json", null});
        p.add(new String[]{"GET", "/api/v1/resilience/register/versions" + q, null});
        p.add(new String[]{"GET", "/api/v1/resilience/analysis" + q, null});
        p.add(new String[]{"POST", "/api/v1/resilience/scenarios" + q, "{\"kind\":\"lost\",\"elements\":[\"db-kaohsiung\"]}"});
        p.add(new String[]{"POST", "/api/v1/resilience/monte-carlo" + q, "{\"trials\":10}"});
        p.add(new String[]{"GET", "/api/v1/resilience/monte-carlo/" + job, null});
        p.add(new String[]{"GET", "/api/v1/resilience/drills" + q, null});
        p.add(new String[]{"GET", "/api/v1/resilience/drills/" + drill, null});
        p.add(new String[]{"GET", "/api/v1/resilience/drills/" + drill + "/evidence", null});
        p.add(new String[]{"GET", "/api/v1/resilience/operations" + q, null});
        p.add(new String[]{"GET", "/api/v1/resilience/operations/" + operation, null});
        p.add(new String[]{"PUT", "/api/v1/resilience/operations/" + operation + "/steps/dc-kaohsiung", "{\"done\":true}"});
        p.add(new String[]{"PUT", "/api/v1/resilience/operations/" + operation + "/status",
                "{\"service\":\"retail-payments\",\"location\":\"dc-kaohsiung\",\"up\":true}"});
        p.add(new String[]{"PUT", "/api/v1/resilience/operations/" + operation + "/assignees/retail-payments",
                "{\"assignee\":\"Mallory\"}"});
        p.add(new String[]{"POST", "/api/v1/resilience/operations/" + operation + "/notes", "{\"text\":\"owned\"}"});
        p.add(new String[]{"POST", "/api/v1/resilience/operations/" + operation + "/close", null});
        p.add(new String[]{"GET", "/api/v1/resilience/reports/institution" + q, null});
        p.add(new String[]{"GET", "/api/v1/resilience/reports/institution" + q + "&format=html", null});
        return p;
    }

    @Test
    void noTokenOfMemberAReachesMemberBsResilienceData() {
        List<String> leaks = new ArrayList<>();
        for (var token : aTokens.entrySet()) {
            for (String[] probe : probes(bOperation, bJob, bDrill)) {
                var answer = http.call(token.getValue(), probe[0], probe[1], probe[2] == null ? null : "application/json",
                        probe[2]);
                boolean refused = answer.status() == 403 || answer.status() == 404;
                if (!refused || B_SECRETS.stream().anyMatch(answer.body()::contains)) {
                    leaks.add(token.getKey().code() + " " + probe[0] + " " + probe[1] + " -> " + answer.status());
                }
            }
        }
        assertThat(leaks).isEmpty();
        // Nothing changed on B's operation.
        var op = http.get(bAdmin, "/api/v1/resilience/operations/" + bOperation).json();
        assertThat(op.get("open").asBoolean()).isTrue();
        assertThat(op.get("doneSteps").size()).isZero();
        assertThat(op.get("notes").size()).isZero();
        assertThat(op.toString()).doesNotContain("Mallory");
    }

    @Test
    void anotherMembersRealIdAnswersExactlyLikeAGuessedOne() {
        String reader = aTokens.get(TokenScope.READ);
        for (String path : List.of("/api/v1/resilience/operations/%s", "/api/v1/resilience/drills/%s",
                "/api/v1/resilience/monte-carlo/%s")) {
            var real = http.get(reader, path.formatted(path.contains("operations") ? bOperation
                    : path.contains("drills") ? bDrill : bJob));
            var guessed = http.get(reader, path.formatted(UUID.randomUUID()));
            assertThat(real.status()).isEqualTo(404).isEqualTo(guessed.status());
            assertThat(real.json().get("title").asString()).isEqualTo(guessed.json().get("title").asString());
        }
    }

    @Test
    void memberAsOwnDataAnswersItsOwnTokens() {
        String reader = aTokens.get(TokenScope.READ);
        assertThat(http.get(reader, "/api/v1/resilience/register").status()).isEqualTo(200);
        assertThat(http.get(reader, "/api/v1/resilience/analysis").body()).contains("hinet").doesNotContain("db-kaohsiung");
        assertThat(http.get(aTokens.get(TokenScope.RESILIENCE_WRITE), "/api/v1/resilience/analysis").status()).isEqualTo(200);
        assertThat(http.get(aTokens.get(TokenScope.RESILIENCE_WRITE), "/api/v1/resilience/drills").status()).isEqualTo(200);
    }

    @Test
    void resilienceWriteAndReadTokensCannotUploadARegister() {
        for (TokenScope scope : List.of(TokenScope.RESILIENCE_WRITE, TokenScope.READ, TokenScope.VAULT_WRITE)) {
            var answer = http.yaml(aTokens.get(scope), "PUT", "/api/v1/resilience/register", ResilienceFixtures.demoBank(a));
            assertThat(answer.status()).as(scope.code()).isEqualTo(403);
        }
        var op = http.json(aTokens.get(TokenScope.RESILIENCE_WRITE), "POST", "/api/v1/resilience/operations",
                Map.of("kind", "DRILL", "title", "Not allowed", "scenario", "lost:hinet"));
        assertThat(op.status()).isEqualTo(403);
    }

    @Test
    void theRegulatorSeesAggregatesButNoMembersRegister() {
        for (String token : List.of(sector.token(InstitutionId.REGULATOR, TokenScope.ADMIN),
                sector.token(InstitutionId.REGULATOR, TokenScope.READ))) {
            var concentration = http.get(token, "/api/v1/resilience/sector/concentration");
            assertThat(concentration.status()).as(concentration.body()).isEqualTo(200);
            var hinet = concentration.json().valueStream().filter(r -> r.get("key").asString().equals("carrier:hinet"))
                    .findFirst().orElseThrow();
            assertThat(hinet.get("institutions").toString()).contains(a.value(), b.value());
            assertThat(hinet.get("institutionsBreached").toString()).contains(a.value());
            var overview = http.get(token, "/api/v1/resilience/sector/overview");
            assertThat(overview.status()).isEqualTo(200);
            var bRow = overview.json().valueStream().filter(r -> r.get("institution").asString().equals(b.value()))
                    .findFirst().orElseThrow();
            assertThat(bRow.get("drills").asInt()).isEqualTo(1);
            assertThat(bRow.get("services").asInt()).isEqualTo(2);
            assertThat(http.get(token, "/api/v1/resilience/reports/sector?format=json").status()).isEqualTo(200);
            assertThat(http.get(token, "/api/v1/resilience/reports/sector?format=html").body()).contains(b.value());

            for (String[] probe : probes(bOperation, bJob, bDrill)) {
                var answer = http.call(token, probe[0], probe[1], probe[2] == null ? null : "application/json", probe[2]);
                assertThat(answer.status()).as(probe[0] + " " + probe[1]).isIn(403, 404);
                assertThat(answer.body()).doesNotContain("db-kaohsiung");
            }
        }
    }

    @Test
    void theHubReadsAMembersRegisterByNameButCannotChangeIt() {
        String hub = sector.token(InstitutionId.HUB, TokenScope.ADMIN);
        assertThat(http.get(hub, "/api/v1/resilience/sector/concentration").status()).isEqualTo(200);
        assertThat(http.get(hub, "/api/v1/resilience/analysis?institution=" + b.value()).body()).contains("db-kaohsiung");
        assertThat(http.get(hub, "/api/v1/resilience/analysis").status()).as("names the institution").isEqualTo(400);
        assertThat(http.yaml(hub, "PUT", "/api/v1/resilience/register", ResilienceFixtures.demo("harbour-city-bank", b))
                .status()).isEqualTo(403);
        assertThat(http.get(bAdmin, "/api/v1/resilience/register/versions").json().size()).isEqualTo(1);
    }

    @Test
    void membersCannotReadTheSectorAggregates() {
        for (var token : aTokens.values()) {
            assertThat(http.get(token, "/api/v1/resilience/sector/concentration").status()).isEqualTo(403);
            assertThat(http.get(token, "/api/v1/resilience/sector/overview").status()).isEqualTo(403);
            assertThat(http.get(token, "/api/v1/resilience/reports/sector").status()).isEqualTo(403);
        }
    }
}
