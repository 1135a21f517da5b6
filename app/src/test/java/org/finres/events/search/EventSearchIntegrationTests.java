package org.finres.events.search;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.TokenScope;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Event search over the REST API: filters, keyset paging while events arrive, histogram, one event in full. */
@HubIntegrationTest
class EventSearchIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    /** An OCSF detection finding with its own id (so a resend is one event), time, severity and message. */
    static String finding(String uid, Instant time, int severity, String message, String ip) {
        return "{\"class_uid\":2004,\"category_uid\":2,\"activity_id\":1,\"type_uid\":200401,\"severity_id\":" + severity
                + ",\"time\":" + time.toEpochMilli() + ",\"message\":\"" + message + "\",\"metadata\":{\"uid\":\"" + uid
                + "\",\"product\":{\"name\":\"EDR\",\"vendor_name\":\"Acme\"},\"version\":\"1.9.0\"},"
                + "\"finding_info\":{\"uid\":\"" + uid + "\",\"title\":\"Suspicious\"},"
                + "\"observables\":[{\"name\":\"src_endpoint.ip\",\"type_id\":2,\"value\":\"" + ip + "\"}]}";
    }

    static final String CEF = "CEF:0|Fortinet|FortiGate|7.2|13|Blocked connection|7|src=198.51.100.7 dst=10.1.2.3 "
            + "spt=51515 dpt=443 act=blocked msg=blocked by policy";

    HttpResponse<String> send(String token, String lines) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/events"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(lines)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isIn(202, 400);
        return r;
    }

    HttpResponse<String> get(String token, String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode getJson(String token, String pathAndQuery) throws Exception {
        HttpResponse<String> r = get(token, pathAndQuery);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void filtersByClassSeverityLiteralTextAndObservable() throws Exception {
        InstitutionId bank = sector.institution("search", InstitutionKind.BANK);
        String writer = sector.token(bank, TokenScope.EVENTS_WRITE);
        String reader = sector.token(bank, TokenScope.READ);
        Instant t = Instant.now().minusSeconds(600);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        send(writer, String.join("\n",
                finding(tag + "-1", t, 2, "low 50% match " + tag, "192.0.2.1"),
                finding(tag + "-2", t.plusSeconds(1), 5, "critical 50_ match " + tag, "192.0.2.2"),
                finding(tag + "-3", t.plusSeconds(2), 4, "high Match " + tag, "192.0.2.3"),
                CEF));

        JsonNode all = getJson(reader, "/api/v1/events/search?limit=500");
        assertThat(all.get("events")).hasSize(4);
        assertThat(all.get("next").isNull()).isTrue();
        JsonNode first = all.get("events").get(0);
        assertThat(first.get("institution").asString()).isEqualTo(bank.value());
        assertThat(first.get("ocsf").isObject()).isTrue();

        assertThat(ids(getJson(reader, "/api/v1/events/search?class=2004"))).hasSize(3);
        assertThat(messages(getJson(reader, "/api/v1/events/search?class=2004&minSeverity=4")))
                .allMatch(m -> m.startsWith("critical") || m.startsWith("high")).hasSize(2);
        // % and _ are literal: "50%" matches one message, not "50_" as a LIKE pattern would.
        assertThat(messages(getJson(reader, "/api/v1/events/search?text=" + q("50%")))).singleElement()
                .asString().startsWith("low");
        assertThat(messages(getJson(reader, "/api/v1/events/search?text=" + q("MATCH " + tag)))).hasSize(3);
        assertThat(messages(getJson(reader, "/api/v1/events/search?observable=192.0.2.2"))).singleElement()
                .asString().startsWith("critical");
        assertThat(getJson(reader, "/api/v1/events/search?from=" + q(t.minusSeconds(60).toString()) + "&to="
                + q(t.plusMillis(1500).toString())).get("events")).hasSize(2);
    }

    @Test
    void pagesHaveNoDuplicatesAndNoGapsWhileNewEventsArrive() throws Exception {
        InstitutionId bank = sector.institution("paging", InstitutionKind.SECURITIES);
        String writer = sector.token(bank, TokenScope.EVENTS_WRITE);
        String reader = sector.token(bank, TokenScope.READ);
        Instant base = Instant.now().minusSeconds(3600);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            // Pairs share a time, so that the event id must break the tie for paging to be exact.
            lines.add(finding("p-" + bank.value() + "-" + i, base.plusSeconds(i / 2), 3, "page " + i, "192.0.2.9"));
        }
        send(writer, String.join("\n", lines));
        Set<String> original = new HashSet<>(ids(getJson(reader, "/api/v1/events/search?limit=500")));
        assertThat(original).hasSize(25);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = getJson(reader, "/api/v1/events/search?limit=7" + (cursor == null ? "" : "&cursor=" + q(cursor)));
            seen.addAll(ids(page));
            cursor = page.get("next").isNull() ? null : page.get("next").asString();
            // Newer events arrive between pages; they belong before the first page, never inside the walk.
            send(writer, finding("late-" + UUID.randomUUID(), Instant.now(), 3, "late", "192.0.2.10"));
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsExactlyInAnyOrderElementsOf(original);
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void histogramCountsTheSameEventsAsTheSearch() throws Exception {
        InstitutionId bank = sector.institution("histo", InstitutionKind.INSURANCE);
        String writer = sector.token(bank, TokenScope.EVENTS_WRITE);
        String reader = sector.token(bank, TokenScope.READ);
        Instant t = Instant.now().minusSeconds(7200);
        send(writer, String.join("\n", finding("h1-" + bank.value(), t, 2, "a", "192.0.2.1"),
                finding("h2-" + bank.value(), t.plusSeconds(5), 2, "b", "192.0.2.1"),
                finding("h3-" + bank.value(), t.minusSeconds(3600), 2, "c", "192.0.2.1")));
        JsonNode h = getJson(reader, "/api/v1/events/histogram?class=2004");
        assertThat(h.get("bucketSeconds").asLong()).isEqualTo(900);
        long total = 0;
        for (JsonNode b : h.get("buckets")) {
            total += b.get("count").asLong();
        }
        assertThat(total).isEqualTo(3);
        assertThat(h.get("buckets").size()).isBetween(96, 97);
    }

    @Test
    void oneEventComesWithItsWholeOcsfDocumentAndTheReadIsAudited() throws Exception {
        InstitutionId bank = sector.institution("detail", InstitutionKind.BANK);
        String writer = sector.token(bank, TokenScope.EVENTS_WRITE);
        String reader = sector.token(bank, TokenScope.READ);
        send(writer, finding("d-" + bank.value(), Instant.now().minusSeconds(30), 4, "one", "192.0.2.4"));
        JsonNode listed = getJson(reader, "/api/v1/events/search").get("events").get(0);
        String id = listed.get("eventId").asString();

        JsonNode event = getJson(reader, "/api/v1/events/" + bank.value() + "/" + id + "?time="
                + q(listed.get("eventTime").asString()));
        assertThat(event.get("ocsf").get("class_uid").asInt()).isEqualTo(2004);
        assertThat(event.get("ocsf").get("metadata").get("uid").asString()).isEqualTo("d-" + bank.value());
        assertThat(getJson(reader, "/api/v1/events/" + bank.value() + "/" + id).get("eventId").asString()).isEqualTo(id);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'restricted.read' and target_type = "
                + "'security_event' and target_id = :id").param("id", id).query(Long.class).single()).isEqualTo(2);
        assertThat(get(reader, "/api/v1/events/" + bank.value() + "/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        HttpResponse<String> bad = get(reader, "/api/v1/events/search?limit=9999");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
    }

    List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("events").forEach(e -> ids.add(e.get("eventId").asString()));
        return ids;
    }

    List<String> messages(JsonNode page) {
        List<String> messages = new ArrayList<>();
        page.get("events").forEach(e -> messages.add(e.get("message").asString()));
        return messages;
    }
}
