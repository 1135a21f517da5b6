package org.finres.cli.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.finres.cli.testing.CliRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SendCommandTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path folder;

    /** Apart from the events, so that sending the whole folder does not send the state file too. */
    @TempDir
    Path stateFolder;

    private final IntakeStub hub = new IntakeStub();

    @AfterEach
    void stop() {
        hub.close();
    }

    private CliRun send(String... arguments) {
        List<String> all = new ArrayList<>(List.of("events", "send", "--state", stateFolder.resolve("state.json").toString(),
                "--progress", "none", "--backoff", "10"));
        all.addAll(List.of(arguments));
        return CliRun.finres(hub.environment(), all.toArray(String[]::new));
    }

    private static List<String> cefLines(int from, int to) {
        return IntStream.rangeClosed(from, to)
                .mapToObj(i -> "CEF:0|Vendor|Product|1.0|100|Login failed " + i + "|5|src=10.0.0." + i).toList();
    }

    private Path file(String name, List<String> lines) throws IOException {
        Path file = folder.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void sendsLinesInGzippedBatchesOfTheGivenSize() throws IOException {
        Path events = file("cef.log", cefLines(1, 5));

        CliRun run = send("--batch", "2", "--format", "cef", events.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(hub.requests()).hasSize(3).allSatisfy(request -> {
            assertThat(request.contentEncoding()).isEqualTo("gzip");
            assertThat(request.target()).isEqualTo("/api/v1/events?format=cef");
            assertThat(request.authorization()).startsWith("Bearer frs_");
        });
        assertThat(hub.requests()).extracting(r -> r.lines().size()).containsExactly(2, 2, 1);
        assertThat(hub.lines()).isEqualTo(cefLines(1, 5));
        assertThat(run.out()).contains("sent 5 events").contains("accepted 5, duplicates 0, rejected 0");
    }

    @Test
    void waitsOutA429AsRetryAfterSaysThenSucceeds() throws IOException {
        Path events = file("cef.log", cefLines(1, 3));
        hub.script((n, lines) -> n == 1 ? new IntakeStub.Answer(429,
                "{\"title\":\"Too Many Requests\",\"status\":429}", Map.of("Retry-After", "0"))
                : IntakeStub.accepted(lines));

        CliRun run = send(events.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(hub.attempts()).isEqualTo(2);
        assertThat(hub.lines()).isEqualTo(cefLines(1, 3));
        assertThat(run.err()).contains("HTTP 429");
    }

    @Test
    void backsOffOn503AndResendsTheSameBatch() throws IOException {
        Path events = file("cef.log", cefLines(1, 3));
        hub.script((n, lines) -> n <= 2 ? new IntakeStub.Answer(503, "", Map.of()) : IntakeStub.accepted(lines));

        CliRun run = send(events.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(hub.attempts()).isEqualTo(3);
        assertThat(hub.lines()).isEqualTo(cefLines(1, 3));
    }

    @Test
    void aRerunAfterAnInterruptionSendsOnlyWhatWasNotAcknowledged() throws IOException {
        Path events = file("cef.log", cefLines(1, 10));
        hub.script((n, lines) -> n <= 2 ? IntakeStub.accepted(lines) : new IntakeStub.Answer(503, "", Map.of()));

        CliRun interrupted = send("--batch", "2", "--retries", "1", events.toString());

        assertThat(interrupted.exitCode()).as(interrupted.toString()).isEqualTo(3);
        assertThat(hub.lines()).isEqualTo(cefLines(1, 4));
        assertThat(interrupted.err()).contains("sent 4 events");

        hub.script((n, lines) -> IntakeStub.accepted(lines));
        int before = hub.requests().size();
        CliRun rerun = send("--batch", "2", events.toString());

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(hub.lines().subList(4, hub.lines().size())).isEqualTo(cefLines(5, 10));
        assertThat(hub.requests().size() - before).isEqualTo(3);

        CliRun third = send("--batch", "2", events.toString());
        assertThat(third.exitCode()).isZero();
        assertThat(third.out()).contains("sent 0 events").contains("skipped 1 input");
        assertThat(hub.lines()).hasSize(10);
    }

    @Test
    void aChangedFileIsSentAgainFromTheStart() throws IOException {
        Path events = file("cef.log", cefLines(1, 2));
        assertThat(send(events.toString()).exitCode()).isZero();
        Files.write(events, cefLines(1, 3), StandardCharsets.UTF_8);

        send(events.toString());

        assertThat(hub.lines()).hasSize(5);
    }

    @Test
    void splitsConcatenatedPrettyPrintedJsonAndJsonArraysIntoOneEventPerLine() throws IOException {
        String pretty = """
                {
                  "Event": {
                    "System": {"EventID": 1, "Channel": "Microsoft-Windows-Sysmon/Operational"},
                    "EventData": {"Image": "C:\\\\Windows\\\\cmd.exe"}
                  }
                }
                {
                  "Event": {"System": {"EventID": 3}}
                }
                """;
        Files.writeString(folder.resolve("a-concatenated.json"), pretty);
        Files.writeString(folder.resolve("b-array.json"), "[\n {\"class_uid\": 3002},\n {\"class_uid\": 4001}\n]\n");
        Files.writeString(folder.resolve("c-lines.jsonl"), "{\"n\":1}\n\n{\"n\":2}\r\n");

        CliRun run = send(folder.resolve("a-concatenated.json").toString(), folder.resolve("b-array.json").toString(),
                folder.resolve("c-lines.jsonl").toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = hub.lines();
        assertThat(lines).hasSize(6);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.at("/Event/EventData/Image").asString()).isEqualTo("C:\\Windows\\cmd.exe");
        assertThat(JSON.readTree(lines.get(1)).at("/Event/System/EventID").asInt()).isEqualTo(3);
        assertThat(lines.subList(2, 6)).containsExactly("{\"class_uid\":3002}", "{\"class_uid\":4001}",
                "{\"n\":1}", "{\"n\":2}");
        assertThat(hub.requests()).hasSize(1);
    }

    @Test
    void resumesAJsonArrayByCountingItsElements() throws IOException {
        Files.writeString(folder.resolve("array.json"), "[{\"n\":1},{\"n\":2},{\"n\":3},{\"n\":4},{\"n\":5}]");
        hub.script((n, lines) -> n == 1 ? IntakeStub.accepted(lines) : new IntakeStub.Answer(500, "", Map.of()));
        assertThat(send("--batch", "2", "--retries", "0", folder.resolve("array.json").toString()).exitCode())
                .isEqualTo(3);
        hub.script((n, lines) -> IntakeStub.accepted(lines));

        CliRun rerun = send("--batch", "2", folder.resolve("array.json").toString());

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(hub.lines()).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}", "{\"n\":5}");
    }

    @Test
    void sendsAFolderInPathOrderWithGzipAndZipFilesDecompressed() throws IOException {
        file("b/2.log", cefLines(3, 3));
        file("a/1.log", cefLines(1, 2));
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(folder.resolve("c.log.gz")))) {
            gz.write((String.join("\n", cefLines(4, 5)) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(folder.resolve("d.zip")))) {
            zip.putNextEntry(new ZipEntry("y.log"));
            zip.write((cefLines(7, 7).getFirst() + "\n").getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("x.log"));
            zip.write((cefLines(6, 6).getFirst() + "\n").getBytes(StandardCharsets.UTF_8));
        }

        CliRun run = send("--batch", "3", folder.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(hub.lines()).isEqualTo(cefLines(1, 7));
        assertThat(Files.readString(stateFolder.resolve("state.json"))).contains("d.zip!x.log");
    }

    @Test
    void readsStdin() {
        String stdin = String.join("\n", cefLines(1, 3)) + "\n";

        CliRun run = CliRun.finres(hub.environment(), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                "events", "send", "--state", stateFolder.resolve("state.json").toString(), "--progress", "lines", "-");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(hub.lines()).isEqualTo(cefLines(1, 3));
        assertThat(run.err()).contains("finres: sending 3 events");
    }

    @Test
    void printsRejectedEventsWithTheirPlaceAndStillSucceeds() throws IOException {
        Path events = file("mixed.log", cefLines(1, 3));
        hub.script((n, lines) -> new IntakeStub.Answer(202, "{\"accepted\":2,\"duplicates\":0,\"rejected\":1,"
                + "\"rejections\":[{\"index\":1,\"reason\":\"CEF header has 6 fields, expected 7\",\"deadLetter\":\"x\"}]}",
                Map.of()));

        CliRun run = send(events.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("accepted 2, duplicates 0, rejected 1")
                .contains("mixed.log record 2: CEF header has 6 fields, expected 7");
    }

    @Test
    void aRefusedTokenStopsTheRunWithExitCode2() throws IOException {
        Path events = file("cef.log", cefLines(1, 3));
        hub.script((n, lines) -> new IntakeStub.Answer(403,
                "{\"title\":\"Forbidden\",\"status\":403,\"detail\":\"token lacks scope events:write\"}", Map.of()));

        CliRun run = send(events.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Forbidden (HTTP 403): token lacks scope events:write");
    }

    @Test
    void anUnreachableHubEndsWithExitCode3() throws IOException {
        Path events = file("cef.log", cefLines(1, 1));
        String address = hub.url();
        hub.close();

        CliRun run = CliRun.finres(Map.of("FINRES_TOKEN", "frs_abcdefghijklmnop_" + "x".repeat(43)), "events", "send",
                "--hub", address, "--state", stateFolder.resolve("state.json").toString(), "--progress", "none",
                "--retries", "1", "--backoff", "10", events.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).contains("cannot reach the hub");
    }

    @Test
    void syslogTlsNeedsAClientCertificate() throws IOException {
        Path events = file("cef.log", cefLines(1, 1));

        CliRun run = send("--transport", "syslog-tls", events.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--keystore");
        assertThat(hub.attempts()).isZero();
    }

    @Test
    void syslogTlsSendsOctetCountedFramesWithTheInstitutionsCertificate() throws Exception {
        org.finres.demo.DemoPki.Material pki = org.finres.demo.DemoPki.ensure(folder.resolve("pki"), List.of("tls-bank"));
        char[] password = pki.password().toCharArray();
        java.security.KeyStore serverKeys = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(pki.serverKeystore())) {
            serverKeys.load(in, password);
        }
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(pki.truststore())) {
            trust.load(in, password);
        }
        var keyManagers = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(serverKeys, password);
        var trustManagers = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        var context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        try (var server = (javax.net.ssl.SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            server.setNeedClientAuth(true);
            var received = new java.util.concurrent.CompletableFuture<List<String>>();
            var peer = new java.util.concurrent.CompletableFuture<String>();
            Thread.ofVirtual().start(() -> {
                try (var socket = (javax.net.ssl.SSLSocket) server.accept()) {
                    socket.startHandshake();
                    peer.complete(socket.getSession().getPeerPrincipal().getName());
                    var in = new java.io.DataInputStream(socket.getInputStream());
                    List<String> frames = new ArrayList<>();
                    while (frames.size() < 3) {
                        StringBuilder length = new StringBuilder();
                        for (int c; (c = in.read()) != ' '; ) {
                            length.append((char) c);
                        }
                        byte[] frame = new byte[Integer.parseInt(length.toString())];
                        in.readFully(frame);
                        frames.add(new String(frame, StandardCharsets.UTF_8));
                    }
                    received.complete(frames);
                } catch (Exception e) {
                    received.completeExceptionally(e);
                }
            });
            Path events = file("cef.log", cefLines(1, 3));
            Map<String, String> environment = new java.util.HashMap<>(hub.environment());
            environment.put("FINRES_KEYSTORE_PASSWORD", pki.password());

            CliRun run = CliRun.finres(environment, "events", "send", "--state", stateFolder.resolve("s.json").toString(),
                    "--progress", "none", "--transport", "syslog-tls", "--syslog", "127.0.0.1:" + server.getLocalPort(),
                    "--keystore", pki.clients().get("tls-bank").toString(), "--truststore", pki.truststore().toString(),
                    events.toString());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(received.get(20, java.util.concurrent.TimeUnit.SECONDS)).containsExactlyElementsOf(cefLines(1, 3));
            assertThat(peer.get()).isEqualTo("CN=tls-bank");
            assertThat(run.out()).contains("delivered 3 over syslog-TLS");
            assertThat(hub.attempts()).isZero();
        }
    }

    @Test
    void aMissingFileIsAUsageError() {
        CliRun run = send(folder.resolve("nope.log").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no such file or folder");
    }
}
