package org.finres.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.finres.core.Actor;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.TokenScope;
import org.finres.events.search.EventQuery;
import org.finres.events.search.EventSearch;
import org.finres.core.Role;
import org.finres.testing.HubHttp;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.WebVisitor;
import java.util.Map;
import org.finres.testing.TestSector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Automated analysis end to end over HTTP with a real PostgreSQL: shared indicators retro-hunted and fed to
 * detection, hits as aggregated STIX sightings under the indicator's TLP, corroboration raising confidence, warning
 * lists keeping known-benign values out of detection, and every member seeing only what it may.
 */
@HubIntegrationTest
class IntelAnalysisIntegrationTests {

    /** Addresses in TEST-NET-3, which no warning list holds; a random start keeps reruns on one database apart. */
    private static final AtomicInteger HOST = new AtomicInteger(ThreadLocalRandom.current().nextInt(0, 200 * 250));
    private static final Actor.SystemProcess SETUP = new Actor.SystemProcess("analysis-test");

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    EventSearch events;

    final HttpClient http = HttpClient.newHttpClient();

    private HubHttp hub() {
        return new HubHttp(http, port);
    }
    InstitutionId bank;
    InstitutionId insurer;
    InstitutionId broker;
    String bankToken;
    String insurerToken;
    String brokerToken;
    String hubToken;

    @BeforeEach
    void sector() {
        bank = sector.institution("ana-bank", InstitutionKind.BANK);
        insurer = sector.institution("ana-ins", InstitutionKind.INSURANCE);
        broker = sector.institution("ana-brk", InstitutionKind.INSURANCE);
        bankToken = sector.token(bank, TokenScope.INTEL_WRITE, TokenScope.EVENTS_WRITE);
        insurerToken = sector.token(insurer, TokenScope.INTEL_WRITE, TokenScope.EVENTS_WRITE);
        brokerToken = sector.token(broker, TokenScope.INTEL_WRITE, TokenScope.EVENTS_WRITE);
        hubToken = sector.token(InstitutionId.HUB, TokenScope.INTEL_WRITE, TokenScope.READ);
    }

    static String address() {
        int n = HOST.incrementAndGet() % (200 * 250);
        return "203.0." + (113 + 0 * n) + "." + (1 + n % 250) + "";
    }

    @Test
    void aSharedAddressIsRetroHuntedThenLaterHitsBecomeOneAggregatedSightingPerMemberAndDay() throws Exception {
        String ip = uniqueAddress();
        sendConnection(insurerToken, ip);
        awaitStored(insurer, ip);
        JsonNode summary = share(bankToken, "?tlp=green", "type,value\nipv4-addr," + ip + "\n");
        String stixId = indicatorId(summary);

        JsonNode done = awaitIndicator(hubToken, stixId, i -> i.get("retroHunt").get("status").asString().equals("done"));
        assertThat(done.get("status").asString()).isEqualTo("matched");
        assertThat(done.get("retroHunt").get("done").asInt()).isEqualTo(done.get("retroHunt").get("total").asInt())
                .isGreaterThanOrEqualTo(3);
        assertThat(done.get("retroHunt").get("hits").asInt()).isEqualTo(1);
        assertThat(done.get("sightings").asLong()).isEqualTo(1);

        // Two later events at the broker on one day: one sighting object, count 2.
        sendConnection(brokerToken, ip);
        sendConnection(brokerToken, ip);
        awaitIndicator(hubToken, stixId, i -> i.get("sightings").asLong() >= 3);
        String collection = done.get("collection").asString();
        JsonNode sightings = taxiiSightings(bankToken, collection, stixId);
        assertThat(sightings).hasSize(2);
        JsonNode broker = null;
        for (JsonNode s : sightings) {
            if (s.get("count").asInt() == 2) broker = s;
        }
        assertThat(broker).as(sightings.toString()).isNotNull();
        assertThat(broker.get("sighting_of_ref").asString()).isEqualTo(stixId);
        assertThat(broker.get("where_sighted_refs")).hasSize(1);
        assertThat(broker.get("object_marking_refs").get(0).asString()).isEqualTo(StixSamples.TLP_GREEN);
        assertThat(broker.has("first_seen") && broker.has("last_seen")).isTrue();
        StixSchemas.require();
        for (JsonNode s : sightings) {
            assertThat(StixSchemas.problems(ShareClient.JSON.writeValueAsString(s))).isEmpty();
        }
    }

    @Test
    void aSightingOfARedIndicatorIsVisibleToItsRecipientsOnly() throws Exception {
        String ip = uniqueAddress();
        JsonNode summary = share(bankToken, "?tlp=red&recipients=" + insurer.value(), "type,value\nipv4-addr," + ip + "\n");
        String stixId = indicatorId(summary);
        JsonNode matched = awaitIndicator(hubToken, stixId, i -> !i.get("retroHunt").get("status").asString().equals("pending")
                && !i.get("retroHunt").get("status").asString().equals("running"));
        assertThat(matched.get("status").asString()).isEqualTo("matched");
        sendConnection(brokerToken, ip);
        awaitIndicator(hubToken, stixId, i -> i.get("sightings").asLong() >= 1);
        String collection = matched.get("collection").asString();
        assertThat(taxiiSightings(insurerToken, collection, stixId)).hasSize(1);
        assertThat(taxiiSightings(bankToken, collection, stixId)).hasSize(1);
        // The broker's own events held it, but a RED indicator's sighting is not the broker's to read.
        assertThat(taxiiSightings(brokerToken, collection, stixId)).isEmpty();
        assertThat(get(brokerToken, "/api/v1/intel/indicators/" + stixId).statusCode()).isEqualTo(404);
        assertThat(json(get(brokerToken, "/api/v1/intel/indicators?q=" + ip)).get("indicators")).isEmpty();
        assertThat(json(get(insurerToken, "/api/v1/intel/indicators?q=" + ip)).get("indicators")).hasSize(1);
    }

    @Test
    void theSameValueSharedByTwoMoreMembersRaisesConfidence() throws Exception {
        String ip = uniqueAddress();
        String csv = "type,value\nipv4-addr," + ip + "\n";
        String stixId = indicatorId(share(bankToken, "?tlp=green", csv));
        JsonNode first = awaitIndicator(hubToken, stixId, i -> i.get("confidence").asInt() > 0);
        assertThat(first.get("reporters").asInt()).isEqualTo(1);
        share(insurerToken, "?tlp=green", csv);
        share(brokerToken, "?tlp=green", csv);
        JsonNode corroborated = awaitIndicator(hubToken, stixId, i -> i.get("reporters").asInt() == 3
                && i.get("confidence").asInt() > first.get("confidence").asInt());
        assertThat(corroborated.get("confidence").asInt()).isGreaterThan(first.get("confidence").asInt());
    }

    @Test
    void aWarningListedValueIsFlaggedToItsSubmitterAndRaisesNoAlert() throws Exception {
        String ip = uniqueAddress();
        JsonNode summary = share(bankToken, "?tlp=green", "type,value\nipv4-addr,8.8.8.8\nipv4-addr," + ip + "\n");
        String resolver = null;
        String other = null;
        for (JsonNode o : summary.get("objects")) {
            if (!o.get("type").asString().equals("indicator")) continue;
            JsonNode a = awaitIndicator(bankToken, o.get("id").asString(), i -> true);
            if (a.get("value").asString().equals("8.8.8.8")) resolver = o.get("id").asString();
            else other = o.get("id").asString();
        }
        assertThat(resolver).isNotNull();
        JsonNode flagged = awaitIndicator(bankToken, resolver, i -> true);
        assertThat(flagged.get("mine").asBoolean()).isTrue();
        assertThat(flagged.get("status").asString()).isEqualTo("warning-listed");
        assertThat(flagged.get("warningList").asString()).isEqualTo("public-dns-resolvers");
        String otherId = other;
        awaitIndicator(hubToken, otherId, i -> i.get("status").asString().equals("matched"));
        sendConnection(insurerToken, "8.8.8.8");
        sendConnection(insurerToken, ip);
        // The second event's hit proves the first was evaluated too.
        awaitIndicator(hubToken, otherId, i -> i.get("sightings").asLong() >= 1);
        assertThat(alerts("kind=indicator&text=" + ip)).isNotEmpty();
        assertThat(alerts("kind=indicator&text=8.8.8.8")).isEmpty();
        assertThat(awaitIndicator(hubToken, resolver, i -> true).get("sightings").asLong()).isZero();
    }

    @Test
    void aHubManagedWarningEntryTakesAMatchedIndicatorOutOfDetection() throws Exception {
        String ip = uniqueAddress();
        String stixId = indicatorId(share(bankToken, "?tlp=green", "type,value\nipv4-addr," + ip + "\n"));
        awaitIndicator(hubToken, stixId, i -> i.get("status").asString().equals("matched"));
        HttpResponse<String> refused = post(bankToken, "/api/v1/intel/warning-lists/entries",
                "{\"list\":\"partners\",\"value\":\"" + ip + "\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        HttpResponse<String> bad = post(hubToken, "/api/v1/intel/warning-lists/entries",
                "{\"list\":\"partners\",\"value\":\"203.0.113.999\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("value").contains("203.0.113.999");
        HttpResponse<String> added = post(hubToken, "/api/v1/intel/warning-lists/entries",
                "{\"list\":\"partners\",\"value\":\"" + ip + "\",\"note\":\"our payment processor\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        JsonNode listed = awaitIndicator(hubToken, stixId, i -> i.get("status").asString().equals("warning-listed"));
        assertThat(listed.get("warningList").asString()).isEqualTo("partners");
        JsonNode lists = json(get(bankToken, "/api/v1/intel/warning-lists")).get("lists");
        assertThat(lists.toString()).contains("public-dns-resolvers").contains(ip);
        long id = json(added).get("id").asLong();
        assertThat(delete(hubToken, "/api/v1/intel/warning-lists/entries/" + id).statusCode()).isEqualTo(204);
        awaitIndicator(hubToken, stixId, i -> i.get("status").asString().equals("matched"));
    }

    @Test
    void badQueriesAreNamed() throws Exception {
        HttpResponse<String> r = get(hubToken, "/api/v1/intel/indicators?status=maybe");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("status").contains("maybe");
        assertThat(get(hubToken, "/api/v1/intel/indicators?limit=9999").statusCode()).isEqualTo(400);
    }

    @Test
    void theAnalysisPageShowsTheFlagToItsSubmitterAndLetsOnlyTheHubManageWarningLists() throws Exception {
        String domain = "cdn-" + ShareClient.unique() + ".microsoft.com";
        JsonNode summary = share(bankToken, "?tlp=green", "type,value\ndomain-name," + domain + "\n");
        String stixId = indicatorId(summary);
        awaitIndicator(hubToken, stixId, i -> i.get("status").asString().equals("warning-listed"));
        WebVisitor member = new WebVisitor(port, "zh-TW");
        member.login(sector.user(bank, Role.INSTITUTION_ANALYST).username());
        member.post("/language", Map.of("lang", "zh-TW", "return", "/intel/analysis"));
        HttpResponse<String> page = member.get("/intel/analysis?q=" + domain);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("情資分析").contains(domain).contains("列於警示清單 top-domains")
                .contains("貴機構提交").doesNotContain("data-testid=\"warning-form\"");
        assertThat(member.get("/intel/shares/" + summary.get("id").asString()).body())
                .as("the submitter sees the flag on its submission").contains("列於警示清單 top-domains");
        assertThat(member.post("/intel/analysis/warning-entries", Map.of("list", "mine", "value", "203.0.113.1"))
                .statusCode()).isEqualTo(403);
        assertThat(member.get("/intel/analysis?status=maybe").statusCode()).isEqualTo(400);

        WebVisitor hub = new WebVisitor(port, "en");
        hub.login(sector.user(InstitutionId.HUB, Role.HUB_ADMIN).username());
        HttpResponse<String> hubPage = hub.get("/intel/analysis?q=" + domain);
        assertThat(hubPage.body()).contains("Intelligence analysis").contains("data-testid=\"warning-form\"")
                .contains("on warning list top-domains").contains("Public DNS resolvers");
        String value = "bad value " + ShareClient.unique();
        HttpResponse<String> refused = hub.post("/intel/analysis/warning-entries", Map.of("list", "hub", "value", value));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains(value);
    }

    @Test
    void aRevokedIndicatorIsWithdrawnFromDetectionAndAComplexPatternIsNamedNotDropped() throws Exception {
        String ip = uniqueAddress();
        String simple = StixSamples.newId("indicator");
        String complex = StixSamples.newId("indicator");
        share(bankToken, "?format=stix&tlp=green", bundle(stix(simple, "2026-01-01T00:00:00.000Z", "[ipv4-addr:value = '" + ip + "']", false),
                stix(complex, "2026-01-01T00:00:00.000Z", "[ipv4-addr:value = '" + ip + "'] AND [domain-name:value = 'x.example']", false)));
        awaitIndicator(hubToken, simple, i -> i.get("status").asString().equals("matched"));
        JsonNode named = awaitIndicator(hubToken, complex, i -> true);
        assertThat(named.get("status").asString()).isEqualTo("unmatchable");
        assertThat(named.get("reason").asString()).contains("AND");
        assertThat(detectionActive(ip)).isTrue();

        share(bankToken, "?format=stix&tlp=green", bundle(stix(simple, "2026-02-01T00:00:00.000Z", "[ipv4-addr:value = '" + ip + "']", true)));
        JsonNode retired = awaitIndicator(hubToken, simple, i -> i.get("status").asString().equals("retired")
                && i.get("confidence").asInt() == 0); // the confidence is recomputed just after the status
        assertThat(retired.get("reason").asString()).contains("revoked");
        assertThat(retired.get("confidence").asInt()).isZero();
        assertThat(detectionActive(ip)).isFalse();
    }

    @Test
    void anIndicatorDeletedOverTaxiiIsRetiredAndLeavesDetection() throws Exception {
        String ip = uniqueAddress();
        String id = StixSamples.newId("indicator");
        share(bankToken, "?format=stix&tlp=green", bundle(stix(id, "2026-01-01T00:00:00.000Z", "[ipv4-addr:value = '" + ip + "']", false)));
        JsonNode matched = awaitIndicator(hubToken, id, i -> i.get("status").asString().equals("matched"));
        assertThat(detectionActive(ip)).isTrue();

        HttpResponse<String> deleted = new TaxiiClient(port, bankToken)
                .delete(TaxiiClient.objects(matched.get("collection").asString()) + id + "/");
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        JsonNode retired = awaitIndicator(hubToken, id, i -> i.get("status").asString().equals("retired")
                && i.get("confidence").asInt() == 0);
        assertThat(retired.get("reason").asString()).contains("deleted");
        assertThat(detectionActive(ip)).isFalse();
    }

    @Test
    void anIndicatorPastItsValidUntilIsRetired() throws Exception {
        String ip = uniqueAddress();
        String id = StixSamples.newId("indicator");
        String soon = java.time.format.DateTimeFormatter.ISO_INSTANT.format(Instant.now().plusSeconds(3)
                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        String object = stix(id, "2026-01-01T00:00:00.000Z", "[ipv4-addr:value = '" + ip + "']", false)
                .replace("}", ",\"valid_until\":\"" + soon + "\"}");
        share(bankToken, "?format=stix&tlp=green", bundle(object));
        JsonNode first = awaitIndicator(hubToken, id, i -> !i.get("status").asString().isEmpty());
        assertThat(first.get("status").asString()).isIn("matched", "retired");
        // No new version arrives: only the expiry check can retire it.
        JsonNode retired = awaitIndicator(hubToken, id, i -> i.get("status").asString().equals("retired"));
        assertThat(retired.get("reason").asString()).contains("valid_until");
        assertThat(detectionActive(ip)).isFalse();
    }

    @Autowired
    org.finres.detection.Indicators detection;

    private boolean detectionActive(String ip) {
        return detection.list(SETUP, "ipv4", ip, null, 10).stream().anyMatch(i -> i.value().equals(ip) && i.active());
    }

    private static String stix(String id, String modified, String pattern, boolean revoked) {
        return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"2026-01-01T00:00:00.000Z\","
                + "\"modified\":\"" + modified + "\",\"name\":\"C2\",\"pattern\":\"" + pattern + "\",\"pattern_type\":\"stix\","
                + "\"valid_from\":\"2026-01-01T00:00:00Z\"" + (revoked ? ",\"revoked\":true" : "") + "}";
    }

    private static String bundle(String... objects) {
        return "{\"type\":\"bundle\",\"id\":\"" + StixSamples.newId("bundle") + "\",\"objects\":[" + String.join(",", objects) + "]}";
    }

    // ---- helpers

    private String uniqueAddress() {
        for (int tries = 0; tries < 50; tries++) {
            String ip = address();
            try {
                if (json(get(hubToken, "/api/v1/intel/indicators?q=" + ip + "&limit=500")).get("indicators").isEmpty()) {
                    return ip;
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no unused address left in 203.0.113.0/24");
    }

    private JsonNode share(String token, String query, String csv) throws Exception {
        return new ShareClient(port, token).shared(query, "text/csv", csv);
    }

    private static String indicatorId(JsonNode summary) {
        for (JsonNode o : summary.get("objects")) {
            if (o.get("type").asString().equals("indicator")) return o.get("id").asString();
        }
        throw new AssertionError("no indicator in " + summary);
    }

    private JsonNode awaitIndicator(String token, String stixId, Predicate<JsonNode> ready) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120)); // analysis runs in the background: generous under load
        JsonNode last = null;
        do {
            HttpResponse<String> r = get(token, "/api/v1/intel/indicators/" + stixId);
            if (r.statusCode() == 200) {
                last = json(r);
                if (ready.test(last)) return last;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("indicator " + stixId + " never reached the expected state; last: " + last);
    }

    private void awaitStored(InstitutionId member, String ip) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Instant now = Instant.now();
            if (!events.search(SETUP, new EventQuery(now.minus(Duration.ofHours(1)), now.plusSeconds(60), member, null,
                    null, null, ip, null, 10)).events().isEmpty()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the event naming " + ip + " was never stored");
    }

    private JsonNode taxiiSightings(String token, String collection, String stixId) throws Exception {
        HttpResponse<String> r = new TaxiiClient(port, token).get(TaxiiClient.objects(collection)
                + TaxiiClient.query("match[type]", "sighting"));
        if (r.statusCode() == 404) return ShareClient.JSON.createArrayNode();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        var out = ShareClient.JSON.createArrayNode();
        JsonNode objects = TaxiiClient.json(r).get("objects");
        if (objects != null) {
            objects.forEach(o -> {
                if (o.get("sighting_of_ref").asString().equals(stixId)) out.add(o);
            });
        }
        return out;
    }

    private JsonNode alerts(String query) throws Exception {
        HttpResponse<String> r = get(hubToken, "/api/v1/alerts?" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("alerts");
    }

    private void sendConnection(String token, String ip) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/events"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("CEF:0|Fortinet|FortiGate|7.2.5|13|traffic allowed|3|rt="
                        + Instant.now().toEpochMilli() + " src=10.9.8.7 dst=" + ip + " spt=40000 dpt=443 proto=6 act=accept"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    private HttpResponse<String> get(String token, String path) throws Exception {
        return hub().get(token, path);
    }

    private HttpResponse<String> post(String token, String path, String body) throws Exception {
        return hub().post(token, path, body);
    }

    private HttpResponse<String> delete(String token, String path) throws Exception {
        return hub().delete(token, path);
    }

    private static JsonNode json(HttpResponse<String> r) {
        return ShareClient.JSON.readTree(r.body());
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
