package org.finres.events.search;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.Role;
import org.finres.core.TokenScope;
import org.finres.events.internal.store.DeadLetterStore;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.finres.testing.WebVisitor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The explorer, an event's page, sources and dead letters render for the hub in both languages. */
@HubIntegrationTest
class EventPagesIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    DeadLetterStore deadLetters;

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-TW"})
    void eventPagesRenderInBothLanguages(String language) throws Exception {
        InstitutionId bank = sector.institution("render", InstitutionKind.BANK);
        HttpResponse<String> sent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/events"))
                .header("Authorization", "Bearer " + sector.token(bank, TokenScope.EVENTS_WRITE))
                .POST(HttpRequest.BodyPublishers.ofString(EventSearchIntegrationTests.finding("r-" + bank.value(),
                        Instant.now().minusSeconds(5), 4, "render <b>me</b>", "192.0.2.5"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        deadLetters.add(bank, Instant.now(), "http", null, "unreadable", "\u001b[31mbad".getBytes(StandardCharsets.UTF_8));
        boolean english = language.equals("en");
        WebVisitor visitor = new WebVisitor(port, language);
        visitor.login(sector.user(InstitutionId.HUB, Role.HUB_ADMIN).username());
        // The user's own language wins over the browser's, so the test switches it as a visitor would.
        visitor.post("/language", Map.of("lang", language, "return", "/"));

        HttpResponse<String> explorer = visitor.get("/events?institution=" + bank.value());
        assertThat(explorer.statusCode()).isEqualTo(200);
        assertThat(explorer.body()).contains(english ? "Security events" : "資安事件")
                .contains("render &lt;b&gt;me&lt;/b&gt;").contains("data-testid=\"event-histogram\"")
                .contains("/js/events.js").doesNotContain("<script>");
        String link = explorer.body().replaceAll("(?s).*href=\"(/events/" + bank.value() + "/[^\"]+)\".*", "$1")
                .replace("&amp;", "&");
        HttpResponse<String> detail = visitor.get(link);
        assertThat(detail.statusCode()).as(link).isEqualTo(200);
        assertThat(detail.body()).contains(english ? "OCSF document" : "OCSF 文件").contains("&quot;class_uid&quot; : 2004");

        HttpResponse<String> histogram = visitor.get("/events/histogram?range=1h&institution=" + bank.value());
        assertThat(histogram.statusCode()).isEqualTo(200);
        assertThat(histogram.body()).contains("\"bucketSeconds\":60");

        for (String path : List.of("/events/sources", "/events/dead-letters")) {
            HttpResponse<String> page = visitor.get(path + "?institution=" + bank.value());
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.body()).contains(english ? "Dead letters" : "無法解析的輸入").contains(english ? "Sources" : "事件來源");
        }
        assertThat(visitor.get("/events/dead-letters?institution=" + bank.value()).body())
                .contains("\\x1b[31mbad").contains(english ? "Replay" : "重新處理");
        assertThat(visitor.get("/").body()).contains("href=\"/events\"");
    }
}
