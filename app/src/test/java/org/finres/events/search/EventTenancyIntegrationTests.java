package org.finres.events.search;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Role;
import org.finres.core.TokenScope;
import org.finres.events.internal.completeness.SourceTracker;
import org.finres.events.internal.store.DeadLetterStore;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.finres.testing.WebVisitor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One institution never sees another's events, dead letters or sources, through the API or the pages, and every
 * refusal is in the audit trail; replay of dead letters; the silent-source watch.
 */
@HubIntegrationTest
class EventTenancyIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DeadLetterStore deadLetterStore;
    @Autowired
    SourceTracker tracker;
    @Autowired
    SilentSourceWatch watch;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    HttpResponse<String> api(String token, String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    long deniedOn(InstitutionId target) {
        return jdbc.sql("select count(*) from audit_log where action = 'access.denied' and target_institution = :t")
                .param("t", target.value()).query(Long.class).single();
    }

    /** Two banks, each with one event and one dead letter; returns the other bank's event id. */
    record Sector(InstitutionId own, InstitutionId other, String otherEventId, String otherEventTime, long otherLetter) {
    }

    Sector twoBanks(String prefix) throws Exception {
        InstitutionId own = sector.institution(prefix + "-own", InstitutionKind.BANK);
        InstitutionId other = sector.institution(prefix + "-other", InstitutionKind.BANK);
        for (InstitutionId bank : new InstitutionId[] {own, other}) {
            String writer = sector.token(bank, TokenScope.EVENTS_WRITE);
            assertThat(api(writer, "POST", "/api/v1/events", EventSearchIntegrationTests.finding("t-" + bank.value(),
                    Instant.now().minusSeconds(60), 3, "tenant " + bank.value(), "192.0.2.77")).statusCode()).isEqualTo(202);
            deadLetterStore.add(bank, Instant.now(), "http", null, "unreadable", "not an event at all {".getBytes(StandardCharsets.UTF_8));
        }
        JsonNode otherEvent = json.readTree(api(sector.token(other, TokenScope.READ), "GET", "/api/v1/events/search", null)
                .body()).get("events").get(0);
        long otherLetter = deadLetterStore.recent(other, false, null, 1).getFirst().id();
        return new Sector(own, other, otherEvent.get("eventId").asString(), otherEvent.get("eventTime").asString(),
                otherLetter);
    }

    @Test
    void anInstitutionsTokenSeesOnlyItsOwnEventsDeadLettersAndSourcesAndEachRefusalIsAudited() throws Exception {
        Sector s = twoBanks("iso");
        String reader = sector.token(s.own(), TokenScope.READ);
        long deniedBefore = deniedOn(s.other());

        for (String path : new String[] {"/api/v1/events/search?institution=" + s.other().value(),
                "/api/v1/events/histogram?institution=" + s.other().value(),
                "/api/v1/events/" + s.other().value() + "/" + s.otherEventId() + "?time=" + s.otherEventTime(),
                "/api/v1/events/dead-letters?institution=" + s.other().value(),
                "/api/v1/events/sources?institution=" + s.other().value()}) {
            HttpResponse<String> r = api(reader, "GET", path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).doesNotContain("tenant " + s.other().value());
        }
        HttpResponse<String> replay = api(sector.token(s.own(), TokenScope.ADMIN), "POST",
                "/api/v1/events/dead-letters/" + s.otherLetter() + "/replay", null);
        assertThat(replay.statusCode()).isEqualTo(404);
        assertThat(deniedOn(s.other()) - deniedBefore).isEqualTo(6);

        // Unfiltered, it sees its own and nothing else.
        JsonNode events = json.readTree(api(reader, "GET", "/api/v1/events/search?observable=192.0.2.77", null).body());
        events.get("events").forEach(e -> assertThat(e.get("institution").asString()).isEqualTo(s.own().value()));
        assertThat(events.get("events")).isNotEmpty();
        JsonNode letters = json.readTree(api(reader, "GET", "/api/v1/events/dead-letters", null).body());
        letters.forEach(l -> assertThat(l.get("institution").asString()).isEqualTo(s.own().value()));
        JsonNode sources = json.readTree(api(reader, "GET", "/api/v1/events/sources", null).body());
        assertThat(sources).isNotEmpty();
        sources.forEach(src -> assertThat(src.get("institution").asString()).isEqualTo(s.own().value()));

        // The hub sees both; a write-only token sees nothing, and that refusal is audited too.
        String hub = sector.token(InstitutionId.HUB, TokenScope.READ);
        JsonNode both = json.readTree(api(hub, "GET", "/api/v1/events/search?observable=192.0.2.77&limit=500", null).body());
        java.util.Set<String> seen = new java.util.HashSet<>();
        both.get("events").forEach(e -> seen.add(e.get("institution").asString()));
        assertThat(seen).contains(s.own().value(), s.other().value());
        assertThat(api(sector.token(s.own(), TokenScope.EVENTS_WRITE), "GET", "/api/v1/events/search", null)
                .statusCode()).isEqualTo(403);
    }

    @Test
    void anInstitutionsAnalystCannotOpenAnothersEventsDeadLettersOrSourcesInThePages() throws Exception {
        Sector s = twoBanks("pages");
        WebVisitor visitor = new WebVisitor(port, "en");
        visitor.login(sector.user(s.own(), Role.INSTITUTION_ANALYST).username());
        long deniedBefore = deniedOn(s.other());

        for (String path : new String[] {"/events?institution=" + s.other().value(),
                "/events/histogram?institution=" + s.other().value(),
                "/events/" + s.other().value() + "/" + s.otherEventId(),
                "/events/dead-letters?institution=" + s.other().value(),
                "/events/sources?institution=" + s.other().value()}) {
            HttpResponse<String> r = visitor.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).doesNotContain("tenant " + s.other().value());
        }
        assertThat(visitor.post("/events/dead-letters/" + s.otherLetter() + "/replay", Map.of()).statusCode()).isEqualTo(404);
        assertThat(deniedOn(s.other()) - deniedBefore).isEqualTo(6);

        HttpResponse<String> own = visitor.get("/events");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("tenant " + s.own().value()).doesNotContain("tenant " + s.other().value());
        HttpResponse<String> letters = visitor.get("/events/dead-letters");
        assertThat(letters.body()).contains("not an event at all {").doesNotContain("data-testid=\"replay\"");
    }

    @Test
    void aDeadLetterThatDecodesNowIsReplayedAndOneThatStillFailsStaysPendingWithTheNewReason() throws Exception {
        InstitutionId bank = sector.institution("replay", InstitutionKind.BANK);
        String cef = EventSearchIntegrationTests.CEF.replace("Blocked connection", "Replayed " + bank.value());
        // As if an older mapping had refused this CEF line.
        long fixed = deadLetterStore.add(bank, Instant.now(), "http", "CEF", "old mapping refused it",
                cef.getBytes(StandardCharsets.UTF_8));
        long broken = deadLetterStore.add(bank, Instant.now(), "http", null, "not a format",
                "\u0001\u0002 still garbage".getBytes(StandardCharsets.UTF_8));

        String analyst = sector.token(bank, TokenScope.READ);
        assertThat(api(analyst, "POST", "/api/v1/events/dead-letters/" + fixed + "/replay", null).statusCode()).isEqualTo(403);

        String admin = sector.token(bank, TokenScope.ADMIN);
        JsonNode ok = json.readTree(api(admin, "POST", "/api/v1/events/dead-letters/" + fixed + "/replay", null).body());
        assertThat(ok.get("outcome").asString()).isEqualTo("replayed");
        assertThat(ok.get("stored").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from security_event where institution_id = :i and source_name = 'replay/cef'")
                .param("i", bank.value()).query(Long.class).single()).isEqualTo(1);
        assertThat(deadLetterStore.find(fixed).orElseThrow().replayedAt()).isNotNull();
        assertThat(api(admin, "POST", "/api/v1/events/dead-letters/" + fixed + "/replay", null).statusCode()).isEqualTo(409);

        JsonNode failed = json.readTree(api(admin, "POST", "/api/v1/events/dead-letters/" + broken + "/replay", null).body());
        assertThat(failed.get("outcome").asString()).isEqualTo("still-undecodable");
        var letter = deadLetterStore.find(broken).orElseThrow();
        assertThat(letter.replayedAt()).isNull();
        assertThat(letter.replayOutcome()).startsWith("still undecodable");
        assertThat(deadLetterStore.recent(bank, true, null, 10)).extracting(l -> l.id()).containsExactly(broken);

        // The page offers replay to the institution's administrator, and the form post works with CSRF.
        WebVisitor visitor = new WebVisitor(port, "en");
        visitor.login(sector.user(bank, Role.INSTITUTION_ADMIN).username());
        HttpResponse<String> page = visitor.get("/events/dead-letters");
        assertThat(page.body()).contains("data-testid=\"replay\"").contains("\\x01\\x02 still garbage");
        HttpResponse<String> again = visitor.post("/events/dead-letters/" + broken + "/replay", Map.of());
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(visitor.get("/events/dead-letters").body()).contains("data-testid=\"replay-notice\"");
    }

    @Test
    void aSourceThatStopsSendingIsFoundSilentAndShownSo() throws Exception {
        InstitutionId bank = sector.institution("silent", InstitutionKind.PAYMENT);
        api(sector.token(bank, TokenScope.EVENTS_WRITE), "POST", "/api/v1/events", EventSearchIntegrationTests.CEF);
        tracker.setExpectedInterval(bank, "http/cef", Duration.ofSeconds(1));
        Thread.sleep(1_500);
        watch.check();

        JsonNode sources = json.readTree(api(sector.token(bank, TokenScope.READ), "GET", "/api/v1/events/sources", null).body());
        assertThat(sources).singleElement().satisfies(src -> {
            assertThat(src.get("silent").asBoolean()).isTrue();
            assertThat(src.get("eventsTotal").asLong()).isEqualTo(1);
        });
        WebVisitor visitor = new WebVisitor(port, "zh-TW");
        visitor.login(sector.user(bank, Role.INSTITUTION_ANALYST).username());
        visitor.post("/language", Map.of("lang", "zh-TW", "return", "/"));
        HttpResponse<String> page = visitor.get("/events/sources");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-testid=\"silent\"").contains("已靜默");
    }
}
