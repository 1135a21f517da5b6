package org.finres.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resilience API end to end on a real hub: a demo bank's register imported as YAML and JSON and exported back
 * unchanged, the hidden single point of failure found by the sweep through the API, every kind of bad register
 * refused with its line and element, scenarios, a Monte-Carlo job polled to the end, and the command view.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResilienceApiIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    JdbcClient jdbc;

    ResilienceHttp http;
    InstitutionId bank;
    String admin;
    String yaml;

    @BeforeAll
    void bankWithRegister() {
        http = new ResilienceHttp(port);
        bank = sector.institution("res-api-bank", InstitutionKind.BANK);
        admin = sector.token(bank, TokenScope.ADMIN);
        yaml = ResilienceFixtures.demoBank(bank);
        var uploaded = http.yaml(admin, "PUT", "/api/v1/resilience/register", yaml);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
    }

    @Test
    void theSweepFindsTheDemoBanksHiddenSinglePointOfFailure() {
        var answer = http.get(admin, "/api/v1/resilience/analysis");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode spofs = answer.json().get("singlePointsOfFailure");
        List<String> hidden = new ArrayList<>();
        spofs.forEach(s -> {
            if (s.get("hidden").asBoolean()) {
                hidden.add(s.get("element").asString());
            }
        });
        assertThat(hidden).containsExactly("hinet");
        JsonNode hinet = spofs.valueStream().filter(s -> s.get("element").asString().equals("hinet")).findFirst()
                .orElseThrow();
        assertThat(hinet.get("defeatedGroups").toString()).contains("payment-app-pair");
        assertThat(hinet.get("breached").toString()).contains("retail-payments").contains("\"downtime\"");
        JsonNode payments = answer.json().get("effectiveRecovery").valueStream()
                .filter(e -> e.get("service").asString().equals("retail-payments")).findFirst().orElseThrow();
        assertThat(payments.get("effectiveRto").asString()).isEqualTo("1d");
        assertThat(payments.get("rtoSetBy").asString()).isEqualTo("hinet");
        assertThat(payments.get("withinTolerance").asBoolean()).isFalse();
        assertThat(answer.json().get("wholeLayers").toString()).contains("loss of every network-carrier");
        assertThat(answer.json().get("worstLossRestoration").get("steps").get(0).get("element").asString())
                .isEqualTo("hinet");
    }

    @Test
    void aRegisterExportsAsUploadedAndImportsAsJsonToo() {
        var asYaml = http.get(admin, "/api/v1/resilience/register?version=1&format=yaml");
        assertThat(asYaml.status()).isEqualTo(200);
        assertThat(asYaml.body()).isEqualTo(yaml);
        assertThat(asYaml.header("Content-Type")).startsWith("application/yaml");

        String json = http.get(admin, "/api/v1/resilience/register?version=1&format=json").body();
        assertThat(json).startsWith("{");
        var second = http.call(admin, "POST", "/api/v1/resilience/register", "application/json", json);
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        int version = second.json().get("version").asInt();
        assertThat(second.json().get("format").asString()).isEqualTo("json");
        assertThat(second.json().get("hiddenSinglePointsOfFailure").asInt()).isEqualTo(1);

        assertThat(http.get(admin, "/api/v1/resilience/register?version=" + version + "&format=json").body()).isEqualTo(json);
        // The JSON reads back as the same register: its YAML export is the writer's form of the same content.
        String yamlOfJson = http.get(admin, "/api/v1/resilience/register?version=" + version + "&format=yaml").body();
        assertThat(http.call(admin, "POST", "/api/v1/resilience/register", "application/yaml", yamlOfJson).status())
                .isEqualTo(201);
        var versions = http.get(admin, "/api/v1/resilience/register/versions").json();
        assertThat(versions.size()).isGreaterThanOrEqualTo(3);
        assertThat(versions.get(0).get("version").asInt()).isGreaterThan(versions.get(1).get("version").asInt());
    }

    @Test
    void aCycleIsRefusedWithItsLineAndElements() {
        JsonNode p = refused(ResilienceFixtures.small(bank, ResilienceFixtures.ONE_SERVICE, """
                  - id: app-a
                    layer: application
                    rto: 1h
                    dependsOn: [app-b]
                  - id: app-b
                    layer: application
                    rto: 1h
                    dependsOn: [app-a]
                """));
        assertThat(p.get("line").asInt()).isGreaterThan(10);
        assertThat(p.get("message").asString()).contains("dependency cycle").contains("app-a").contains("app-b");
    }

    @Test
    void anUnknownNodeIsRefusedNamingIt() {
        JsonNode p = refused(ResilienceFixtures.small(bank, ResilienceFixtures.ONE_SERVICE, """
                  - id: app-a
                    layer: application
                    rto: 1h
                    dependsOn: [payments-db]
                """));
        assertThat(p.get("element").asString()).isEqualTo("app-a");
        assertThat(p.get("line").asInt()).isGreaterThan(10);
        assertThat(p.get("message").asString()).contains("unknown element 'payments-db'");
    }

    @Test
    void negativeAndMissingTimesAreRefusedWithTheirLines() {
        JsonNode negative = refused(ResilienceFixtures.small(bank, ResilienceFixtures.ONE_SERVICE, """
                  - id: app-a
                    layer: application
                    rto: -30m
                """));
        assertThat(negative.get("element").asString()).isEqualTo("app-a");
        assertThat(negative.get("line").asInt()).isEqualTo(13);
        assertThat(negative.get("message").asString()).contains("negative");

        JsonNode missing = refused(ResilienceFixtures.small(bank, ResilienceFixtures.ONE_SERVICE, """
                  - id: app-a
                    layer: application
                """));
        assertThat(missing.get("element").asString()).isEqualTo("app-a");
        assertThat(missing.get("line").asInt()).isEqualTo(11);
        assertThat(missing.get("message").asString()).contains("rto is missing");
    }

    @Test
    void aToleranceShorterThanTheDeclaredRtoIsRefused() {
        JsonNode p = refused(ResilienceFixtures.small(bank, """
                  - id: payments
                    tolerance:
                      maxTolerableDowntime: 1h
                      rto: 2h
                      rpo: 5m
                    dependsOn: [app-a]
                """, """
                  - id: app-a
                    layer: application
                    rto: 1h
                """));
        assertThat(p.get("element").asString()).isEqualTo("payments");
        assertThat(p.get("line").asInt()).isBetween(4, 9);
        assertThat(p.get("message").asString()).contains("shorter than the declared RTO 2h");
    }

    @Test
    void aRegisterOfAnotherInstitutionIsRefused() {
        var answer = http.yaml(admin, "PUT", "/api/v1/resilience/register",
                ResilienceFixtures.demoBank(InstitutionId.of("someone-else")));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("problems").get(0).get("line").asInt()).isEqualTo(5);
        assertThat(answer.json().get("problems").get(0).get("message").asString()).contains("someone-else");
    }

    private JsonNode refused(String register) {
        long before = versionCount();
        var answer = http.yaml(admin, "PUT", "/api/v1/resilience/register", register);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("title").asString()).isEqualTo("Register refused");
        assertThat(versionCount()).isEqualTo(before);
        return answer.json().get("problems").get(0);
    }

    private long versionCount() {
        return jdbc.sql("select count(*) from resilience_register where institution_id = :i").param("i", bank.value())
                .query(Long.class).single();
    }

    @Test
    void scenariosLoseARegionWithASupplierOrALayerToRansomware() {
        var both = http.json(admin, "POST", "/api/v1/resilience/scenarios",
                Map.of("kind", "region-supplier", "region", "cloud-east", "supplier", "core-vendor"));
        assertThat(both.status()).as(both.body()).isEqualTo(200);
        assertThat(both.json().get("result").get("failed").toString()).contains("cloud-east", "core-vendor");
        assertThat(both.json().get("result").get("impacts").toString()).contains("online-banking");

        var ransomware = http.json(admin, "POST", "/api/v1/resilience/scenarios", Map.of("kind", "ransomware", "layer", "data-store"));
        assertThat(ransomware.status()).isEqualTo(200);
        JsonNode payments = ransomware.json().get("result").get("impacts").valueStream()
                .filter(i -> i.get("service").asString().equals("retail-payments")).findFirst().orElseThrow();
        // Replicas are encrypted too: payments wait for a restore from backup (3h, losing the 1m recovery point).
        assertThat(payments.get("downtime").asString()).isEqualTo("3h");
        assertThat(payments.get("dataLoss").asString()).isEqualTo("1m");
        assertThat(ransomware.json().get("result").get("defeatedGroups").toString()).contains("payments-db");

        var unknown = http.json(admin, "POST", "/api/v1/resilience/scenarios",
                Map.of("kind", "region-supplier", "region", "cloud-north", "supplier", "core-vendor"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("detail").asString()).contains("region").contains("cloud-north");
        var notARegion = http.json(admin, "POST", "/api/v1/resilience/scenarios",
                Map.of("kind", "region-supplier", "region", "hinet", "supplier", "core-vendor"));
        assertThat(notARegion.json().get("detail").asString()).contains("is a network-carrier, not a region");
        assertThat(http.json(admin, "POST", "/api/v1/resilience/scenarios", Map.of("kind", "ransomware", "layer", "moon"))
                .json().get("detail").asString()).contains("layer must be one of");
    }

    @Test
    void aMonteCarloRunIsAJobWhoseProgressIsPolled() throws InterruptedException {
        var started = http.json(admin, "POST", "/api/v1/resilience/monte-carlo", Map.of("trials", 5000, "seed", 7));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String location = started.header("Location");
        assertThat(location).startsWith("/api/v1/resilience/monte-carlo/");
        JsonNode job = started.json();
        for (int i = 0; i < 600 && !job.get("state").asString().equals("done"); i++) {
            Thread.sleep(100);
            job = http.get(admin, location).json();
            assertThat(job.get("total").asInt()).isEqualTo(5000);
            assertThat(job.get("done").asInt()).isBetween(0, 5000);
        }
        assertThat(job.get("state").asString()).isEqualTo("done");
        assertThat(job.get("done").asInt()).isEqualTo(5000);
        assertThat(job.get("services").toString()).contains("retail-payments");

        assertThat(http.json(admin, "POST", "/api/v1/resilience/monte-carlo", Map.of("trials", 0)).status()).isEqualTo(400);
    }

    @Test
    void theCommandViewFollowsAnOperationFromOpenToClosed() {
        var opened = http.json(admin, "POST", "/api/v1/resilience/operations",
                Map.of("kind", "DRILL", "title", "Carrier outage drill", "scenario", "lost:hinet"));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String id = opened.json().get("id").asString();
        JsonNode payments = opened.json().get("services").valueStream()
                .filter(s -> s.get("service").asString().equals("retail-payments")).findFirst().orElseThrow();
        assertThat(payments.get("locations").toString()).contains("dc-taipei").contains("\"up\":false");
        assertThat(opened.json().get("nextSteps").get(0).get("element").asString()).isEqualTo("hinet");

        var step = http.json(admin, "PUT", "/api/v1/resilience/operations/" + id + "/steps/hinet", Map.of("done", true));
        assertThat(step.status()).as(step.body()).isEqualTo(200);
        assertThat(step.json().get("doneSteps").toString()).contains("hinet");
        assertThat(step.json().get("nextSteps").toString()).doesNotContain("\"hinet\"");
        var status = http.json(admin, "PUT", "/api/v1/resilience/operations/" + id + "/status",
                Map.of("service", "retail-payments", "location", "dc-taipei", "up", true));
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        var assigned = http.json(admin, "PUT", "/api/v1/resilience/operations/" + id + "/assignees/retail-payments",
                Map.of("assignee", "Chen Mei-ling"));
        assertThat(assigned.body()).contains("Chen Mei-ling");
        assertThat(http.json(admin, "PUT", "/api/v1/resilience/operations/" + id + "/steps/not-a-step",
                Map.of("done", true)).status()).isEqualTo(400);
        assertThat(http.json(admin, "POST", "/api/v1/resilience/operations/" + id + "/notes", Map.of("text", "HiNet NOC called")).status())
                .isEqualTo(200);
        assertThat(http.json(admin, "POST", "/api/v1/resilience/operations/" + id + "/close", null).status()).isEqualTo(200);
        assertThat(http.json(admin, "PUT", "/api/v1/resilience/operations/" + id + "/steps/hinet", Map.of("done", false))
                .status()).isEqualTo(409);
        assertThat(jdbc.sql("select count(*) from audit_log where action like 'resilience.operation.%' and target_id = :id")
                .param("id", id).query(Long.class).single()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void reportsComeAsJsonAndAsAStandaloneHtmlDocument() {
        var json = http.get(admin, "/api/v1/resilience/reports/institution?format=json");
        assertThat(json.status()).as(json.body()).isEqualTo(200);
        assertThat(json.json().get("institution").asString()).isEqualTo(bank.value());
        assertThat(json.json().get("singlePointsOfFailure").toString()).contains("hinet");
        var html = http.get(admin, "/api/v1/resilience/reports/institution?format=html");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.header("Content-Disposition")).contains("attachment").contains(".html");
        assertThat(html.body()).contains("<style>").doesNotContain("<script").contains("hinet");
        assertThat(http.get(admin, "/api/v1/resilience/reports/institution?format=pdf").status()).isEqualTo(400);
    }
}
