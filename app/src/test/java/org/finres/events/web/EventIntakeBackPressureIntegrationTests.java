package org.finres.events.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.finres.FinresApplication;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.TokenScope;
import org.finres.testing.TestDatabase;
import org.finres.testing.TestSector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flood far beyond an intake of one batch at a time with no waiting room: the excess is refused with 429 and
 * Retry-After, never queued without bound or dropped silently, and every acknowledged event is stored.
 */
@SpringBootTest(classes = FinresApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"finres.events.intake.concurrent-batches=1", "finres.events.intake.waiting-batches=0",
                "finres.events.intake.admission-wait=0ms"})
@ContextConfiguration(initializers = TestDatabase.Initializer.class)
@Import(TestSector.class)
class EventIntakeBackPressureIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    JdbcClient jdbc;

    @Test
    void floodBeyondCapacityIsRefusedWithRetryAfterAndEveryAcknowledgedEventIsStored() throws Exception {
        InstitutionId bank = sector.institution("flood", InstitutionKind.BANK);
        String token = sector.token(bank, TokenScope.EVENTS_WRITE);
        HttpClient http = HttpClient.newHttpClient();
        JsonMapper json = JsonMapper.builder().build();
        List<Callable<HttpResponse<String>>> senders = new ArrayList<>();
        for (int batch = 0; batch < 24; batch++) {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < 400; i++) {
                body.append("CEF:0|Acme|Firewall|1.0|100|Blocked|5|rt=1795313731000 src=198.51.100.").append(i % 250)
                        .append(" msg=flood-").append(batch).append('-').append(i).append('\n');
            }
            String payload = body.toString();
            senders.add(() -> http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/events"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        int acknowledged = 0;
        int refused = 0;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<HttpResponse<String>> future : pool.invokeAll(senders)) {
                HttpResponse<String> response = future.get();
                switch (response.statusCode()) {
                    case 202 -> acknowledged += json.readTree(response.body()).get("accepted").asInt();
                    case 429 -> {
                        refused++;
                        assertThat(response.headers().firstValue("Retry-After")).isPresent();
                        assertThat(response.body()).contains("intake is full");
                    }
                    default -> throw new AssertionError("unexpected " + response.statusCode() + ": " + response.body());
                }
            }
        }
        assertThat(refused).as("some batches refused").isPositive();
        assertThat(acknowledged).as("some batches accepted").isPositive();
        long stored = jdbc.sql("select count(*) from security_event where institution_id = :i").param("i", bank.value())
                .query(Long.class).single();
        assertThat(stored).isEqualTo(acknowledged);
    }
}
