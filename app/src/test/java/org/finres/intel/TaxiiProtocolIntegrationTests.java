package org.finres.intel;

import java.net.http.HttpResponse;
import java.util.ArrayList;
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
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.finres.intel.TaxiiClient.STIX;
import static org.finres.intel.TaxiiClient.TAXII;
import static org.finres.intel.TaxiiClient.json;
import static org.finres.intel.TaxiiClient.objects;
import static org.finres.intel.TaxiiClient.query;
import static org.finres.intel.TaxiiClient.root;

/** One test per item of the TAXII 2.1 server checklist (../shared/specs/taxii-2.1.md), over real HTTP. */
@HubIntegrationTest
class TaxiiProtocolIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    InstitutionId bank;
    TaxiiClient member;
    /** Each test writes into its own inbox, so that tests sharing the database do not see each other's objects. */
    String inbox;
    String token;

    @BeforeEach
    void member() {
        bank = sector.institution("taxii", InstitutionKind.BANK);
        token = sector.token(bank, TokenScope.INTEL_WRITE);
        member = new TaxiiClient(port, token);
        inbox = "inbox-" + bank.value();
    }

    private static void assertTaxii(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(TAXII);
    }

    private static void assertError(HttpResponse<String> r, int status) {
        assertTaxii(r, status);
        JsonNode error = json(r);
        assertThat(error.has("title") && error.has("description")).as(r.body()).isTrue();
        assertThat(error.get("title").stringValue()).isNotBlank();
        assertThat(error.get("http_status").stringValue()).isEqualTo(Integer.toString(status));
        assertThat(error.get("description").stringValue()).isNotBlank();
    }

    @Test
    void discoveryNamesTheApiRoot() throws Exception {
        HttpResponse<String> r = member.get("/taxii2/");
        assertTaxii(r, 200);
        JsonNode d = json(r);
        assertThat(d.get("title").stringValue()).isNotBlank();
        assertThat(d.has("description")).isTrue();
        assertThat(d.has("contact")).isTrue();
        assertThat(d.get("default").stringValue()).endsWith(root());
        assertThat(d.get("api_roots").get(0).stringValue()).endsWith(root());
    }

    @Test
    void apiRootListsTaxii21AndTheMaximumContentLength() throws Exception {
        HttpResponse<String> r = member.get(root());
        assertTaxii(r, 200);
        JsonNode a = json(r);
        assertThat(a.get("title").stringValue()).isNotBlank();
        assertThat(a.get("versions").toString()).contains(TAXII);
        assertThat(a.get("max_content_length").asLong()).isPositive();
    }

    @Test
    void collectionsAreTheSectorsHubWarningsAndOnlyTheCallersInbox() throws Exception {
        InstitutionId other = sector.institution("taxii-other", InstitutionKind.INSURANCE);
        HttpResponse<String> r = member.get(root() + "collections/");
        assertTaxii(r, 200);
        List<String> aliases = new ArrayList<>();
        for (JsonNode c : json(r).get("collections")) {
            aliases.add(c.get("alias").stringValue());
            assertThat(c.get("id").stringValue()).isNotBlank();
            assertThat(c.get("title").stringValue()).isNotBlank();
            assertThat(c.has("description")).isTrue();
            assertThat(c.get("media_types").toString()).contains(STIX);
            if (c.get("alias").stringValue().equals("hub-warnings")) {
                assertThat(c.get("can_read").booleanValue()).isTrue();
                assertThat(c.get("can_write").booleanValue()).isFalse();
            } else {
                assertThat(c.get("can_read").booleanValue()).isTrue();
                assertThat(c.get("can_write").booleanValue()).isTrue();
            }
        }
        assertThat(aliases).contains("sector-clear", "sector-green", "sector-amber", "hub-warnings", inbox)
                .doesNotContain("inbox-" + other.value());
    }

    @Test
    void anInstitutionsInboxIsMadeWithIt() {
        InstitutionId created = sector.institution("taxii-new", InstitutionKind.PAYMENT);
        assertThat(jdbc.sql("select alias from intel_collection where kind = 'inbox' and owner = :o")
                .param("o", created.value()).query(String.class).list()).containsExactly("inbox-" + created.value());
    }

    @Test
    void oneCollectionByIdAndByAlias() throws Exception {
        JsonNode byAlias = json(member.get(root() + "collections/sector-green/"));
        HttpResponse<String> byId = member.get(root() + "collections/" + byAlias.get("id").stringValue() + "/");
        assertTaxii(byId, 200);
        assertThat(json(byId).get("alias").stringValue()).isEqualTo("sector-green");
    }

    @Test
    void postAnswers202WithAStatusThatCanBeFetchedAgain() throws Exception {
        String good = StixSamples.indicator(null);
        HttpResponse<String> r = member.post(objects(inbox), TAXII, "{\"objects\":[" + good + ",{\"type\":\"indicator\"},42]}");
        assertTaxii(r, 202);
        JsonNode status = json(r);
        assertThat(status.get("status").stringValue()).isEqualTo("complete");
        assertThat(status.get("total_count").asInt()).isEqualTo(3);
        assertThat(status.get("success_count").asInt()).isEqualTo(1);
        assertThat(status.get("failure_count").asInt()).isEqualTo(2);
        assertThat(status.get("pending_count").asInt()).isZero();
        assertThat(status.get("successes").get(0).get("version").stringValue()).isEqualTo("2026-01-01T00:00:00.000Z");
        assertThat(status.get("failures").get(0).get("message").stringValue()).isNotBlank();
        assertThat(status.has("request_timestamp")).isTrue();

        HttpResponse<String> again = member.get(root() + "status/" + status.get("id").stringValue() + "/");
        assertTaxii(again, 200);
        assertThat(json(again).get("success_count").asInt()).isEqualTo(1);
        assertThat(json(again).get("failures").size()).isEqualTo(2);
    }

    @Test
    void invalidObjectsAreListedWithTheirProblemAndTheRestIsStored() throws Exception {
        String badTime = StixSamples.indicator(StixSamples.newId("indicator"), "yesterday", null);
        JsonNode status = member.postObjects(inbox, badTime, StixSamples.malware(StixSamples.newId("malware"), "2026-02-01T00:00:00.000Z"));
        assertThat(status.get("success_count").asInt()).isEqualTo(1);
        assertThat(status.get("failures").get(0).get("message").stringValue()).contains("modified");
    }

    @Test
    void objectsComeBackInAnEnvelopeByteForByteWithDateAddedHeaders() throws Exception {
        String a = StixSamples.indicator(null);
        String b = "{\"type\":\"x-acme-note\", \"spec_version\":\"2.1\",\n \"id\":\"x-acme-note--" + java.util.UUID.randomUUID()
                + "\",\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"2026-01-01T00:00:00.000Z\",\"x_weird\":[1,2.50,{\"é\":true}]}";
        member.postObjects(inbox, a, b);
        HttpResponse<String> r = member.get(objects(inbox));
        assertTaxii(r, 200);
        assertThat(r.body()).contains(a).contains(b);
        assertThat(json(r).get("more").booleanValue()).isFalse();
        assertThat(r.headers().firstValue("X-TAXII-Date-Added-First")).isPresent();
        assertThat(r.headers().firstValue("X-TAXII-Date-Added-Last").orElseThrow())
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z");
    }

    @Test
    void objectsMayBeAskedForAsStix() throws Exception {
        member.postObjects(inbox, StixSamples.indicator(null));
        HttpResponse<String> r = member.get(objects(inbox), STIX);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(STIX);
    }

    @Test
    void aStixBundleAndALoneObjectMayBePostedAsStix() throws Exception {
        String id = StixSamples.newId("indicator");
        String bundle = "{\"type\":\"bundle\",\"id\":\"bundle--" + java.util.UUID.randomUUID() + "\",\"objects\":["
                + StixSamples.indicator(id, "2026-03-01T00:00:00.000Z", null) + "]}";
        HttpResponse<String> r = member.post(objects(inbox), STIX, bundle);
        assertTaxii(r, 202);
        assertThat(json(r).get("success_count").asInt()).isEqualTo(1);
        HttpResponse<String> lone = member.post(objects(inbox), STIX, StixSamples.malware(StixSamples.newId("malware"), "2026-03-01T00:00:00.000Z"));
        assertThat(json(lone).get("success_count").asInt()).isEqualTo(1);
    }

    @Test
    void perObjectGetDefaultsToTheLastVersionAndSelectsFirstAllAndExactVersions() throws Exception {
        String id = StixSamples.newId("malware");
        member.postObjects(inbox, StixSamples.malware(id, "2026-01-01T00:00:00.000Z"),
                StixSamples.malware(id, "2026-03-01T00:00:00.000Z"), StixSamples.malware(id, "2026-02-01T00:00:00.000Z"));
        String path = objects(inbox) + id + "/";
        assertThat(modifieds(member.get(path))).containsExactly("2026-03-01T00:00:00.000Z");
        assertThat(modifieds(member.get(path + query("match[version]", "first")))).containsExactly("2026-01-01T00:00:00.000Z");
        assertThat(modifieds(member.get(path + query("match[version]", "all"))))
                .containsExactly("2026-01-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z");
        assertThat(modifieds(member.get(path + query("match[version]", "first,last"))))
                .containsExactly("2026-01-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z");
        assertThat(modifieds(member.get(path + query("match[version]", "2026-02-01T00:00:00.000Z"))))
                .containsExactly("2026-02-01T00:00:00.000Z");
    }

    @Test
    void unencodedBracketsInFiltersWork() throws Exception {
        String id = StixSamples.newId("malware");
        member.postObjects(inbox, StixSamples.malware(id, "2026-01-01T00:00:00.000Z"));
        HttpResponse<String> r = member.get(objects(inbox) + "?match[type]=malware");
        assertTaxii(r, 200);
        assertThat(r.body()).contains(id);
    }

    @Test
    void versionsListsEveryVersionInDateAddedOrderAndPages() throws Exception {
        String id = StixSamples.newId("malware");
        member.postObjects(inbox, StixSamples.malware(id, "2026-01-01T00:00:00.000Z"), StixSamples.malware(id, "2026-03-01T00:00:00.000Z"));
        member.postObjects(inbox, StixSamples.malware(id, "2026-02-01T00:00:00.000Z"));
        HttpResponse<String> r = member.get(objects(inbox) + id + "/versions/");
        assertTaxii(r, 200);
        assertThat(json(r).get("versions").toString())
                .isEqualTo("[\"2026-01-01T00:00:00.000Z\",\"2026-03-01T00:00:00.000Z\",\"2026-02-01T00:00:00.000Z\"]");
        assertThat(r.headers().firstValue("X-TAXII-Date-Added-First")).isPresent();
        JsonNode first = json(member.get(objects(inbox) + id + "/versions/" + query("limit", "2")));
        assertThat(first.get("more").booleanValue()).isTrue();
        JsonNode second = json(member.get(objects(inbox) + id + "/versions/" + query("limit", "2", "next", first.get("next").stringValue())));
        assertThat(second.get("versions").toString()).isEqualTo("[\"2026-02-01T00:00:00.000Z\"]");
        assertThat(second.get("more").booleanValue()).isFalse();
    }

    @Test
    void manifestListsIdDateAddedVersionAndMediaType() throws Exception {
        String id = StixSamples.newId("malware");
        member.postObjects(inbox, StixSamples.malware(id, "2026-01-01T00:00:00.000Z"));
        HttpResponse<String> r = member.get(root() + "collections/" + inbox + "/manifest/" + query("match[id]", id));
        assertTaxii(r, 200);
        JsonNode entry = json(r).get("objects").get(0);
        assertThat(entry.get("id").stringValue()).isEqualTo(id);
        assertThat(entry.get("version").stringValue()).isEqualTo("2026-01-01T00:00:00.000Z");
        assertThat(entry.get("media_type").stringValue()).isEqualTo(STIX);
        assertThat(entry.get("date_added").stringValue()).isEqualTo(r.headers().firstValue("X-TAXII-Date-Added-First").orElseThrow());
    }

    @Test
    void deleteRemovesTheSelectedVersionsOnly() throws Exception {
        String id = StixSamples.newId("malware");
        member.postObjects(inbox, StixSamples.malware(id, "2026-01-01T00:00:00.000Z"), StixSamples.malware(id, "2026-02-01T00:00:00.000Z"));
        HttpResponse<String> d = member.delete(objects(inbox) + id + "/" + query("match[version]", "2026-02-01T00:00:00.000Z"));
        assertThat(d.statusCode()).as(d.body()).isEqualTo(200);
        assertThat(modifieds(member.get(objects(inbox) + id + "/"))).containsExactly("2026-01-01T00:00:00.000Z");
        assertThat(member.delete(objects(inbox) + id + "/").statusCode()).isEqualTo(200);
        assertError(member.get(objects(inbox) + id + "/"), 404);
    }

    @Test
    void addedAfterIsExclusiveByDateAdded() throws Exception {
        member.postObjects(inbox, StixSamples.indicator(null));
        HttpResponse<String> first = member.get(objects(inbox));
        String last = first.headers().firstValue("X-TAXII-Date-Added-Last").orElseThrow();
        String later = StixSamples.indicator(null);
        member.postObjects(inbox, later);
        HttpResponse<String> r = member.get(objects(inbox) + query("added_after", last));
        assertThat(TaxiiClient.objectTexts(r.body())).hasSize(1);
        assertThat(r.body()).contains(later);
    }

    @Test
    void aCursorFromAnAddedAfterPageContinuesWithOrWithoutAddedAfterButNotUnderOtherMatchFilters() throws Exception {
        member.postObjects(inbox, StixSamples.indicator(null));
        String mark = member.get(objects(inbox)).headers().firstValue("X-TAXII-Date-Added-Last").orElseThrow();
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = StixSamples.newId("indicator");
            posted.add(id);
            member.postObjects(inbox, StixSamples.indicator(id, "2026-01-01T00:00:00.000Z", null));
        }
        HttpResponse<String> first = member.get(objects(inbox) + query("limit", "2", "added_after", mark));
        String next = json(first).get("next").stringValue();
        assertThat(ids(first)).containsExactlyElementsOf(posted.subList(0, 2));
        assertThat(ids(member.get(objects(inbox) + query("limit", "2", "next", next))))
                .containsExactlyElementsOf(posted.subList(2, 4));
        assertThat(ids(member.get(objects(inbox) + query("limit", "2", "added_after", mark, "next", next))))
                .containsExactlyElementsOf(posted.subList(2, 4));
        assertError(member.get(objects(inbox) + query("limit", "2", "match[type]", "malware", "next", next)), 400);
    }

    @Test
    void matchTypeIdAndSpecVersionFilter() throws Exception {
        String ind = StixSamples.newId("indicator");
        String mal = StixSamples.newId("malware");
        member.postObjects(inbox, StixSamples.indicator(ind, "2026-01-01T00:00:00.000Z", null),
                StixSamples.malware(mal, "2026-01-01T00:00:00.000Z"), StixSamples.ipv4("203.0.113.5"));
        assertThat(ids(member.get(objects(inbox) + query("match[type]", "malware")))).containsExactly(mal);
        assertThat(ids(member.get(objects(inbox) + query("match[type]", "malware,indicator")))).containsExactly(ind, mal);
        assertThat(ids(member.get(objects(inbox) + query("match[id]", ind)))).containsExactly(ind);
        assertThat(ids(member.get(objects(inbox) + query("match[spec_version]", "2.1")))).hasSize(3);
        assertThat(ids(member.get(objects(inbox) + query("match[spec_version]", "2.0")))).isEmpty();
    }

    @Test
    void limitCutsPagesAndNextContinuesWithoutGapsOrRepeats() throws Exception {
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = StixSamples.newId("indicator");
            posted.add(id);
            member.postObjects(inbox, StixSamples.indicator(id, "2026-01-01T00:00:00.000Z", null));
        }
        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            HttpResponse<String> r = member.get(objects(inbox) + (next == null ? query("limit", "3") : query("limit", "3", "next", next)));
            assertTaxii(r, 200);
            JsonNode page = json(r);
            seen.addAll(ids(r));
            next = page.get("more").booleanValue() ? page.get("next").stringValue() : null;
            if (next == null) {
                assertThat(page.has("next")).isFalse();
            }
            pages++;
        } while (next != null);
        assertThat(seen).containsExactlyElementsOf(posted);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void sameIdAndModifiedIsOneVersion() throws Exception {
        String id = StixSamples.newId("malware");
        member.postObjects(inbox, StixSamples.malware(id, "2026-01-01T00:00:00.000Z"));
        JsonNode again = member.postObjects(inbox, StixSamples.malware(id, "2026-01-01T00:00:00.000Z"));
        assertThat(again.get("success_count").asInt()).isEqualTo(1);
        assertThat(json(member.get(objects(inbox) + id + "/versions/")).get("versions").size()).isEqualTo(1);
    }

    @Test
    void aRevokedObjectGetsNoNewerVersion() throws Exception {
        String id = StixSamples.newId("malware");
        String revoked = StixSamples.malware(id, "2026-02-01T00:00:00.000Z").replace("\"is_family\":true", "\"is_family\":true,\"revoked\":true");
        member.postObjects(inbox, StixSamples.malware(id, "2026-01-01T00:00:00.000Z"), revoked);
        JsonNode status = member.postObjects(inbox, StixSamples.malware(id, "2026-03-01T00:00:00.000Z"));
        assertThat(status.get("failure_count").asInt()).isEqualTo(1);
        assertThat(status.get("failures").get(0).get("message").stringValue()).contains("revoked");
        assertThat(member.get(objects(inbox) + id + "/").body()).contains("\"revoked\":true");
    }

    @Test
    void unacceptableAcceptIs406() throws Exception {
        assertError(member.get(root(), "application/json"), 406);
        assertError(member.get(root(), "application/taxii+json;version=2.0"), 406);
        assertError(member.get(root() + "collections/", STIX), 406);
        assertTaxii(member.get(root(), "application/taxii+json"), 200);
        assertTaxii(member.get(root(), "*/*"), 200);
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        assertError(member.post(objects(inbox), "application/json", "{\"objects\":[]}"), 415);
        assertError(member.post(objects(inbox), null, "{\"objects\":[]}"), 415);
        assertError(member.post(objects(inbox), "application/taxii+json;version=2.0", "{\"objects\":[]}"), 415);
    }

    @Test
    void aBodyOverMaxContentLengthIs413() throws Exception {
        long max = json(member.get(root())).get("max_content_length").asLong();
        String padding = "x".repeat((int) max);
        assertError(member.post(objects(inbox), TAXII, "{\"objects\":[],\"pad\":\"" + padding + "\"}"), 413);
    }

    @Test
    void badFiltersAre400NamingTheParameter() throws Exception {
        for (String q : List.of(query("limit", "0"), query("limit", "ten"), query("added_after", "yesterday"),
                query("match[id]", "not-an-id"), query("match[type]", "BAD TYPE"), query("match[version]", "newest"),
                query("match[spec_version]", "two"), query("match[colour]", "red"), query("next", "forged"))) {
            HttpResponse<String> r = member.get(objects(inbox) + q);
            assertError(r, 400);
        }
    }

    @Test
    void notJsonIs400AndNoObjectsArrayIs422() throws Exception {
        assertError(member.post(objects(inbox), TAXII, "{\"objects\":["), 400);
        assertError(member.post(objects(inbox), TAXII, "{\"more\":false}"), 422);
        assertError(member.post(objects(inbox), TAXII, "{\"objects\":{}}"), 422);
    }

    @Test
    void missingOrWrongCredentialsAre401() throws Exception {
        assertError(new TaxiiClient(port, null).get(root()), 401);
        assertError(new TaxiiClient(port, "frs_aaaaaaaaaaaaaaaa_" + "A".repeat(43)).get(root()), 401);
    }

    @Test
    void aKnownCallerWithoutTheRightIs403() throws Exception {
        TaxiiClient forwarder = new TaxiiClient(port, sector.token(bank, TokenScope.EVENTS_WRITE));
        assertError(forwarder.get(root() + "collections/"), 403);
        assertError(member.post(objects("hub-warnings"), TAXII, "{\"objects\":[" + StixSamples.indicator(null) + "]}"), 403);
    }

    @Test
    void anUnknownCollectionIs404() throws Exception {
        assertError(member.get(root() + "collections/no-such-collection/"), 404);
        assertError(member.get(objects("no-such-collection")), 404);
        assertError(member.get(root() + "status/" + java.util.UUID.randomUUID() + "/"), 404);
    }

    @Test
    void unknownPathsAre404AndWrongMethods405AsTaxiiErrors() throws Exception {
        assertError(member.get("/taxii2/sector/nothing-here/"), 404);
        java.net.http.HttpResponse<String> put = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create("http://localhost:" + port + objects(inbox)))
                .header("Authorization", "Bearer " + token).PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertError(put, 405);
    }

    static List<String> ids(HttpResponse<String> r) {
        List<String> out = new ArrayList<>();
        JsonNode objects = json(r).get("objects");
        if (objects != null) {
            objects.forEach(o -> out.add(o.get("id").stringValue()));
        }
        return out;
    }

    static List<String> modifieds(HttpResponse<String> r) {
        List<String> out = new ArrayList<>();
        JsonNode objects = json(r).get("objects");
        if (objects != null) {
            objects.forEach(o -> out.add(o.get("modified").stringValue()));
        }
        return out;
    }
}
