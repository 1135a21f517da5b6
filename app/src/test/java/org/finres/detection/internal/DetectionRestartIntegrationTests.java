package org.finres.detection.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.finres.core.Actor;
import org.finres.core.InstitutionId;
import org.finres.core.InstitutionKind;
import org.finres.core.TokenScope;
import org.finres.detection.RuleCatalogue;
import org.finres.detection.RuleScope;
import org.finres.events.CommittedEventLog;
import org.finres.testing.HubIntegrationTest;
import org.finres.testing.TestSector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Detection survives a restart of the hub: correlation windows are saved and restored, and events committed while
 * detection was down are found again in the store from the saved checkpoint.
 */
@HubIntegrationTest
class DetectionRestartIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    TestSector sector;
    @Autowired
    RuleCatalogue catalogue;
    @Autowired
    DetectionWorker worker;
    @Autowired
    RuleStore rules;
    @Autowired
    DetectionProperties properties;
    @Autowired
    IndicatorMatching indicators;
    @Autowired
    AlertWriter writer;
    @Autowired
    CommittedEventLog eventLog;
    @Autowired
    DetectionStateStore state;
    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aCorrelationWindowOpenBeforeARestartCompletesWithEventsCommittedWhileDetectionWasDown() throws Exception {
        catalogue.importShippedPack(new Actor.SystemProcess("test-setup"), "demo", RuleScope.HUB);
        InstitutionId bank = sector.institution("restart", InstitutionKind.BANK);
        String writerToken = sector.token(bank, TokenScope.EVENTS_WRITE);
        String guesser = "192.0.2." + (100 + (int) (System.nanoTime() % 100));
        Instant now = Instant.now();
        for (int n = 0; n < 3; n++) {
            assertThat(send(writerToken, failedLogon(guesser, now, n)).statusCode()).isEqualTo(202);
        }
        awaitSettled(worker);
        worker.stop();
        assertThat(state.state()).isPresent();

        // Committed while detection is down: the live hand-off drops them, the store keeps them.
        for (int n = 3; n < 5; n++) {
            assertThat(send(writerToken, failedLogon(guesser, now, n)).statusCode()).isEqualTo(202);
        }
        assertThat(correlationAlerts(bank, guesser)).isZero();

        // A new worker with a new engine, as after a restart of the hub: it restores the windows and catches up.
        DetectionWorker restarted = new DetectionWorker(new DetectionEngines(rules, properties), indicators, writer,
                eventLog, state, properties, Clock.systemUTC(), new SimpleMeterRegistry());
        restarted.start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (correlationAlerts(bank, guesser) == 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            assertThat(correlationAlerts(bank, guesser)).isEqualTo(1);
        } finally {
            restarted.stop();
            worker.start();
        }
    }

    @Test
    void aWorkerThatCannotQueueABatchFindsItsEventsInTheStoreAndEvaluatesEachOnce() throws Exception {
        catalogue.importShippedPack(new Actor.SystemProcess("test-setup"), "demo", RuleScope.HUB);
        InstitutionId bank = sector.institution("overflow", InstitutionKind.BANK);
        String writerToken = sector.token(bank, TokenScope.EVENTS_WRITE);
        awaitSettled(worker);
        worker.stop();
        // Room for one event only: any real batch overflows and must be found again in the store.
        DetectionProperties tiny = new DetectionProperties(true, 1, 1, properties.suppression(),
                properties.sectorSuppression(), properties.lateness(), properties.maxGroups(),
                properties.evidencePerAlert(), properties.replayMargin(), properties.stateEvery(),
                properties.factRetention(), false, properties.maxUpload());
        DetectionWorker small = new DetectionWorker(new DetectionEngines(rules, tiny), indicators, writer, eventLog,
                state, tiny, Clock.systemUTC(), new SimpleMeterRegistry());
        small.start();
        try {
            awaitSettled(small);
            Instant before = Instant.now().minusSeconds(1);
            String attacker = "203.0.113." + (200 + (int) (System.nanoTime() % 50));
            String cef = "CEF:0|Fortinet|FortiGate|7.2.5|13|traffic denied|8|rt=%d src=" + attacker
                    + " spt=5%d dst=10.1.1.1 dpt=3389 proto=6 act=deny";
            assertThat(send(writerToken, String.format(cef, Instant.now().toEpochMilli(), 1) + "\n"
                    + String.format(cef, Instant.now().toEpochMilli() + 1, 2)).statusCode()).isEqualTo(202);
            java.util.List<org.finres.events.CommittedEvent> committed = eventLog.after(before, null, 10_000).stream()
                    .filter(e -> e.institution().equals(bank)).toList();
            assertThat(committed).hasSize(2);

            small.accept(committed);

            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            long hits = 0;
            while (hits < 2 && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
                hits = jdbc.sql("select coalesce(sum(hits), 0) from detection_alert where institution_id = :i")
                        .param("i", bank.value()).query(Long.class).single();
            }
            awaitSettled(small);
            assertThat(jdbc.sql("select count(*) from detection_alert where institution_id = :i")
                    .param("i", bank.value()).query(Long.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("select hits from detection_alert where institution_id = :i")
                    .param("i", bank.value()).query(Long.class).single()).as("each event evaluated once").isEqualTo(2);
        } finally {
            small.stop();
            worker.start();
        }
    }

    private long correlationAlerts(InstitutionId bank, String address) {
        return jdbc.sql("""
                select count(*) from detection_alert where institution_id = :i and kind = 'correlation'
                and group_values ->> 'src_ip' = :ip
                """).param("i", bank.value()).param("ip", address).query(Long.class).single();
    }

    static void awaitSettled(DetectionWorker worker) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Thread.sleep(300);
        while (!worker.settled() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        Thread.sleep(300);
    }

    static String failedLogon(String src, Instant time, int n) {
        return "{\"@timestamp\":\"" + time.plusMillis(n) + "\",\"event\":{\"category\":[\"authentication\"],"
                + "\"type\":[\"start\"],\"outcome\":\"failure\",\"id\":\"restart-" + n + "-" + System.nanoTime() + "\"},"
                + "\"source\":{\"ip\":\"" + src + "\"},\"user\":{\"name\":\"admin\"}}";
    }

    private HttpResponse<String> send(String token, String line) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/events"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(line)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
