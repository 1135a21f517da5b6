package org.finres.intel;

import java.net.http.HttpResponse;
import java.util.List;

import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.TokenScope;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.finres.intel.TaxiiClient.TAXII;
import static org.finres.intel.TaxiiClient.json;
import static org.finres.intel.TaxiiClient.objects;
import static org.finres.intel.TaxiiClient.query;
import static org.finres.intel.TaxiiClient.root;

/**
 * TLP 2.0 isolation, tested as an attacking member would: another institution's token, guessed ids, filters that
 * would name the object, and cursors forged or carried over. RED and AMBER+STRICT objects reach their submitter,
 * their named recipients and the hub only; everywhere else they do not exist (404, never 403).
 */
@HubIntegrationTest
class TaxiiTlpIsolationIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    JdbcClient jdbc;

    InstitutionId submitter;
    InstitutionId recipient;
    InstitutionId outsider;
    TaxiiClient alice;
    TaxiiClient bob;
    TaxiiClient mallory;
    TaxiiClient hub;

    @BeforeEach
    void sector() {
        submitter = sector.institution("tlp-sub", InstitutionKind.BANK);
        recipient = sector.institution("tlp-rcpt", InstitutionKind.SECURITIES);
        outsider = sector.institution("tlp-out", InstitutionKind.INSURANCE);
        alice = new TaxiiClient(port, sector.token(submitter, TokenScope.INTEL_WRITE));
        bob = new TaxiiClient(port, sector.token(recipient, TokenScope.INTEL_WRITE));
        mallory = new TaxiiClient(port, sector.token(outsider, TokenScope.INTEL_WRITE));
        hub = new TaxiiClient(port, sector.token(InstitutionId.HUB, TokenScope.INTEL_WRITE));
    }

    /** Asserts that the caller can find the object nowhere in the collection, by any route. */
    private static void invisible(TaxiiClient caller, String collection, String id) throws Exception {
        String every = query("match[version]", "all", "limit", "1000");
        HttpResponse<String> list = caller.get(objects(collection) + every);
        assertThat(list.body()).doesNotContain(id);
        assertThat(caller.get(objects(collection) + query("match[id]", id, "match[version]", "all")).body()).doesNotContain(id);
        assertThat(caller.get(root() + "collections/" + collection + "/manifest/" + every).body()).doesNotContain(id);
        assertThat(caller.get(root() + "collections/" + collection + "/manifest/" + query("match[id]", id)).body()).doesNotContain(id);
        assertThat(caller.get(objects(collection) + id + "/").statusCode()).isEqualTo(404);
        assertThat(caller.get(objects(collection) + id + "/" + query("match[version]", "all")).statusCode()).isEqualTo(404);
        assertThat(caller.get(objects(collection) + id + "/versions/").statusCode()).isEqualTo(404);
        assertThat(caller.delete(objects(collection) + id + "/").statusCode()).isEqualTo(404);
    }

    private static void visible(TaxiiClient caller, String collection, String id) throws Exception {
        HttpResponse<String> one = caller.get(objects(collection) + id + "/");
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(one.body()).contains(id);
        assertThat(caller.get(objects(collection) + query("match[id]", id)).body()).contains(id);
        assertThat(caller.get(root() + "collections/" + collection + "/manifest/" + query("match[id]", id)).body()).contains(id);
    }

    @Test
    void redObjectsInACommunityCollectionReachOnlyTheirSubmitterAndTheHub() throws Exception {
        String id = StixSamples.newId("indicator");
        alice.postObjects("sector-amber", StixSamples.indicator(id, "2026-01-01T00:00:00.000Z", StixSamples.TLP_RED));
        visible(alice, "sector-amber", id);
        visible(hub, "sector-amber", id);
        invisible(bob, "sector-amber", id);
        invisible(mallory, "sector-amber", id);
        assertThat(jdbc.sql("select count(*) from intel_object where stix_id = :id").param("id", id)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void amberStrictIsHeldLikeRed() throws Exception {
        String id = StixSamples.newId("indicator");
        alice.postObjects("sector-green", StixSamples.indicator(id, "2026-01-01T00:00:00.000Z", StixSamples.TLP_AMBER_STRICT));
        visible(alice, "sector-green", id);
        invisible(mallory, "sector-green", id);
    }

    @Test
    void namedRecipientsSeeRedAndNobodyElseDoes() throws Exception {
        String id = StixSamples.newId("indicator");
        HttpResponse<String> r = alice.post(objects("sector-amber"), TAXII, "{\"x_finres_recipients\":[\"" + recipient.value()
                + "\"],\"objects\":[" + StixSamples.indicator(id, "2026-01-01T00:00:00.000Z", StixSamples.TLP_RED) + "]}");
        assertThat(r.statusCode()).isEqualTo(202);
        visible(bob, "sector-amber", id);
        invisible(mallory, "sector-amber", id);
    }

    @Test
    void tlp1RedAndGranularRedMarkingsAreRedToo() throws Exception {
        String v1 = StixSamples.newId("indicator");
        String granular = StixSamples.newId("indicator");
        String granularJson = StixSamples.indicator(granular, "2026-01-01T00:00:00.000Z", null)
                .replace("\"pattern_type\"", "\"granular_markings\":[{\"marking_ref\":\"" + StixSamples.TLP_RED
                        + "\",\"selectors\":[\"pattern\"]}],\"pattern_type\"");
        JsonNode status = alice.postObjects("sector-green", StixSamples.indicator(v1, "2026-01-01T00:00:00.000Z", StixSamples.TLP1_RED), granularJson);
        assertThat(status.get("success_count").asInt()).as(status.toString()).isEqualTo(2);
        invisible(mallory, "sector-green", v1);
        invisible(mallory, "sector-green", granular);
        visible(alice, "sector-green", granular);
    }

    @Test
    void greenAndAmberReachEveryMemberButOnlyTheSubmitterDeletes() throws Exception {
        String green = StixSamples.newId("indicator");
        String amber = StixSamples.newId("indicator");
        alice.postObjects("sector-green", StixSamples.indicator(green, "2026-01-01T00:00:00.000Z", StixSamples.TLP_GREEN),
                StixSamples.indicator(amber, "2026-01-01T00:00:00.000Z", StixSamples.TLP_AMBER));
        visible(mallory, "sector-green", green);
        visible(mallory, "sector-green", amber);
        assertThat(mallory.delete(objects("sector-green") + green + "/").statusCode()).isEqualTo(403);
        visible(mallory, "sector-green", green);
        assertThat(alice.delete(objects("sector-green") + green + "/").statusCode()).isEqualTo(200);
        invisible(mallory, "sector-green", green);
    }

    @Test
    void anotherInstitutionsInboxDoesNotExistForAnAttacker() throws Exception {
        String inbox = "inbox-" + submitter.value();
        String id = StixSamples.newId("indicator");
        alice.postObjects(inbox, StixSamples.indicator(id, "2026-01-01T00:00:00.000Z", StixSamples.TLP_CLEAR));
        String inboxId = json(alice.get(root() + "collections/" + inbox + "/")).get("id").stringValue();
        for (String c : List.of(inbox, inboxId)) {
            assertThat(mallory.get(root() + "collections/" + c + "/").statusCode()).isEqualTo(404);
            assertThat(mallory.get(objects(c)).statusCode()).isEqualTo(404);
            assertThat(mallory.get(objects(c) + id + "/").statusCode()).isEqualTo(404);
            assertThat(mallory.get(root() + "collections/" + c + "/manifest/").statusCode()).isEqualTo(404);
            assertThat(mallory.post(objects(c), TAXII, "{\"objects\":[" + StixSamples.indicator(null) + "]}").statusCode()).isEqualTo(404);
        }
        assertThat(json(mallory.get(root() + "collections/")).toString()).doesNotContain(inbox).doesNotContain(inboxId);
        // The hub reaches every inbox: it is where it sends each member what concerns that member alone.
        visible(hub, inbox, id);
    }

    @Test
    void aCursorIsBoundToItsCallerCollectionAndFilters() throws Exception {
        String inbox = "inbox-" + submitter.value();
        for (int i = 0; i < 3; i++) {
            alice.postObjects("sector-clear", StixSamples.indicator(StixSamples.TLP_CLEAR));
            alice.postObjects(inbox, StixSamples.indicator(null));
        }
        String next = json(alice.get(objects("sector-clear") + query("limit", "1"))).get("next").stringValue();
        assertThat(alice.get(objects("sector-clear") + query("limit", "1", "next", next)).statusCode()).isEqualTo(200);
        assertThat(mallory.get(objects("sector-clear") + query("limit", "1", "next", next)).statusCode()).isEqualTo(400);
        assertThat(alice.get(objects("sector-green") + query("limit", "1", "next", next)).statusCode()).isEqualTo(400);
        assertThat(alice.get(objects(inbox) + query("limit", "1", "next", next)).statusCode()).isEqualTo(400);
        assertThat(alice.get(objects("sector-clear") + query("limit", "1", "next", next, "match[type]", "indicator"))
                .statusCode()).isEqualTo(400);
        assertThat(alice.get(root() + "collections/sector-clear/manifest/" + query("limit", "1", "next", next)).statusCode())
                .isEqualTo(400);
        char[] tampered = next.toCharArray();
        tampered[3] = tampered[3] == 'A' ? 'B' : 'A';
        assertThat(alice.get(objects("sector-clear") + query("limit", "1", "next", new String(tampered))).statusCode())
                .isEqualTo(400);
    }

    @Test
    void anotherInstitutionsStatusDoesNotExist() throws Exception {
        JsonNode status = alice.postObjects("sector-clear", StixSamples.indicator(StixSamples.TLP_CLEAR));
        String path = root() + "status/" + status.get("id").stringValue() + "/";
        assertThat(alice.get(path).statusCode()).isEqualTo(200);
        assertThat(mallory.get(path).statusCode()).isEqualTo(404);
    }

    @Test
    void membersCannotWriteHubWarningsAndTheHubsWarningsReachEveryone() throws Exception {
        String id = StixSamples.newId("indicator");
        assertThat(mallory.post(objects("hub-warnings"), TAXII, "{\"objects\":[" + StixSamples.indicator(null) + "]}")
                .statusCode()).isEqualTo(403);
        hub.postObjects("hub-warnings", StixSamples.indicator(id, "2026-01-01T00:00:00.000Z", null));
        visible(mallory, "hub-warnings", id);
    }

    @Test
    void readsOfRestrictedObjectsAreAudited() throws Exception {
        String id = StixSamples.newId("indicator");
        alice.postObjects("sector-amber", StixSamples.indicator(id, "2026-01-01T00:00:00.000Z", StixSamples.TLP_RED));
        hub.get(objects("sector-amber") + id + "/");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'restricted.read' and target_type = 'intel_object' "
                + "and details like :id").param("id", "%" + id + "%").query(Long.class).single()).isPositive();
        mallory.get(objects("sector-amber") + id + "/");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'access.denied' and target_id = :id "
                + "and actor_institution = :who").param("id", id).param("who", outsider.value()).query(Long.class).single())
                .isPositive();
    }

    @Test
    void theSubmitterIsKeptButMayBeHidden() throws Exception {
        String id = StixSamples.newId("indicator");
        alice.post(objects("sector-green"), TAXII, "{\"x_finres_hide_submitter\":true,\"objects\":["
                + StixSamples.indicator(id, "2026-01-01T00:00:00.000Z", StixSamples.TLP_GREEN) + "]}");
        assertThat(jdbc.sql("select submitter || ':' || submitter_hidden from intel_object where stix_id = :id")
                .param("id", id).query(String.class).single()).isEqualTo(submitter.value() + ":true");
        HttpResponse<String> seen = mallory.get(objects("sector-green") + id + "/");
        assertThat(seen.body()).doesNotContain(submitter.value());
        assertThat(mallory.get(root() + "collections/sector-green/manifest/" + query("match[id]", id)).body())
                .doesNotContain(submitter.value());
    }
}
