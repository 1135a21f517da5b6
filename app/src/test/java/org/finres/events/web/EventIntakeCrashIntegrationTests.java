package org.finres.events.web;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.finres.FinresApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streams batches into a real hub process, kills it with SIGKILL while batches are in flight, restarts it on the
 * same data folder, and checks that every event of every acknowledged batch is stored.
 */
class EventIntakeCrashIntegrationTests {

    private static final Pattern TOKEN = Pattern.compile("export FINRES_TOKEN=(frs_\\S+)");

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void sigkillMidStreamLosesNoAcknowledgedEvent() throws Exception {
        int port = freePort();
        int dbPort = freePort();
        Path log1 = dataDir.resolve("run1.log");
        Process hub = start(port, dbPort, log1);
        awaitHealthy(port, hub, log1);
        Matcher m = TOKEN.matcher(Files.readString(log1));
        assertThat(m.find()).as("demo prints the hub token").isTrue();
        String sender = issueEventsToken(port, m.group(1));

        List<Integer> acknowledgedBatches = new ArrayList<>();
        AtomicBoolean killed = new AtomicBoolean();
        Thread killer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(2_500);
                hub.destroyForcibly(); // SIGKILL, mid-stream
                killed.set(true);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        for (int batch = 0; batch < 10_000 && !killed.get(); batch++) {
            try {
                HttpResponse<String> response = send(port, sender, batch);
                if (response.statusCode() == 202) {
                    JsonNode receipt = json.readTree(response.body());
                    assertThat(receipt.get("accepted").asInt() + receipt.get("duplicates").asInt()).isEqualTo(100);
                    acknowledgedBatches.add(batch);
                }
            } catch (IOException connectionLost) {
                break;
            }
        }
        killer.join();
        hub.waitFor(30, TimeUnit.SECONDS);
        assertThat(acknowledgedBatches).as("batches acknowledged before the kill").isNotEmpty();

        Path log2 = dataDir.resolve("run2.log");
        Process restarted = start(port, dbPort, log2);
        try {
            awaitHealthy(port, restarted, log2);
            Set<String> stored = new HashSet<>();
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + dbPort + "/finres", "postgres", "");
                 ResultSet rs = c.createStatement().executeQuery(
                         "select message from security_event where institution_id = 'taipei-first-bank' and message like 'crash-%'")) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
            List<String> missing = new ArrayList<>();
            for (int batch : acknowledgedBatches) {
                for (int i = 0; i < 100; i++) {
                    String message = "crash-" + batch + "-" + i;
                    if (!stored.contains(message)) {
                        missing.add(message);
                    }
                }
            }
            assertThat(missing).as("acknowledged events missing after SIGKILL (" + acknowledgedBatches.size()
                    + " batches acknowledged)").isEmpty();
        } finally {
            restarted.destroy();
            restarted.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private HttpResponse<String> send(int port, String token, int batch) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            body.append("<13>1 2026-11-21T10:00:00.").append(String.format("%03d", i)).append("Z core-bank sshd ")
                    .append(batch).append(" - - crash-").append(batch).append('-').append(i).append('\n');
        }
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/events"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String issueEventsToken(int port, String hubToken) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/tokens"))
                .header("Authorization", "Bearer " + hubToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"institutionId\":\"taipei-first-bank\",\"name\":\"crash test forwarder\",\"scopes\":[\"events:write\"]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).get("secret").asString();
    }

    private Process start(int port, int dbPort, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                FinresApplication.class.getName(), "--finres.database.data-dir=" + dataDir, "--finres.database.url=",
                "--finres.database.embedded-port=" + dbPort, "--server.port=" + port, "--finres.demo.enabled=true")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private void awaitHealthy(int port, Process process, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("hub exited:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("hub not healthy within 120 s:\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
