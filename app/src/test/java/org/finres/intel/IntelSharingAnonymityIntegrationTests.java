package org.finres.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.finres.intel.ShareClient.ids;
import static org.finres.intel.ShareClient.unique;
import static org.finres.intel.TaxiiClient.objects;
import static org.finres.intel.TaxiiClient.query;
import static org.finres.intel.TaxiiClient.root;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Role;
import org.finres.core.TokenScope;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.finres.testing.WebVisitor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Anonymous sharing and TLP isolation of shared objects, tested as another member would probe: TAXII objects,
 * manifests, versions and single objects, the share API and the pages. The hub, and the submitter, still know
 * who shared; RED and AMBER+STRICT shares reach only their submitter, named recipients and the hub.
 */
@HubIntegrationTest
class IntelSharingAnonymityIntegrationTests {

    static final String ANONYMOUS = org.finres.intel.internal.HubIdentities.ANONYMOUS.toString();

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    JdbcClient jdbc;

    InstitutionId bank;
    InstitutionId recipient;
    InstitutionId outsider;
    ShareClient alice;
    ShareClient carol;
    ShareClient hub;
    TaxiiClient bobTaxii;
    TaxiiClient carolTaxii;
    TaxiiClient hubTaxii;

    @BeforeEach
    void sector() {
        bank = sector.institution("anon-bank", InstitutionKind.BANK);
        recipient = sector.institution("anon-rcpt", InstitutionKind.SECURITIES);
        outsider = sector.institution("anon-out", InstitutionKind.INSURANCE);
        alice = new ShareClient(port, sector.token(bank, TokenScope.INTEL_WRITE));
        String c = sector.token(outsider, TokenScope.INTEL_WRITE);
        carol = new ShareClient(port, c);
        carolTaxii = new TaxiiClient(port, c);
        bobTaxii = new TaxiiClient(port, sector.token(recipient, TokenScope.INTEL_WRITE));
        String h = sector.token(InstitutionId.HUB, TokenScope.INTEL_WRITE);
        hub = new ShareClient(port, h);
        hubTaxii = new TaxiiClient(port, h);
    }

    /** Everything a member can read about an object over TAXII: the object, its versions, manifest and listing entries. */
    private static String everythingAbout(TaxiiClient caller, String collection, String id) throws Exception {
        StringBuilder all = new StringBuilder();
        all.append(caller.get(objects(collection) + id + "/" + query("match[version]", "all")).body());
        all.append(caller.get(objects(collection) + id + "/versions/").body());
        all.append(caller.get(objects(collection) + query("match[id]", id, "match[version]", "all")).body());
        all.append(caller.get(root() + "collections/" + collection + "/manifest/" + query("match[id]", id)).body());
        return all.toString();
    }

    private static void invisible(TaxiiClient caller, String collection, String id) throws Exception {
        assertThat(caller.get(objects(collection) + query("match[id]", id, "match[version]", "all")).body()).doesNotContain(id);
        assertThat(caller.get(root() + "collections/" + collection + "/manifest/" + query("match[id]", id)).body()).doesNotContain(id);
        assertThat(caller.get(objects(collection) + id + "/").statusCode()).isEqualTo(404);
        assertThat(caller.get(objects(collection) + id + "/versions/").statusCode()).isEqualTo(404);
    }

    private WebVisitor visitor(InstitutionId tenant, Role role) throws Exception {
        WebVisitor v = new WebVisitor(port, "en");
        v.login(sector.user(tenant, role).username());
        return v;
    }

    private static String bundle(String identityId, String u) {
        String indicator = StixSamples.newId("indicator");
        return "{\"type\":\"bundle\",\"id\":\"" + StixSamples.newId("bundle") + "\",\"objects\":["
                + "{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\"" + identityId + "\",\"created\":\"2026-01-01T00:00:00.000Z\","
                + "\"modified\":\"2026-01-01T00:00:00.000Z\",\"name\":\"Secret Savings Bank " + u + "\",\"identity_class\":\"organization\"},"
                + "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + indicator + "\",\"created_by_ref\":\"" + identityId + "\","
                + "\"created\":\"2026-03-01T00:00:00.000Z\",\"modified\":\"2026-03-01T00:00:00.000Z\",\"name\":\"Mule account portal\","
                + "\"pattern\":\"[domain-name:value = 'mule-" + u + ".example']\",\"pattern_type\":\"stix\","
                + "\"valid_from\":\"2026-03-01T00:00:00Z\",\"object_marking_refs\":[\"" + StixSamples.TLP_GREEN + "\"]},"
                + "{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"" + StixSamples.newId("relationship") + "\","
                + "\"created\":\"2026-03-01T00:00:00.000Z\",\"modified\":\"2026-03-01T00:00:00.000Z\",\"relationship_type\":\"targets\","
                + "\"source_ref\":\"" + indicator + "\",\"target_ref\":\"" + identityId + "\"},"
                + "{\"type\":\"sighting\",\"spec_version\":\"2.1\",\"id\":\"" + StixSamples.newId("sighting") + "\",\"created_by_ref\":\"" + identityId + "\","
                + "\"created\":\"2026-03-02T00:00:00.000Z\",\"modified\":\"2026-03-02T00:00:00.000Z\",\"sighting_of_ref\":\"" + indicator + "\","
                + "\"where_sighted_refs\":[\"" + identityId + "\"],\"count\":3,\"object_marking_refs\":[\"" + StixSamples.TLP_GREEN + "\"]},"
                + "{\"type\":\"report\",\"spec_version\":\"2.1\",\"id\":\"" + StixSamples.newId("report") + "\",\"created_by_ref\":\"" + identityId + "\","
                + "\"created\":\"2026-03-02T00:00:00.000Z\",\"modified\":\"2026-03-02T00:00:00.000Z\",\"name\":\"Mule portal\","
                + "\"published\":\"2026-03-02T00:00:00Z\",\"object_refs\":[\"" + indicator + "\",\"" + identityId + "\"],"
                + "\"object_marking_refs\":[\"" + StixSamples.TLP_GREEN + "\"]}]}";
    }

    @Test
    void anotherMemberCannotLearnTheSubmitterOfAnAnonymousStixShare() throws Exception {
        String u = unique();
        String identity = StixSamples.newId("identity");
        JsonNode s = alice.shared("?attribution=anonymous&tlp=green", "application/stix+json;version=2.1", bundle(identity, u));
        assertThat(s.get("attribution").asString()).isEqualTo("anonymous");
        assertThat(s.get("withheld").asInt()).isEqualTo(2); // the submitter's identity, the relationship targeting it
        assertThat(ids(s, "withheld")).contains(identity);
        List<String> published = new ArrayList<>();
        s.get("objects").forEach(o -> {
            if (o.get("outcome").asString().equals("accepted")) published.add(o.get("collection").asString() + " " + o.get("id").asString());
        });
        assertThat(published).hasSizeGreaterThanOrEqualTo(3); // indicator, sighting, report (and the anonymous identity, if new)

        StringBuilder seen = new StringBuilder();
        for (String p : published) {
            String[] parts = p.split(" ");
            String about = everythingAbout(bobTaxii, parts[0], parts[1]);
            assertThat(about).contains(parts[1]);
            seen.append(about);
        }
        // The institution's display name ("Test anon-bank") appears in no object of this share.
        assertThat(seen.toString()).doesNotContain("Test anon-bank");
        seen.append(bobTaxii.get(objects("sector-green") + query("match[type]", "indicator,sighting,report,identity,relationship",
                "limit", "1000")).body());
        assertThat(seen.toString()).doesNotContain(identity).doesNotContain("Secret Savings Bank").doesNotContain(bank.value())
                .contains("\"created_by_ref\":\"" + ANONYMOUS + "\"").contains("\"where_sighted_refs\":[\"" + ANONYMOUS + "\"]");

        String shareId = s.get("id").asString();
        HttpResponse<String> bobsList = new ShareClient(port, sector.token(recipient, TokenScope.INTEL_WRITE)).get("/api/v1/intel/shares");
        assertThat(bobsList.body()).doesNotContain(shareId).doesNotContain(bank.value());
        assertThat(carol.get("/api/v1/intel/shares/" + shareId).statusCode()).isEqualTo(404);

        WebVisitor bobPage = visitor(recipient, Role.INSTITUTION_ANALYST);
        assertThat(bobPage.get("/intel/share").body()).doesNotContain(shareId).doesNotContain(bank.value());
        assertThat(bobPage.get("/intel/shares/" + shareId).statusCode()).isEqualTo(404);

        // The hub (and the submitter) still know.
        JsonNode hubView = ShareClient.JSON.readTree(hub.get("/api/v1/intel/shares/" + shareId).body());
        assertThat(hubView.get("institution").asString()).isEqualTo(bank.value());
        assertThat(visitor(InstitutionId.HUB, Role.HUB_ADMIN).get("/intel/share").body()).contains(shareId).contains(bank.value());
        assertThat(visitor(bank, Role.INSTITUTION_ANALYST).get("/intel/shares/" + shareId).body()).contains(bank.value());
        String indicator = ids(s, "accepted").stream().filter(i -> i.startsWith("indicator--")).findFirst().orElseThrow();
        assertThat(jdbc.sql("select submitter || ':' || submitter_hidden from intel_object where stix_id = :id")
                .param("id", indicator).query(String.class).list()).containsOnly(bank.value() + ":true");
    }

    @Test
    void aTaxiiPostWithTheSubmitterHiddenShowsOnlyTheAnonymousCreator() throws Exception {
        String u = unique();
        String identity = StixSamples.newId("identity");
        String bundle = bundle(identity, u);
        String objects = bundle.substring(bundle.indexOf("\"objects\":") + 10, bundle.length() - 1);
        TaxiiClient aliceTaxii = new TaxiiClient(port, sector.token(bank, TokenScope.INTEL_WRITE));
        HttpResponse<String> posted = aliceTaxii.post(objects("sector-green"), TaxiiClient.TAXII,
                "{\"x_finres_hide_submitter\":true,\"objects\":" + objects + "}");
        assertThat(posted.statusCode()).isEqualTo(202);
        JsonNode status = TaxiiClient.json(posted);
        assertThat(status.get("total_count").asInt()).isEqualTo(5);
        assertThat(status.toString()).contains("not published: it names the submitter");
        StringBuilder seen = new StringBuilder();
        status.get("successes").forEach(d -> {
            try {
                seen.append(everythingAbout(bobTaxii, "sector-green", d.get("id").asString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(seen.toString()).contains("mule-" + u).contains("\"created_by_ref\":\"" + ANONYMOUS + "\"")
                .doesNotContain("\"" + identity + "\"").doesNotContain("Secret Savings Bank");
    }

    @Test
    void anAnonymousCsvShowsTheAnonymousIdentityAndANamedOneTheInstitution() throws Exception {
        String u = unique();
        JsonNode anonymous = alice.shared("?attribution=anonymous&tlp=green", "text/csv", "type,value\ndomain-name,anon-" + u + ".example\n");
        JsonNode named = alice.shared("?tlp=green", "text/csv", "type,value\ndomain-name,named-" + u + ".example\n");
        String a = ids(anonymous, "accepted").stream().filter(i -> i.startsWith("indicator--")).findFirst().orElseThrow();
        String n = ids(named, "accepted").stream().filter(i -> i.startsWith("indicator--")).findFirst().orElseThrow();
        String anonymousText = everythingAbout(bobTaxii, "sector-green", a);
        assertThat(anonymousText).contains("\"created_by_ref\":\"" + ANONYMOUS + "\"").doesNotContain(bank.value());
        String namedText = everythingAbout(bobTaxii, "sector-green", n);
        String institutionIdentity = org.finres.intel.internal.HubIdentities.institutionId(bank).toString();
        assertThat(namedText).contains("\"created_by_ref\":\"" + institutionIdentity + "\"");
        assertThat(everythingAbout(bobTaxii, "sector-green", institutionIdentity)).contains("Test anon-bank");
    }

    @Test
    void redAndAmberStrictSharesReachOnlyTheSubmitterNamedRecipientsAndTheHub() throws Exception {
        String u = unique();
        JsonNode s = alice.shared("?tlp=green", "text/csv", "type,value,tlp\n"
                + "domain-name,red-" + u + ".example,red\n"
                + "domain-name,strict-" + u + ".example,amber+strict\n");
        JsonNode toBob = alice.shared("?recipients=" + recipient.value(), "text/csv",
                "type,value,tlp\ndomain-name,for-bob-" + u + ".example,red\n");
        List<String> restricted = new ArrayList<>();
        for (JsonNode summary : List.of(s, toBob)) {
            summary.get("objects").forEach(o -> {
                if (o.get("outcome").asString().equals("accepted") && !o.get("type").asString().equals("identity")) {
                    assertThat(o.get("collection").asString()).isEqualTo("sector-amber");
                    restricted.add(o.get("id").asString());
                }
            });
        }
        assertThat(restricted).hasSize(6);
        for (String id : restricted) {
            invisible(carolTaxii, "sector-amber", id);
            assertThat(hubTaxii.get(objects("sector-amber") + id + "/").statusCode()).isEqualTo(200);
        }
        String forBob = ids(toBob, "accepted").stream().filter(i -> i.startsWith("indicator--")).findFirst().orElseThrow();
        assertThat(bobTaxii.get(objects("sector-amber") + forBob + "/").statusCode()).isEqualTo(200);
        String red = ids(s, "accepted").stream().filter(i -> i.startsWith("indicator--")).findFirst().orElseThrow();
        invisible(bobTaxii, "sector-amber", red);

        String everything = carolTaxii.get(objects("sector-amber") + query("limit", "1000", "match[version]", "all")).body()
                + carolTaxii.get(root() + "collections/sector-amber/manifest/" + query("limit", "1000")).body();
        assertThat(everything).doesNotContain("red-" + u).doesNotContain("strict-" + u).doesNotContain("for-bob-" + u);

        // Sharing the same value does not tell the outsider that a RED indicator exists.
        JsonNode probe = carol.shared("?tlp=amber", "text/csv", "type,value\ndomain-name,red-" + u + ".example\n");
        assertThat(probe.get("corroborations").asInt()).isZero();
        assertThat(probe.toString()).doesNotContain(red);

        WebVisitor carolPage = visitor(outsider, Role.INSTITUTION_ANALYST);
        String page = carolPage.get("/intel/share").body();
        assertThat(page).doesNotContain(s.get("id").asString()).doesNotContain("red-" + u);
        assertThat(carolPage.get("/intel/shares/" + s.get("id").asString()).statusCode()).isEqualTo(404);
        assertThat(carol.get("/api/v1/intel/shares").body()).doesNotContain(s.get("id").asString());
    }

    @Test
    void theSharePageUploadsAPastedListAndShowsTheSummaryInBothLanguages() throws Exception {
        String u = unique();
        WebVisitor page = visitor(bank, Role.INSTITUTION_ANALYST);
        assertThat(page.get("/intel/share").body()).contains("data-testid=\"share-form\"");
        HttpResponse<String> posted = page.post("/intel/share", Map.of("pasted",
                "type,value,tlp\ndomain-name,page-" + u + ".example,green\nipv4-addr,999.1.1.1,green\n",
                "format", "csv", "tlp", "amber", "attribution", "anonymous", "recipients", ""));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
        String location = java.net.URI.create(posted.headers().firstValue("Location").orElseThrow()).getPath();
        String summary = page.get(location).body();
        // The anonymous identity is a duplicate when an earlier test published it already.
        assertThat(summary).contains("Anonymous").contains("line 3, column value").contains("sector-green")
                .containsPattern("[23] accepted, [01] duplicates, 0 corroborations, 0 withheld for anonymity, 1 rejected");
        assertThat(page.get("/intel/share").body()).contains(location.substring(location.lastIndexOf('/') + 1));

        // Test users are created English; the page follows the language the visitor picks.
        page.post("/language", Map.of("lang", "zh-TW", "return", location));
        assertThat(page.get(location).body()).contains("上傳內容的處理結果").containsPattern("已收錄 [23]、");

        HttpResponse<String> refused = page.post("/intel/share", Map.of("pasted", "not,a,header\n1,2,3\n", "format", "csv"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("data-testid=\"share-error\"").contains("unknown column &#39;not&#39;");
    }
}
