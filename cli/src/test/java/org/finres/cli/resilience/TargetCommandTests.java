package org.finres.cli.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.finres.cli.testing.CliRun.finres;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.finres.cli.ExitStatus;
import org.finres.cli.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code finres resilience target start}: the router, primary and standby run as child processes started through
 * the CLI's hidden per-process entry point, answer on the front port, and stop when the command is interrupted.
 */
class TargetCommandTests {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @Test
    void startRunsTheThreeProcessesUntilInterrupted(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        AtomicReference<CliRun> result = new AtomicReference<>();
        Thread cli = Thread.ofPlatform().start(() -> result.set(finres(Map.of(), "resilience", "target", "start",
                "--dir", dir.toString(), "--port", Integer.toString(port))));
        URI front = URI.create("http://127.0.0.1:" + port);
        String role = awaitBody(front.resolve("/role"));
        assertThat(role).contains("\"node\":\"a\"", "\"role\":\"primary\"");
        HttpResponse<String> transfer = http.send(HttpRequest.newBuilder(front.resolve("/transfers"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"t1\",\"from\":\"alice\",\"to\":\"bob\","
                        + "\"amount\":\"5.00\"}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(transfer.statusCode()).isEqualTo(201);
        assertThat(Files.readString(dir.resolve("router.log"))).contains("ready router port=" + port);
        assertThat(Files.exists(dir.resolve("primary.pid"))).isTrue();
        // The command is started only once the standby has attached (the front answers before that); interrupting
        // it earlier is an interrupted start, not a stop.
        java.time.Instant attachDeadline = java.time.Instant.now().plusSeconds(60);
        while (!(Files.exists(dir.resolve("b.log")) && Files.readString(dir.resolve("b.log")).contains("node b: attached"))
                && java.time.Instant.now().isBefore(attachDeadline)) {
            Thread.sleep(100);
        }
        Thread.sleep(1_000); // the command's readiness poll runs every 200 ms

        cli.interrupt();
        cli.join(60_000);
        assertThat(result.get().exitCode()).as(result.get().toString()).isEqualTo(ExitStatus.OK.code());
        assertThat(result.get().out()).contains("e-banking target running in " + dir, "front    " + front,
                "(node a pid ", "(node b pid ");
        long pid = Long.parseLong(Files.readString(dir.resolve("primary.pid")).strip());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void theHiddenProcessEntryPointRefusesBadArguments() {
        CliRun run = finres(Map.of(), "resilience", "target", "process", "node", "--role", "primary");
        assertThat(run.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(run.err()).contains("--name is required");
    }

    private String awaitBody(URI uri) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return r.body();
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the target's front did not answer within 90 s");
    }
}
