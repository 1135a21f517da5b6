package org.finres.attack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.finres.core.Actor;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Role;
import org.finres.core.TokenScope;
import org.finres.detection.RuleCatalogue;
import org.finres.detection.RuleScope;
import org.finres.testing.HubHttp;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.finres.testing.WebVisitor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ATT&CK catalogue on the real hub: a bundle shaped like MITRE's imported over the API, techniques named on the
 * alerts of tagged rules (in the API, the OCSF finding and the pages), and who may import and read it.
 */
@HubIntegrationTest
class AttackIntegrationTests {

    private static final AtomicInteger ADDRESSES = new AtomicInteger(150);
    private static final Actor.SystemProcess SETUP = new Actor.SystemProcess("test-setup");

    /**
     * A slice of an enterprise matrix written for this test: the technique the demo's denied-RDP rule is tagged with
     * (T1133), a technique with a sub-technique, and a revoked copy of an id.
     */
    static final String BUNDLE = """
            {"type":"bundle","id":"bundle--5d0c0e36-3f5e-4c0b-9d0e-8c1a1b2c3d01","objects":[
             {"type":"x-mitre-collection","spec_version":"2.1","id":"x-mitre-collection--5d0c0e36-3f5e-4c0b-9d0e-8c1a1b2c3d02",
              "created":"2018-01-17T12:56:55.080Z","modified":"2025-10-28T14:00:00.000Z","name":"Enterprise ATT&CK",
              "x_mitre_version":"16.1","x_mitre_contents":[]},
             {"type":"x-mitre-tactic","spec_version":"2.1","id":"x-mitre-tactic--5d0c0e36-3f5e-4c0b-9d0e-8c1a1b2c3d03",
              "created":"2018-10-17T00:14:20.652Z","modified":"2025-10-28T14:00:00.000Z","name":"Initial Access",
              "x_mitre_shortname":"initial-access",
              "external_references":[{"source_name":"mitre-attack","external_id":"TA0001","url":"https://attack.mitre.org/tactics/TA0001"}]},
             {"type":"x-mitre-tactic","spec_version":"2.1","id":"x-mitre-tactic--5d0c0e36-3f5e-4c0b-9d0e-8c1a1b2c3d04",
              "created":"2018-10-17T00:14:20.652Z","modified":"2025-10-28T14:00:00.000Z","name":"Persistence",
              "x_mitre_shortname":"persistence",
              "external_references":[{"source_name":"mitre-attack","external_id":"TA0003"}]},
             {"type":"x-mitre-tactic","spec_version":"2.1","id":"x-mitre-tactic--5d0c0e36-3f5e-4c0b-9d0e-8c1a1b2c3d05",
              "created":"2018-10-17T00:14:20.652Z","modified":"2025-10-28T14:00:00.000Z","name":"Execution",
              "x_mitre_shortname":"execution",
              "external_references":[{"source_name":"mitre-attack","external_id":"TA0002"}]},
             {"type":"attack-pattern","spec_version":"2.1","id":"attack-pattern--5d0c0e36-3f5e-4c0b-9d0e-8c1a1b2c3d06",
              "created":"2017-05-31T21:31:44.421Z","modified":"2025-04-15T19:58:14.511Z","name":"External Remote Services",
              "kill_chain_phases":[{"kill_chain_name":"mitre-attack","phase_name":"persistence"},
                                   {"kill_chain_name":"mitre-attack","phase_name":"initial-access"}],
              "external_references":[{"source_name":"mitre-attack","external_id":"T1133","url":"https://attack.mitre.org/techniques/T1133"}]},
             {"type":"attack-pattern","spec_version":"2.1","id":"attack-pattern--5d0c0e36-3f5e-4c0b-9d0e-8c1a1b2c3d07",
              "created":"2017-05-31T21:31:44.421Z","modified":"2025-04-15T19:58:14.511Z","name":"Command and Scripting Interpreter",
              "kill_chain_phases":[{"kill_chain_name":"mitre-attack","phase_name":"execution"}],
              "external_references":[{"source_name":"mitre-attack","external_id":"T1059","url":"https://attack.mitre.org/techniques/T1059"}]},
             {"type":"attack-pattern","spec_version":"2.1","id":"attack-pattern--5d0c0e36-3f5e-4c0b-9d0e-8c1a1b2c3d08",
              "created":"2020-03-09T13:48:55.078Z","modified":"2025-04-15T19:58:14.511Z","name":"PowerShell",
              "x_mitre_is_subtechnique":true,
              "kill_chain_phases":[{"kill_chain_name":"mitre-attack","phase_name":"execution"}],
              "external_references":[{"source_name":"mitre-attack","external_id":"T1059.001","url":"https://attack.mitre.org/techniques/T1059/001"}]},
             {"type":"attack-pattern","spec_version":"2.1","id":"attack-pattern--5d0c0e36-3f5e-4c0b-9d0e-8c1a1b2c3d09",
              "created":"2017-05-31T21:31:44.421Z","modified":"2020-03-09T13:48:55.078Z","name":"PowerShell","revoked":true,
              "external_references":[{"source_name":"mitre-attack","external_id":"T1086"}]}
            ]}""";

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    RuleCatalogue catalogue;

    final HttpClient http = HttpClient.newHttpClient();

    private HubHttp hub() {
        return new HubHttp(http, port);
    }
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void demoRulesAndCatalogue() throws Exception {
        catalogue.importShippedPack(SETUP, "demo", RuleScope.HUB);
        HttpResponse<String> imported = post(sector.token(InstitutionId.HUB, TokenScope.ADMIN),
                "/api/v1/attack/catalogue", "application/json", BUNDLE);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
    }

    @Test
    void anImportedBundleNamesTechniquesAndSubTechniquesOverTheApi() throws Exception {
        String analyst = sector.token(sector.institution("reader", InstitutionKind.BANK), TokenScope.READ);

        JsonNode imports = json.readTree(get(analyst, "/api/v1/attack/catalogue").body());
        assertThat(imports.get(0).get("collections").get(0).stringValue()).isEqualTo("Enterprise ATT&CK 16.1");
        assertThat(imports.get(0).get("techniques").asInt()).as("T1086's revoked copy is kept, flagged").isEqualTo(4);
        assertThat(imports.get(0).get("tactics").asInt()).isEqualTo(3);

        JsonNode found = json.readTree(get(analyst, "/api/v1/attack/techniques?q=powershell").body());
        assertThat(found).as("revoked techniques are left out unless asked for").hasSize(1);
        assertThat(found.get(0).get("id").stringValue()).isEqualTo("T1059.001");
        assertThat(found.get(0).get("displayName").stringValue()).isEqualTo("Command and Scripting Interpreter: PowerShell");
        assertThat(found.get(0).get("tactics").get(0).stringValue()).isEqualTo("Execution");
        assertThat(json.readTree(get(analyst, "/api/v1/attack/techniques?q=powershell&includeRetired=true").body()))
                .hasSize(2);

        JsonNode remote = json.readTree(get(analyst, "/api/v1/attack/techniques/t1133").body());
        assertThat(remote.get("name").stringValue()).isEqualTo("External Remote Services");
        assertThat(remote.get("tactics")).extracting(JsonNode::stringValue).containsExactly("Persistence", "Initial Access");
        assertThat(remote.get("url").stringValue()).isEqualTo("https://attack.mitre.org/techniques/T1133");

        HttpResponse<String> malformed = get(analyst, "/api/v1/attack/techniques/T12");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("is not an ATT&CK technique id");
        assertThat(get(analyst, "/api/v1/attack/techniques/T9999").statusCode()).isEqualTo(404);
    }

    @Test
    void alertsOfATaggedRuleNameTheirTechniqueInTheApiAndTheOcsfFinding() throws Exception {
        InstitutionId bank = sector.institution("rdp-attack", InstitutionKind.BANK);
        String attacker = "203.0.113." + ADDRESSES.incrementAndGet();
        HttpResponse<String> sent = send(sector.token(bank, TokenScope.EVENTS_WRITE),
                "CEF:0|Fortinet|FortiGate|7.2.5|13|traffic denied|8|rt=" + Instant.now().toEpochMilli() + " src="
                        + attacker + " spt=51337 dst=10.24.1.9 dpt=3389 proto=6 act=deny msg=denied by policy 12");
        assertThat(sent.statusCode()).isEqualTo(202);
        String reader = sector.token(bank, TokenScope.READ);

        JsonNode alert = awaitAlert(reader, "kind=detection&text=" + attacker);
        assertThat(alert.get("title").stringValue()).isEqualTo("Denied RDP from a public address");
        assertThat(alert.get("techniques")).hasSize(1);
        assertThat(alert.get("techniques").get(0).get("id").stringValue()).isEqualTo("T1133");
        assertThat(alert.get("techniques").get(0).get("name").stringValue()).isEqualTo("External Remote Services");

        JsonNode doc = json.readTree(get(reader, "/api/v1/alerts/" + alert.get("id").asLong()).body());
        JsonNode attack = doc.get("finding").get("finding_info").get("attacks").get(0);
        assertThat(attack.get("technique").get("uid").stringValue()).isEqualTo("T1133");
        assertThat(attack.get("technique").get("name").stringValue()).isEqualTo("External Remote Services");
        assertThat(attack.get("tactics")).extracting(t -> t.get("name").stringValue())
                .containsExactly("Persistence", "Initial Access");

        WebVisitor zh = visitor("zh-TW", bank, Role.INSTITUTION_ANALYST);
        String page = zh.get("/alerts/" + alert.get("id").asLong()).body();
        assertThat(page).contains("ATT&amp;CK 攻擊技術").contains("data-id=\"T1133\"").contains("External Remote Services");
        assertThat(zh.get("/alerts?kind=detection&text=" + attacker).body()).contains("title=\"External Remote Services\"");
    }

    @Test
    void onlyTheHubsDetectionEngineersImportAndARefusedBundleChangesNothing() throws Exception {
        InstitutionId bank = sector.institution("attack-member", InstitutionKind.BANK);
        String memberAdmin = sector.token(bank, TokenScope.ADMIN);
        String noTechniques = """
                {"type":"bundle","id":"bundle--5d0c0e36-3f5e-4c0b-9d0e-8c1a1b2c3d10","objects":[
                 {"type":"x-mitre-tactic","spec_version":"2.1","id":"x-mitre-tactic--5d0c0e36-3f5e-4c0b-9d0e-8c1a1b2c3d11",
                  "created":"2018-10-17T00:14:20.652Z","modified":"2025-10-28T14:00:00.000Z","name":"Impact",
                  "x_mitre_shortname":"impact","external_references":[{"source_name":"mitre-attack","external_id":"TA0040"}]}]}""";

        HttpResponse<String> member = post(memberAdmin, "/api/v1/attack/catalogue", "application/json", noTechniques);
        assertThat(member.statusCode()).as("a member cannot rename the sector's techniques").isEqualTo(403);
        HttpResponse<String> regulator = post(sector.token(InstitutionId.REGULATOR, TokenScope.ADMIN),
                "/api/v1/attack/catalogue", "application/json", BUNDLE);
        assertThat(regulator.statusCode()).isEqualTo(403);
        assertThat(get(sector.token(bank, TokenScope.EVENTS_WRITE), "/api/v1/attack/techniques").statusCode())
                .as("a SOC forwarder's token reads nothing but what it was made for").isEqualTo(403);

        String hubAnalyst = sector.token(InstitutionId.HUB, TokenScope.READ);
        HttpResponse<String> refused = post(hubAnalyst, "/api/v1/attack/catalogue", "application/json", noTechniques);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("holds no ATT&CK technique");
        HttpResponse<String> broken = post(hubAnalyst, "/api/v1/attack/catalogue", "application/json",
                BUNDLE.replace("\"T1059.001\"", "\"T1059.1\""));
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("attack-pattern--5d0c0e36-3f5e-4c0b-9d0e-8c1a1b2c3d08")
                .contains("'T1059.1' is not a technique id");
        assertThat(post(hubAnalyst, "/api/v1/attack/catalogue", "application/json", "{\"type\":\"bundle\"")
                .statusCode()).isEqualTo(400);

        JsonNode still = json.readTree(get(hubAnalyst, "/api/v1/attack/techniques").body());
        assertThat(still).extracting(t -> t.get("id").stringValue()).contains("T1059", "T1059.001", "T1133");
    }

    @Test
    void aSharedIndicatorCitingATechniqueIsShownWithItsNameInTheAnalysis() throws Exception {
        InstitutionId bank = sector.institution("attack-intel", InstitutionKind.BANK);
        String id = "indicator--" + java.util.UUID.randomUUID();
        String indicator = """
                {"type":"indicator","spec_version":"2.1","id":"%s","created":"2026-12-01T00:00:00.000Z",
                 "modified":"2026-12-01T00:00:00.000Z","name":"VPN brute forcer","pattern_type":"stix",
                 "pattern":"[ipv4-addr:value = '100.64.78.%d']","valid_from":"2026-12-01T00:00:00Z",
                 "external_references":[{"source_name":"mitre-attack","external_id":"T1133"},
                                        {"source_name":"mitre-attack","external_id":"T1059.001"},
                                        {"source_name":"capec","external_id":"CAPEC-560"}]}"""
                .formatted(id, ADDRESSES.incrementAndGet() % 250);
        String token = sector.token(bank, TokenScope.INTEL_WRITE);
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/taxii2/sector/collections/sector-green/objects/"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/taxii+json;version=2.1")
                .header("Accept", "application/taxii+json;version=2.1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"objects\":[" + indicator + "]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        HttpResponse<String> analysed = get(token, "/api/v1/intel/indicators/" + id);
        while (analysed.statusCode() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            analysed = get(token, "/api/v1/intel/indicators/" + id);
        }
        assertThat(analysed.statusCode()).as(analysed.body()).isEqualTo(200);
        JsonNode techniques = json.readTree(analysed.body()).get("techniques");
        assertThat(techniques).extracting(t -> t.get("id").stringValue()).containsExactlyInAnyOrder("T1133", "T1059.001");
        assertThat(techniques).extracting(t -> t.path("name").asString(""))
                .contains("External Remote Services", "Command and Scripting Interpreter: PowerShell");
        WebVisitor en = visitor("en", bank, Role.INSTITUTION_ANALYST);
        assertThat(en.get("/intel/analysis").body()).contains("data-testid=\"indicator-techniques\"")
                .contains("T1133 External Remote Services");
    }

    @Test
    void thePageListsTechniquesInBothLanguagesAndOffersTheImportOnlyToTheHub() throws Exception {
        InstitutionId bank = sector.institution("attack-page", InstitutionKind.BANK);
        WebVisitor en = visitor("en", bank, Role.INSTITUTION_ANALYST);
        HttpResponse<String> page = en.get("/attack?q=T1059");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("MITRE ATT&amp;CK techniques")
                .contains("Command and Scripting Interpreter: PowerShell").contains("Enterprise ATT&amp;CK 16.1")
                .doesNotContain("data-testid=\"import-form\"");
        assertThat(en.post("/attack/import", Map.of()).statusCode()).isEqualTo(403);

        WebVisitor zh = visitor("zh-TW", InstitutionId.HUB, Role.HUB_ANALYST);
        String hubPage = zh.get("/attack").body();
        assertThat(hubPage).contains("MITRE ATT&amp;CK 攻擊技術").contains("data-testid=\"import-form\"")
                .contains("data-id=\"T1133\"").contains("企業");
        assertThat(visitor("en", InstitutionId.REGULATOR, Role.REGULATOR).get("/attack").statusCode())
                .isEqualTo(403);
    }

    private JsonNode awaitAlert(String token, String query) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode alerts;
        do {
            alerts = json.readTree(get(token, "/api/v1/alerts?" + query).body()).get("alerts");
            if (!alerts.isEmpty()) {
                return alerts.get(0);
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("no alert for " + query + " within 30 s");
    }

    private WebVisitor visitor(String language, InstitutionId tenant, Role role) throws Exception {
        WebVisitor visitor = new WebVisitor(port, language);
        visitor.login(sector.user(tenant, role).username());
        visitor.post("/language", Map.of("lang", language, "return", "/"));
        return visitor;
    }

    private HttpResponse<String> get(String token, String path) throws Exception {
        return hub().get(token, path);
    }

    private HttpResponse<String> post(String token, String path, String type, String body) throws Exception {
        return hub().post(token, path, type, body);
    }

    private HttpResponse<String> send(String token, String line) throws Exception {
        return post(token, "/api/v1/events", "text/plain", line);
    }
}
