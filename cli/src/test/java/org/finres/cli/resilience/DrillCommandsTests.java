package org.finres.cli.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.finres.cli.testing.CliRun.finres;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.finres.cli.ExitStatus;
import org.finres.cli.testing.CliRun;
import org.finres.cli.testing.StubHub;
import org.finres.resilience.drill.ShippedDrill;
import org.finres.resilience.drill.ebanking.ShippedTarget;
import org.finres.resilience.drill.evidence.DrillEvidence;
import org.finres.resilience.drill.plan.DrillPlanReader;
import org.finres.vault.engine.custody.CustodianKeyPair.Argon2id;
import org.finres.vault.engine.signing.SigningKeyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code finres resilience drill run|verify|plan}: a real failover drill of the shipped target from the command
 * line, verification and its refusals, the exit codes of failed and aborted drills, and submission to a hub.
 */
class DrillCommandsTests {

    private static final String PASSPHRASE = "drill signing passphrase";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    private SigningKeyPair key;
    private Path keyFile;
    private Path publicKeyFile;
    private Map<String, String> env;
    private HttpServer service;
    private final AtomicLong brokenUntil = new AtomicLong();
    private String base;

    @BeforeEach
    void aSigningKeyAndAServiceToBreak() throws IOException {
        key = SigningKeyPair.generate(false);
        keyFile = tmp.resolve("signing.key");
        Files.write(keyFile, key.encrypt(PASSPHRASE.toCharArray(), new Argon2id(8 * 1024, 1, 1)));
        publicKeyFile = tmp.resolve("signing.key.pub");
        Files.writeString(publicKeyFile, Base64.getEncoder().encodeToString(key.publicKey().encode()) + "\n");
        env = new HashMap<>(Map.of("FINRES_SIGNING_PASSPHRASE", PASSPHRASE));
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        service.createContext("/health", ex -> {
            int status = System.nanoTime() < brokenUntil.get() ? 500 : 200;
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        service.createContext("/break", ex -> {
            brokenUntil.set(System.nanoTime() + Duration.ofMillis(1500).toNanos());
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        service.start();
        base = "http://127.0.0.1:" + service.getAddress().getPort();
    }

    @AfterEach
    void stopService() {
        service.stop(0);
    }

    private Path plan(String probeUrl, String tolerances) throws IOException {
        Path p = tmp.resolve("plan-" + System.nanoTime() + ".yml");
        Files.writeString(p, """
                format: finres-drill-plan/1
                name: cli drill
                institution: demo-bank
                services: [online-banking]
                tolerances: %s
                probes:
                  interval: 100ms
                  checks:
                    - name: health
                      http: {url: "%s"}
                fault:
                  http: {url: "%s/break", method: POST}
                abort: {maxDuration: 1m}
                settle: 3s
                """.formatted(tolerances, probeUrl, base));
        return p;
    }

    private int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void theShippedTargetIsFailedOverFromTheCommandLineAndTheEvidenceVerifies() {
        Path dir = tmp.resolve("target");
        try (ShippedTarget target = ShippedTarget.start(dir, 0, ShippedTarget.javaLauncher(),
                ShippedDrill.PROMOTE_AFTER, Duration.ofSeconds(90))) {
            CliRun plan = finres(env, "resilience", "drill", "plan", "--example", "--dir", dir.toString(), "--port",
                    Integer.toString(target.frontPort()));
            assertThat(plan.exitCode()).as(plan.toString()).isZero();
            Path planFile = tmp.resolve("example.yml");
            writeString(planFile, plan.out());
            Path evidence = tmp.resolve("out/evidence.json");

            CliRun run = finres(env, "resilience", "drill", "run", planFile.toString(), "--sign-key",
                    keyFile.toString(), "--evidence", evidence.toString());
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("outcome: passed", "switchover: ", "lost: 0", "evidence: " + evidence);
            assertThat(run.err()).contains("fault    injected: command [sh, -c, kill -9", "steady state back after");
            assertThat(target.alive("a")).isFalse();
            assertThat(target.alive("b")).isTrue();

            CliRun verify = finres(env, "resilience", "drill", "verify", evidence.toString(), "--public-key",
                    publicKeyFile.toString());
            assertThat(verify.exitCode()).as(verify.toString()).isZero();
            assertThat(verify.out()).startsWith("evidence verifies: hash chain intact, signed by "
                    + key.publicKey().fingerprintHex()).contains("transfers acknowledged: ");
            DrillEvidence e = DrillEvidence.parse(readAllBytes(evidence));
            assertThat(e.measured().switchover()).isPositive();
            assertThat(e.content().workload().acknowledged()).isPositive();
            assertThat(e.content().workload().lost()).isEmpty();
        }
    }

    @Test
    void verifyNamesTheBrokenLinkTheWrongKeyAndMalformedEvidence() throws IOException {
        Path evidence = tmp.resolve("aborted.json");
        CliRun run = finres(env, "resilience", "drill", "run", plan("http://127.0.0.1:" + closedPort() + "/health",
                "{}").toString(), "--sign-key", keyFile.toString(), "--evidence", evidence.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitStatus.DRILL_ABORTED.code()).isEqualTo(11);
        assertThat(run.out()).contains("outcome: aborted (steady state did not hold before the fault");

        ObjectNode tree = (ObjectNode) JSON.readTree(readAllBytes(evidence));
        ((ObjectNode) tree.get("timeline").get(1)).put("detail", "all is well");
        Path tampered = tmp.resolve("tampered.json");
        Files.writeString(tampered, JSON.writeValueAsString(tree));
        CliRun broken = finres(env, "resilience", "drill", "verify", tampered.toString(), "--public-key",
                publicKeyFile.toString());
        assertThat(broken.exitCode()).isEqualTo(ExitStatus.EVIDENCE_BROKEN.code()).isEqualTo(12);
        assertThat(broken.err()).contains("timeline broken at entry 1: its hash does not match its content");

        Path otherKey = tmp.resolve("other.pub");
        Files.write(otherKey, SigningKeyPair.generate(false).publicKey().encode());
        CliRun wrongKey = finres(env, "resilience", "drill", "verify", evidence.toString(), "--public-key",
                otherKey.toString());
        assertThat(wrongKey.exitCode()).isEqualTo(12);
        assertThat(wrongKey.err()).contains("evidence is signed by key " + key.publicKey().fingerprintHex()
                + ", not by the expected key");

        Files.writeString(tampered, "{\"format\":\"finres-drill-evidence/1\"}");
        CliRun malformed = finres(env, "resilience", "drill", "verify", tampered.toString(), "--public-key",
                keyFile.toString());
        assertThat(malformed.exitCode()).isEqualTo(12);
        assertThat(malformed.err()).contains("is malformed: drill evidence lacks the field");
    }

    @Test
    void aBreachedToleranceExitsTen() throws IOException {
        CliRun run = finres(env, "resilience", "drill", "run", plan(base + "/health",
                "{maxTolerableDowntime: 100ms}").toString(), "--sign-key", keyFile.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitStatus.DRILL_FAILED.code()).isEqualTo(10);
        DrillEvidence e = DrillEvidence.parse(run.out());
        assertThat(e.verify(key.publicKey()).valid()).isTrue();
        assertThat(run.err()).contains("drill ended: failed", "switchover took");
    }

    @Test
    void aBadPlanIsRefusedWithItsLinesBeforeAnythingRuns() throws IOException {
        Path p = tmp.resolve("bad.yml");
        Files.writeString(p, "format: finres-drill-plan/1\nname: x\ninstitution: demo-bank\nservices: [s]\n"
                + "probes:\n  interval: -1s\n  checks:\n    - name: p\n      icmp: {host: x}\nfault:\n  command: "
                + "{argv: [true]}\n");
        CliRun run = finres(env, "resilience", "drill", "run", p.toString(), "--sign-key", keyFile.toString());
        assertThat(run.exitCode()).isEqualTo(ExitStatus.INVALID_DATA.code());
        assertThat(run.err()).contains("has 2 problem(s)", "line 6", "probes.interval: must not be negative",
                "line 9", "unknown probe kind 'icmp'").doesNotContain("Exception");
    }

    @Test
    void aWrongPassphraseIsAKeyRefusal() throws IOException {
        env.put("FINRES_SIGNING_PASSPHRASE", "not the passphrase");
        CliRun run = finres(env, "resilience", "drill", "run", plan(base + "/health", "{}").toString(),
                "--sign-key", keyFile.toString());
        assertThat(run.exitCode()).isEqualTo(ExitStatus.KEY_REFUSED.code());
        assertThat(run.err()).contains("cannot open the signing key");
    }

    @Test
    void theEvidenceIsSubmittedToTheHubAsJsonWithTheToken() throws IOException {
        try (StubHub hub = new StubHub()) {
            hub.json("POST", DrillCommand.HUB_PATH, 201, "{\"id\":\"d-42\"}");
            CliRun run = finres(env, "resilience", "drill", "run", plan("http://127.0.0.1:" + closedPort()
                    + "/health", "{}").toString(), "--sign-key", keyFile.toString(), "--hub", hub.url(), "--token",
                    "frs_test_token");
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(11);
            assertThat(run.err()).contains("submitted to " + hub.url() + DrillCommand.HUB_PATH + ": drill d-42");
            StubHub.Request r = hub.onlyRequest();
            assertThat(r.authorization()).isEqualTo("Bearer frs_test_token");
            assertThat(r.contentType()).startsWith("application/json");
            assertThat(DrillEvidence.parse(r.body()).verify(key.publicKey()).valid()).isTrue();
        }
    }

    @Test
    void aHubRefusalIsExitTwoWithTheProblemDetail() throws IOException {
        try (StubHub hub = new StubHub()) {
            hub.problem("POST", DrillCommand.HUB_PATH, 422, "{\"title\":\"evidence refused\",\"status\":422,"
                    + "\"detail\":\"the evidence is signed by a key not registered for demo-bank\"}");
            CliRun run = finres(env, "resilience", "drill", "run", plan("http://127.0.0.1:" + closedPort()
                    + "/health", "{}").toString(), "--sign-key", keyFile.toString(), "--hub", hub.url(), "--token",
                    "frs_test_token");
            assertThat(run.exitCode()).isEqualTo(ExitStatus.REFUSED.code());
            assertThat(run.err()).contains("the evidence is signed by a key not registered for demo-bank");
        }
    }

    @Test
    void theExamplePlanNamesTheTargetFolderAndPort() {
        CliRun run = finres(env, "resilience", "drill", "plan", "--example", "--dir", tmp.toString(), "--port",
                "19090");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("http://127.0.0.1:19090/health", tmp.resolve("primary.pid").toString());
        assertThat(DrillPlanReader.read(run.out().getBytes(StandardCharsets.UTF_8), tmp).probes()).hasSize(3);
        CliRun withoutExample = finres(env, "resilience", "drill", "plan");
        assertThat(withoutExample.exitCode()).isEqualTo(ExitStatus.USAGE.code());
    }

    private static void writeString(Path p, String s) {
        try {
            Files.writeString(p, s);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] readAllBytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
