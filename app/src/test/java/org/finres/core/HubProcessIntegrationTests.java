package org.finres.core;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.finres.FinresApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub as a real process: SIGTERM shuts it down cleanly (PostgreSQL stopped, nothing left running), and after
 * SIGKILL the next start takes over the orphaned database and finds the data intact.
 */
class HubProcessIntegrationTests {

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void sigtermStopsCleanlyAndSigkillLeavesAUsableDataFolder() throws Exception {
        int port = freePort();
        Path log1 = dataDir.resolve("run1.log");
        Process first = startHub(port, log1);
        awaitHealthy(port, first, log1);
        first.destroy(); // SIGTERM
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("hub exits after SIGTERM").isTrue();
        assertThat(Files.readString(log1)).contains("Embedded PostgreSQL stopped");
        assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();

        Path log2 = dataDir.resolve("run2.log");
        Process second = startHub(port, log2);
        awaitHealthy(port, second, log2);
        assertThat(Files.readString(log2)).contains("Demo sector already in place");
        second.destroyForcibly(); // SIGKILL: PostgreSQL is orphaned with its data folder
        second.waitFor(30, TimeUnit.SECONDS);
        assertThat(dataDir.resolve("postgres/postmaster.pid")).exists();

        Path log3 = dataDir.resolve("run3.log");
        Process third = startHub(port, log3);
        try {
            awaitHealthy(port, third, log3);
            String output = Files.readString(log3);
            assertThat(output).contains("left running on").contains("Demo sector already in place");
        } finally {
            third.destroy();
            third.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private Process startHub(int port, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                FinresApplication.class.getName(), "--finres.database.data-dir=" + dataDir, "--finres.database.url=",
                "--server.port=" + port, "--finres.demo.enabled=true", "--spring.main.banner-mode=off");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private void awaitHealthy(int port, Process process, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("hub exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("UP")) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
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
