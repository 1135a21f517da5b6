package org.finres.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.finres.intel.ShareClient.ids;
import static org.finres.intel.ShareClient.unique;
import static org.finres.intel.TaxiiClient.objects;
import static org.finres.intel.TaxiiClient.query;

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

/**
 * Sharing CSV, MISP and STIX through the API: conversion, validation, routing by TLP into the sector
 * collections, deduplication and corroboration, and every bad input named.
 */
@HubIntegrationTest
class IntelSharingIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;

    InstitutionId bank;
    InstitutionId insurer;
    ShareClient alice;
    ShareClient bob;
    TaxiiClient aliceTaxii;
    TaxiiClient bobTaxii;

    @BeforeEach
    void sector() {
        bank = sector.institution("share-bank", InstitutionKind.BANK);
        insurer = sector.institution("share-ins", InstitutionKind.INSURANCE);
        String a = sector.token(bank, TokenScope.INTEL_WRITE);
        String b = sector.token(insurer, TokenScope.INTEL_WRITE);
        alice = new ShareClient(port, a);
        bob = new ShareClient(port, b);
        aliceTaxii = new TaxiiClient(port, a);
        bobTaxii = new TaxiiClient(port, b);
    }

    static String misp(String u) {
        return """
                {"Event":{"id":"77","uuid":"%s","info":"Card-not-present fraud ring %s","date":"2026-11-20",
                 "timestamp":"1795600000","publish_timestamp":"1795603600","distribution":"1",
                 "Orgc":{"name":"Example Bank"},"Tag":[{"name":"tlp:green"}],
                 "Attribute":[
                  {"type":"domain","value":"pay-%s.example","to_ids":true,"uuid":"%s","timestamp":"1795600000",
                   "comment":"checkout skimmer"},
                  {"type":"ip-dst|port","value":"2001:db8:%s:%s::1|8443","to_ids":true,"uuid":"%s","timestamp":"1795600060"},
                  {"type":"vulnerability","value":"CVE-2026-0001","to_ids":false},
                  {"type":"sha256","value":"not-a-hash","to_ids":true}
                 ]}}""".formatted(java.util.UUID.randomUUID(), u, u, java.util.UUID.randomUUID(),
                u.substring(0, 4), u.substring(4), java.util.UUID.randomUUID());
    }

    private static List<String> taxiiTexts(TaxiiClient client, String collection, String id) throws Exception {
        HttpResponse<String> r = client.get(objects(collection) + query("match[id]", id, "match[version]", "all"));
        return TaxiiClient.objectTexts(r.body());
    }

    @Test
    void sharesACsvAndRepublishesEachRowToTheCollectionItsTlpAllows() throws Exception {
        String u = unique();
        String csv = "type,value,tlp,confidence,labels\n"
                + "domain-name,green-" + u + ".example,green,70,phishing\n"
                + "domain-name,amber-" + u + ".example,amber,80,\n"
                + "ipv4-addr,203.0.113.999,green,,\n"
                + "url,http://red-" + u + ".example/x,red,90,\n";
        JsonNode s = alice.shared("?tlp=green", "text/csv", csv);
        assertThat(s.get("format").asString()).isEqualTo("csv");
        assertThat(s.get("accepted").asInt()).isEqualTo(7); // three indicators, three observables, the named identity
        assertThat(s.get("rejected").get(0).get("location").asString()).isEqualTo("line 4, column value");
        assertThat(s.get("rejected").get(0).get("reason").asString()).contains("203.0.113.999");
        List<String> collections = new ArrayList<>();
        s.get("objects").forEach(o -> {
            if (o.get("type").asString().equals("indicator")) collections.add(o.get("collection").asString() + ":" + o.get("tlp").asString());
        });
        assertThat(collections).containsExactly("sector-green:green", "sector-amber:amber", "sector-amber:red");
        String green = firstIndicator(s, "sector-green");
        assertThat(taxiiTexts(bobTaxii, "sector-green", green)).singleElement().asString()
                .contains("green-" + u + ".example").contains(StixSamples.TLP_GREEN);
    }

    private static String firstIndicator(JsonNode summary, String collection) {
        for (JsonNode o : summary.get("objects")) {
            if (o.get("type").asString().equals("indicator") && o.get("collection").asString().equals(collection)) {
                return o.get("id").asString();
            }
        }
        throw new AssertionError("no indicator in " + collection + ": " + summary);
    }

    @Test
    void sharesAMispExportWithItsReportAndNamesWhatItCouldNotConvert() throws Exception {
        String u = unique();
        JsonNode s = alice.shared("?format=misp", "application/json", misp(u));
        assertThat(s.get("format").asString()).isEqualTo("misp");
        List<String> types = new ArrayList<>();
        s.get("objects").forEach(o -> types.add(o.get("type").asString()));
        assertThat(types).contains("report", "indicator", "domain-name", "ipv6-addr", "identity");
        assertThat(s.get("rejected")).extracting(r -> r.get("location").asString())
                .containsExactly("$.Event.Attribute[2].type", "$.Event.Attribute[3].value");
        String report = ids(s, "accepted").stream().filter(i -> i.startsWith("report--")).findFirst().orElseThrow();
        assertThat(taxiiTexts(bobTaxii, "sector-green", report)).singleElement().asString()
                .contains("Card-not-present fraud ring " + u);
    }

    @Test
    void theSameMispExportTwiceIsAllDuplicates() throws Exception {
        String export = misp(unique());
        JsonNode first = alice.shared("", "application/json", export);
        JsonNode again = alice.shared("", "application/json", export);
        assertThat(first.get("accepted").asInt()).isPositive();
        assertThat(again.get("accepted").asInt()).isZero();
        assertThat(again.get("duplicates").asInt()).isEqualTo(first.get("accepted").asInt());
    }

    @Test
    void anIndicatorPatternAnotherMemberSharedIsCountedAsCorroborationNotStoredTwice() throws Exception {
        String u = unique();
        String csv = "type,value,tlp\ndomain-name,corroborated-" + u + ".example,green\n";
        JsonNode first = alice.shared("", "text/csv", csv);
        String original = firstIndicator(first, "sector-green");

        JsonNode second = bob.shared("", "text/csv", csv);
        assertThat(second.get("corroborations").asInt()).isEqualTo(1);
        assertThat(ids(second, "corroboration")).hasSize(1);
        second.get("objects").forEach(o -> {
            if (o.get("outcome").asString().equals("corroboration")) assertThat(o.get("detail").asString()).isEqualTo(original);
        });
        HttpResponse<String> all = bobTaxii.get(objects("sector-green") + query("match[type]", "indicator", "limit", "1000",
                "match[version]", "all"));
        long copies = TaxiiClient.objectTexts(all.body()).stream().filter(t -> t.contains("corroborated-" + u)).count();
        // Paged beyond 1000 other test indicators would hide it; the shared database is far smaller.
        assertThat(copies).isEqualTo(1);

        JsonNode third = bob.shared("", "text/csv", csv);
        assertThat(third.get("corroborations").asInt()).isZero();
        assertThat(third.get("duplicates").asInt()).isPositive();
        JsonNode own = alice.shared("", "text/csv", csv);
        assertThat(own.get("accepted").asInt()).isZero();
        assertThat(own.toString()).contains("your institution already shared this pattern");
    }

    @Test
    void aStricterEarlierIndicatorIsNoCorroborationForAWiderShare() throws Exception {
        String u = unique();
        alice.shared("", "text/csv", "type,value,tlp\ndomain-name,strict-" + u + ".example,red\n");
        JsonNode wider = bob.shared("", "text/csv", "type,value,tlp\ndomain-name,strict-" + u + ".example,amber\n");
        assertThat(wider.get("corroborations").asInt()).isZero();
        assertThat(ids(wider, "accepted")).anyMatch(i -> i.startsWith("indicator--"));
    }

    @Test
    void aStixBundleIsValidatedObjectByObjectAndDeduplicatedByIdAndVersion() throws Exception {
        String good = StixSamples.indicator(StixSamples.newId("indicator"), "2026-02-01T00:00:00.000Z", StixSamples.TLP_GREEN)
                .replace("[ipv4-addr:value = '198.51.100.7']", "[domain-name:value = 'stix-" + unique() + ".example']");
        String badPattern = StixSamples.indicator(StixSamples.newId("indicator"), "2026-02-01T00:00:00.000Z", StixSamples.TLP_GREEN)
                .replace("[ipv4-addr:value = '198.51.100.7']", "[ipv4-addr:value = ");
        String noName = "{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\"" + StixSamples.newId("malware")
                + "\",\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"2026-01-01T00:00:00.000Z\"}";
        String bundle = "{\"type\":\"bundle\",\"id\":\"" + StixSamples.newId("bundle") + "\",\"objects\":[" + good + "," + badPattern
                + "," + noName + "]}";
        JsonNode s = alice.shared("?format=stix", "application/json", bundle);
        assertThat(s.get("accepted").asInt()).isEqualTo(1);
        assertThat(s.get("rejected")).extracting(r -> r.get("location").asString()).containsExactly("$.objects[1]", "$.objects[2]");
        assertThat(s.get("rejected").get(0).get("reason").asString()).contains("$.pattern");
        JsonNode again = alice.shared("", "application/stix+json;version=2.1", bundle);
        assertThat(again.get("duplicates").asInt()).isEqualTo(1);
        assertThat(again.get("accepted").asInt()).isZero();
    }

    @Test
    void republishedObjectsValidateAgainstTheOasisSchemas() throws Exception {
        StixSchemas.require();
        String u = unique();
        List<String> ids = new ArrayList<>();
        JsonNode csv = alice.shared("?tlp=green", "text/csv", "type,value,confidence,valid_from,labels,name,description\n"
                + "url,https://schema-" + u + ".example/login,60,2026-11-01,phishing;sms,Lure,SMS lure\n"
                + "sha256,e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855,90,,,,\n"
                + "ipv6-addr,2001:db8::" + u.substring(0, 4) + ":" + u.substring(4) + ",,,,,\n");
        JsonNode misp = alice.shared("?attribution=anonymous", "application/json", misp(u));
        for (JsonNode s : List.of(csv, misp)) {
            s.get("objects").forEach(o -> {
                if (!o.get("outcome").asString().equals("withheld")) ids.add(o.get("collection").asString() + " " + o.get("id").asString());
            });
        }
        assertThat(ids).hasSizeGreaterThan(8);
        for (String entry : ids) {
            String[] parts = entry.split(" ");
            for (String text : taxiiTexts(aliceTaxii, parts[0], parts[1])) {
                assertThat(StixSchemas.problems(text)).as(text).isEmpty();
            }
        }
    }

    @Test
    void badInputIsRefusedWithAProblemNamingWhatIsWrong() throws Exception {
        HttpResponse<String> noHeader = alice.share("?format=csv", "text/csv", "domain-name,a.example\n");
        assertThat(noHeader.statusCode()).isEqualTo(400);
        assertThat(noHeader.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(noHeader.body()).contains("line 1, column 1").contains("the first line must be the header");

        HttpResponse<String> format = alice.share("?format=xml", "text/csv", "type,value\n");
        assertThat(format.statusCode()).isEqualTo(400);
        assertThat(format.body()).contains("format").contains("'xml' is not one of stix, csv, misp");

        HttpResponse<String> tlp = alice.share("?tlp=purple", "text/csv", "type,value\nurl,http://a.example/\n");
        assertThat(tlp.statusCode()).isEqualTo(400);
        assertThat(tlp.body()).contains("'purple' is not one of clear");

        HttpResponse<String> attribution = alice.share("?attribution=secret", "text/csv", "type,value\nurl,http://a.example/\n");
        assertThat(attribution.body()).contains("'secret' is not one of named, anonymous");

        HttpResponse<String> json = alice.share("?format=stix", "application/json", "{\"type\":\"bundle\",");
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json.body()).contains("is not a STIX 2.1 bundle or object");

        HttpResponse<String> misp = alice.share("?format=misp", "application/json", "{\"nothing\":1}");
        assertThat(misp.statusCode()).isEqualTo(400);
        assertThat(misp.body()).contains("not a MISP event");

        HttpResponse<String> empty = alice.share("?format=csv", "text/csv", "");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("content is empty");

        HttpResponse<String> warnings = alice.share("?collection=hub-warnings", "text/csv", "type,value\nurl,http://w.example/\n");
        assertThat(warnings.statusCode()).isEqualTo(403);
        assertThat(warnings.body()).contains("hub-warnings is not writable");
    }

    @Test
    void theOpenApiDocumentDescribesTheShareEndpointAndItsBodies() throws Exception {
        HttpResponse<String> docs = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(docs.body()).contains("/api/v1/intel/share").contains("/api/v1/intel/shares/{id}").contains("text/csv")
                .contains("application/stix+json;version=2.1");
    }

    @Test
    void aLongListOfBadRowsIsCountedInFullAndListedUpToTheCap() throws Exception {
        StringBuilder csv = new StringBuilder("type,value\n");
        for (int i = 0; i < ShareSummary.LISTED + 5; i++) csv.append("ipv4-addr,300.0.0.").append(i % 250).append('\n');
        csv.append("domain-name,capped-").append(unique()).append(".example\n");
        JsonNode s = alice.shared("?tlp=green", "text/csv", csv.toString());
        assertThat(s.get("rejectedCount").asInt()).isEqualTo(ShareSummary.LISTED + 5);
        assertThat(s.get("rejected")).hasSize(ShareSummary.LISTED);
        assertThat(s.get("rejected").get(0).get("location").asString()).isEqualTo("line 2, column value");
        assertThat(ids(s, "accepted")).anyMatch(i -> i.startsWith("indicator--"));
        JsonNode listed = ShareClient.JSON.readTree(alice.get("/api/v1/intel/shares").body());
        assertThat(listed.get(0).get("id").asString()).isEqualTo(s.get("id").asString());
        assertThat(listed.get(0).get("rejectedCount").asInt()).isEqualTo(ShareSummary.LISTED + 5);
    }

    @Test
    void theSubmissionListShowsOnlyTheCallersOwnUploads() throws Exception {
        JsonNode s = alice.shared("", "text/csv", "type,value\ndomain-name,list-" + unique() + ".example\n");
        String id = s.get("id").asString();
        assertThat(alice.get("/api/v1/intel/shares").body()).contains(id);
        assertThat(alice.get("/api/v1/intel/shares/" + id).statusCode()).isEqualTo(200);
        assertThat(bob.get("/api/v1/intel/shares").body()).doesNotContain(id);
        assertThat(bob.get("/api/v1/intel/shares/" + id).statusCode()).isEqualTo(404);
    }
}
