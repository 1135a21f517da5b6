package org.finres.detection;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.finres.core.Actor;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.TokenScope;
import org.finres.detection.internal.AlertHit;
import org.finres.detection.internal.AlertWriter;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attacker is institution A with every token scope it can hold; the target is institution B's alerts, rules and
 * the hub's indicators and sector alerts. Every attempt must be refused (403 or 404, a problem document), change
 * nothing, and leave an {@code access.denied} record naming the attacker.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DetectionTenantIsolationIntegrationTests {

    private static final Actor.SystemProcess SETUP = new Actor.SystemProcess("test-setup");

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AlertWriter writer;
    @Autowired
    RuleCatalogue catalogue;
    @Autowired
    Indicators indicators;

    final HttpClient http = HttpClient.newHttpClient();

    InstitutionId a;
    InstitutionId b;
    long alertOfB;
    long sectorAlertWithoutA;
    UUID ruleOfB;
    long indicator;
    long rulesBefore;
    List<Attacker> attackers;

    record Attacker(String label, String secret, String auditName) {
        @Override
        public String toString() {
            return label;
        }
    }

    record Attempt(String label, String method, String path, String contentType, String body) {
        @Override
        public String toString() {
            return label;
        }
    }

    @BeforeAll
    void setUp() {
        a = sector.institution("det-attacker", InstitutionKind.BANK);
        b = sector.institution("det-victim", InstitutionKind.INSURANCE);
        Instant now = Instant.now();
        String key = "isolation-" + UUID.randomUUID();
        writer.write(List.of(new AlertHit(AlertKind.DETECTION, b, key, "Victim's alert", null, "high", "host-1",
                Map.of(), now, List.of(), null)));
        alertOfB = jdbc.sql("select id from detection_alert where rule_key = :k").param("k", key).query(Long.class).single();
        sectorAlertWithoutA = writer.writeSector(new AlertHit(AlertKind.SECTOR, InstitutionId.HUB, key + "-sector",
                "Sector alert of others", null, "high", "src_ip=192.0.2.1", Map.of("src_ip", "192.0.2.1"), now,
                List.of(), null), null, b);
        String ruleId = UUID.randomUUID().toString();
        catalogue.importFiles(SETUP, RuleScope.INSTITUTION, b, List.of(new RuleFile("victim.yml", """
                title: Victim's own rule
                id: %s
                logsource: {product: ocsf}
                detection:
                  selection: {class_uid: 4001}
                  condition: selection
                level: low
                """.formatted(ruleId))), "test");
        ruleOfB = jdbc.sql("select id from detection_rule where rule_key = :k").param("k", ruleId).query(UUID.class).single();
        indicators.upload(SETUP, "domain,isolation-" + System.nanoTime() + ".example\n", "csv", "test");
        indicator = jdbc.sql("select max(id) from indicator").query(Long.class).single();
        rulesBefore = jdbc.sql("select count(*) from detection_rule").query(Long.class).single();
        attackers = new ArrayList<>();
        for (TokenScope scope : TokenScope.values()) {
            String secret = sector.token(a, scope);
            attackers.add(new Attacker("token " + scope.code(), secret, "token:" + secret.substring(4, 20)));
        }
    }

    Stream<Arguments> matrix() {
        String rule = "title: Rogue\nid: " + UUID.randomUUID() + "\nlogsource: {product: ocsf}\ndetection:\n"
                + "  selection: {class_uid: 1}\n  condition: selection\n";
        String sectorRule = "title: Rogue sector\nid: " + UUID.randomUUID() + "\nlogsource: {product: finres, service: alerts}\n"
                + "detection:\n  selection: {rule_id|exists: true}\n  condition: selection\n";
        List<Attempt> attempts = List.of(
                new Attempt("read B's alert", "GET", "/api/v1/alerts/" + alertOfB, null, null),
                new Attempt("acknowledge B's alert", "POST", "/api/v1/alerts/" + alertOfB + "/acknowledge", "application/json", ""),
                new Attempt("close B's alert", "POST", "/api/v1/alerts/" + alertOfB + "/close", "application/json",
                        "{\"reason\":\"false-positive\"}"),
                new Attempt("list B's alerts", "GET", "/api/v1/alerts?institution=" + b, null, null),
                new Attempt("read a sector alert A is not part of", "GET", "/api/v1/alerts/" + sectorAlertWithoutA, null, null),
                new Attempt("close a sector alert", "POST", "/api/v1/alerts/" + sectorAlertWithoutA + "/close",
                        "application/json", "{\"reason\":\"benign\"}"),
                new Attempt("list B's rules", "GET", "/api/v1/detection/rules?institution=" + b, null, null),
                new Attempt("read B's rule", "GET", "/api/v1/detection/rules/" + ruleOfB, null, null),
                new Attempt("read B's rule versions", "GET", "/api/v1/detection/rules/" + ruleOfB + "/versions", null, null),
                new Attempt("disable B's rule", "POST", "/api/v1/detection/rules/" + ruleOfB + "/disable", "application/json", ""),
                new Attempt("upload a rule for B", "POST", "/api/v1/detection/rules?scope=institution&institution=" + b,
                        "application/yaml", rule),
                new Attempt("upload a hub rule", "POST", "/api/v1/detection/rules?scope=hub", "application/yaml", rule),
                new Attempt("upload a sector rule", "POST", "/api/v1/detection/rules?scope=sector", "application/yaml", sectorRule),
                new Attempt("list indicators", "GET", "/api/v1/indicators", null, null),
                new Attempt("upload indicators", "POST", "/api/v1/indicators", "text/csv", "ipv4,192.0.2.99\n"),
                new Attempt("retire an indicator", "DELETE", "/api/v1/indicators/" + indicator, null, null));
        return attackers.stream().flatMap(attacker -> attempts.stream().map(attempt -> Arguments.of(attacker, attempt)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("matrix")
    void institutionCannotReachAnotherInstitutionsDetectionData(Attacker attacker, Attempt attempt) throws Exception {
        long deniedBefore = deniedCount(attacker);

        HttpResponse<String> response = send(attacker.secret(), attempt);

        assertThat(response.statusCode()).as(response.body()).isIn(403, 404);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().contains("problem+json");
        assertThat(response.body()).doesNotContain("Victim's alert").doesNotContain("Sector alert of others");
        assertThat(deniedCount(attacker)).as("access.denied recorded").isEqualTo(deniedBefore + 1);
        assertVictimUntouched();
    }

    @Test
    void listingsShowOnlyTheCallersOwnAlertsAndRules() throws Exception {
        for (Attacker attacker : attackers) {
            HttpResponse<String> alerts = send(attacker.secret(), new Attempt("", "GET", "/api/v1/alerts?limit=500", null, null));
            if (alerts.statusCode() == 200) {
                assertThat(alerts.body()).doesNotContain("Victim's alert").doesNotContain("Sector alert of others");
            }
            HttpResponse<String> rules = send(attacker.secret(), new Attempt("", "GET", "/api/v1/detection/rules", null, null));
            if (rules.statusCode() == 200) {
                assertThat(rules.body()).doesNotContain("Victim's own rule");
            }
        }
    }

    private void assertVictimUntouched() {
        assertThat(jdbc.sql("select status from detection_alert where id = :id").param("id", alertOfB)
                .query(String.class).single()).isEqualTo("new");
        assertThat(jdbc.sql("select status from detection_alert where id = :id").param("id", sectorAlertWithoutA)
                .query(String.class).single()).isEqualTo("new");
        assertThat(jdbc.sql("select enabled from detection_rule where id = :id").param("id", ruleOfB)
                .query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("select active from indicator where id = :id").param("id", indicator)
                .query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("select count(*) from detection_rule").query(Long.class).single()).isEqualTo(rulesBefore);
        assertThat(jdbc.sql("select count(*) from indicator where value = '192.0.2.99'").query(Long.class).single()).isZero();
    }

    private long deniedCount(Attacker attacker) {
        return jdbc.sql("select count(*) from audit_log where action = 'access.denied' and actor = :actor")
                .param("actor", attacker.auditName()).query(Long.class).single();
    }

    private HttpResponse<String> send(String secret, Attempt attempt) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + attempt.path()))
                .header("Authorization", "Bearer " + secret)
                .method(attempt.method(), attempt.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(attempt.body()));
        if (attempt.contentType() != null) {
            request.header("Content-Type", attempt.contentType());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
