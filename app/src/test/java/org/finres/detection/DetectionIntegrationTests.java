package org.finres.detection;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.finres.core.Actor;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.TokenScope;
import org.finres.testing.HubHttp;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Detection end to end on the real hub: events in over HTTP, rules of the demo pack and the sector pack, alerts,
 * sector alerts, triage and what each tenant may see of them.
 */
@HubIntegrationTest
class DetectionIntegrationTests {

    private static final AtomicInteger ADDRESSES = new AtomicInteger(10);
    private static final Actor.SystemProcess SETUP = new Actor.SystemProcess("test-setup");

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    RuleCatalogue catalogue;
    @Autowired
    Indicators indicators;

    final HttpClient http = HttpClient.newHttpClient();

    private HubHttp hub() {
        return new HubHttp(http, port);
    }
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void demoRules() {
        catalogue.importShippedPack(SETUP, "demo", RuleScope.HUB);
    }

    /** A public address of TEST-NET-3 that no other test uses. */
    static String freshAddress() {
        return "203.0.113." + ADDRESSES.incrementAndGet();
    }

    static String deniedRdp(String src, Instant time) {
        return "CEF:0|Fortinet|FortiGate|7.2.5|13|traffic denied|8|rt=" + time.toEpochMilli() + " src=" + src
                + " spt=51337 dst=10.24.1.9 dpt=3389 proto=6 act=deny msg=denied by policy 12";
    }

    static String failedLogon(String src, Instant time, int n) {
        return "{\"@timestamp\":\"" + time.plusMillis(n) + "\",\"event\":{\"kind\":\"event\",\"category\":[\"authentication\"],"
                + "\"type\":[\"start\"],\"outcome\":\"failure\",\"id\":\"logon-" + src + "-" + n + "-" + System.nanoTime() + "\"},"
                + "\"source\":{\"ip\":\"" + src + "\"},\"user\":{\"name\":\"admin\"},\"host\":{\"name\":\"idp-01\"}}";
    }

    @Test
    void oneAddressAttackingFourInstitutionsRaisesOneSectorAlertThatEachMemberSeesOnlyItsPartOf() throws Exception {
        String attacker = freshAddress();
        List<InstitutionId> banks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            InstitutionId bank = sector.institution("rdp" + i, InstitutionKind.BANK);
            banks.add(bank);
            String writer = sector.token(bank, TokenScope.EVENTS_WRITE);
            Instant now = Instant.now();
            for (int round = 0; round < 3; round++) {
                assertThat(send(writer, deniedRdp(attacker, now.plusMillis(round))).statusCode()).isEqualTo(202);
            }
        }
        String hub = sector.token(InstitutionId.HUB, TokenScope.READ);

        JsonNode sectorAlerts = awaitAlerts(hub, "kind=sector&text=" + attacker, 1);
        assertThat(sectorAlerts).hasSize(1);
        JsonNode alert = sectorAlerts.get(0);
        assertThat(alert.get("title").stringValue()).isEqualTo("Same source address raising alerts at three or more institutions");
        assertThat(alert.get("group").get("src_ip").stringValue()).isEqualTo(attacker);
        long id = alert.get("id").asLong();
        JsonNode full = awaitMembers(hub, id, 4);
        assertThat(full.get("members")).extracting(m -> m.get("institution").stringValue())
                .containsExactlyInAnyOrderElementsOf(banks.stream().map(InstitutionId::value).toList());
        assertThat(full.get("finding").get("class_uid").asInt()).isEqualTo(2004);

        // Each bank has its own alert for the denied RDP (three hits merged into one), and sees only its part.
        for (InstitutionId bank : banks) {
            String reader = sector.token(bank, TokenScope.READ);
            JsonNode own = get(reader, "/api/v1/alerts?text=RDP&kind=detection");
            assertThat(own).allSatisfy(a -> assertThat(a.get("institution").stringValue()).isEqualTo(bank.value()));
            JsonNode part = json.readTree(getRaw(reader, "/api/v1/alerts/" + id).body());
            assertThat(part.get("members")).hasSize(1);
            assertThat(part.get("members").get(0).get("institution").stringValue()).isEqualTo(bank.value());
            assertThat(part.get("alert").get("memberInstitutions").asInt()).isEqualTo(1);
            assertThat(part.get("finding").isNull()).isTrue();
        }

        // More of the same campaign is merged into the same sector alert, never a second one.
        String writer = sector.token(banks.getFirst(), TokenScope.EVENTS_WRITE);
        send(writer, deniedRdp(attacker, Instant.now()));
        Thread.sleep(1_500);
        assertThat(awaitAlerts(hub, "kind=sector&text=" + attacker, 1)).hasSize(1);
    }

    @Test
    void correlationsOfHubRulesNeverAddUpEventsOfDifferentInstitutions() throws Exception {
        String guesser = freshAddress();
        InstitutionId a = sector.institution("guess-a", InstitutionKind.SECURITIES);
        InstitutionId b = sector.institution("guess-b", InstitutionKind.SECURITIES);
        Instant now = Instant.now();
        String writerA = sector.token(a, TokenScope.EVENTS_WRITE);
        String writerB = sector.token(b, TokenScope.EVENTS_WRITE);
        for (int n = 0; n < 3; n++) {
            send(writerA, failedLogon(guesser, now, n));
            send(writerB, failedLogon(guesser, now, n));
        }
        String hub = sector.token(InstitutionId.HUB, TokenScope.READ);
        // Six failures from one address, but three per institution: below the threshold of five at each.
        awaitAlerts(hub, "text=" + guesser + "&kind=detection", 1);
        Thread.sleep(1_000);
        assertThat(get(hub, "/api/v1/alerts?kind=correlation&text=" + guesser)).isEmpty();

        for (int n = 3; n < 6; n++) {
            send(writerA, failedLogon(guesser, now, n));
        }
        JsonNode guessing = awaitAlerts(hub, "kind=correlation&text=" + guesser, 1);
        assertThat(guessing).hasSize(1);
        assertThat(guessing.get(0).get("institution").stringValue()).isEqualTo(a.value());
        assertThat(guessing.get(0).get("title").stringValue()).isEqualTo("Password guessing from one address");
    }

    @Test
    void anIndicatorSightedAtThreeInstitutionsIsOneSectorAlertAndEverySightingIsRecorded() throws Exception {
        String address = "198.51.100." + ADDRESSES.incrementAndGet();
        IndicatorUpload upload = indicators.upload(SETUP, "ipv4," + address + ",test campaign\n", "csv", "test");
        assertThat(upload.added() + upload.reactivated()).isEqualTo(1);
        for (int i = 0; i < 3; i++) {
            InstitutionId member = sector.institution("ioc" + i, InstitutionKind.INSURANCE);
            String writer = sector.token(member, TokenScope.EVENTS_WRITE);
            // A benign allowed connection: only the indicator makes it interesting.
            send(writer, "CEF:0|Fortinet|FortiGate|7.2.5|13|traffic allowed|3|rt=" + Instant.now().toEpochMilli()
                    + " src=10.9.8.7 dst=" + address + " spt=40000 dpt=443 proto=6 act=accept");
        }
        String hub = sector.token(InstitutionId.HUB, TokenScope.READ);
        JsonNode sightingAlerts = awaitAlerts(hub, "kind=indicator&text=" + address, 3);
        assertThat(sightingAlerts).hasSize(3);
        JsonNode sectorAlerts = awaitAlerts(hub, "kind=sector&text=" + address, 1);
        assertThat(sectorAlerts).hasSize(1);
        assertThat(sectorAlerts.get(0).get("title").stringValue()).isEqualTo("Same indicator sighted at three or more institutions");
        awaitMembers(hub, sectorAlerts.get(0).get("id").asLong(), 3);
    }

    @Test
    void triageMovesAnAlertFromNewToAcknowledgedToClosedAndOtherTenantsCannotTouchIt() throws Exception {
        InstitutionId bank = sector.institution("triage", InstitutionKind.BANK);
        InstitutionId other = sector.institution("triage-other", InstitutionKind.BANK);
        String source = freshAddress();
        send(sector.token(bank, TokenScope.EVENTS_WRITE), deniedRdp(source, Instant.now()));
        String admin = sector.token(bank, TokenScope.ADMIN);
        JsonNode alerts = awaitAlerts(admin, "kind=detection&text=RDP", 1);
        // The text filter finds an alert by the address in its evidence, not only by its rule.
        assertThat(get(admin, "/api/v1/alerts?text=" + source)).extracting(a -> a.get("id").asLong())
                .containsExactly(alerts.get(0).get("id").asLong());
        long id = alerts.get(0).get("id").asLong();
        String stranger = sector.token(other, TokenScope.ADMIN);

        assertThat(getRaw(stranger, "/api/v1/alerts/" + id).statusCode()).isEqualTo(404);
        assertThat(post(stranger, "/api/v1/alerts/" + id + "/acknowledge", "").statusCode()).isEqualTo(404);
        assertThat(get(stranger, "/api/v1/alerts?kind=detection")).noneSatisfy(
                a -> assertThat(a.get("id").asLong()).isEqualTo(id));

        HttpResponse<String> ack = post(admin, "/api/v1/alerts/" + id + "/acknowledge", "");
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(json.readTree(ack.body()).get("alert").get("status").stringValue()).isEqualTo("acknowledged");
        assertThat(post(admin, "/api/v1/alerts/" + id + "/acknowledge", "").statusCode()).isEqualTo(409);
        HttpResponse<String> bad = post(admin, "/api/v1/alerts/" + id + "/close", "{\"reason\":\"bored\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("reason");
        HttpResponse<String> closed = post(admin, "/api/v1/alerts/" + id + "/close",
                "{\"reason\":\"false-positive\",\"note\":\"pen test\"}");
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        JsonNode doc = json.readTree(closed.body());
        assertThat(doc.get("alert").get("status").stringValue()).isEqualTo("closed");
        assertThat(doc.get("alert").get("closeReason").stringValue()).isEqualTo("false-positive");
        assertThat(doc.get("closeNote").stringValue()).isEqualTo("pen test");
        assertThat(doc.get("finding").get("status_id").asInt()).isEqualTo(4);
        // The finding is a valid OCSF Detection Finding by our validator (written from the schema in ../shared).
        org.finres.events.OcsfParse parsed = org.finres.events.OcsfJson.read(doc.get("finding").toString());
        assertThat(parsed).isInstanceOf(org.finres.events.OcsfParse.Parsed.class);
        assertThat(((org.finres.events.OcsfParse.Parsed) parsed).event())
                .isInstanceOf(org.finres.events.DetectionFinding.class);
        assertThat(doc.get("evidence")).hasSize(1);
    }

    private JsonNode awaitAlerts(String token, String query, int atLeast) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode alerts;
        do {
            alerts = get(token, "/api/v1/alerts?" + query);
            if (alerts.size() >= atLeast) {
                return alerts;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        return alerts;
    }

    private JsonNode awaitMembers(String token, long id, int members) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode doc;
        do {
            doc = json.readTree(getRaw(token, "/api/v1/alerts/" + id).body());
            if (doc.get("members").size() >= members) {
                return doc;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        return doc;
    }

    private JsonNode get(String token, String path) throws Exception {
        HttpResponse<String> r = getRaw(token, path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body()).get("alerts");
    }

    private HttpResponse<String> getRaw(String token, String path) throws Exception {
        return hub().get(token, path);
    }

    private HttpResponse<String> post(String token, String path, String body) throws Exception {
        return hub().post(token, path, body);
    }

    private HttpResponse<String> send(String token, String line) throws Exception {
        return hub().post(token, "/api/v1/events", "text/plain", line);
    }
}
