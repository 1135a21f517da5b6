package org.finres.resilience.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.finres.resilience.drill.evidence.Breach;
import org.finres.resilience.drill.evidence.DrillEvidence;
import org.finres.resilience.drill.evidence.DrillOutcome;
import org.finres.resilience.drill.evidence.EntryKind;
import org.finres.resilience.drill.plan.DrillPlanReader;
import org.finres.vault.engine.signing.SigningKeyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner against a small real HTTP service whose health the fault hook breaks: aborts (steady state, abort
 * conditions) roll back, and a breach of a tolerance fails the drill.
 */
class DrillRunnerTests {

    private static final SigningKeyPair KEY = SigningKeyPair.generate(false);

    private HttpServer server;
    /** While nanoTime is below this, /health answers 500; Long.MAX_VALUE = broken until repaired. */
    private final AtomicLong brokenUntil = new AtomicLong(0);
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private String base;

    @BeforeEach
    void startService() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/health", ex -> {
            int status = System.nanoTime() < brokenUntil.get() ? 500 : 200;
            byte[] b = (status == 200 ? "UP" : "DOWN").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.createContext("/break", ex -> {
            String q = ex.getRequestURI().getQuery();
            long ms = q == null ? -1 : Long.parseLong(q.substring("ms=".length()));
            brokenUntil.set(ms < 0 ? Long.MAX_VALUE : System.nanoTime() + ms * 1_000_000);
            calls.add("break");
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.createContext("/repair", ex -> {
            brokenUntil.set(0);
            calls.add("repair");
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        // A bank that acknowledges every transfer but "forgets" the first one it took.
        server.createContext("/transfers", ex -> {
            if (ex.getRequestMethod().equals("POST")) {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                accepted.add(body.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"));
                ex.sendResponseHeaders(201, -1);
            } else {
                String ids = String.join("\",\"", accepted.subList(Math.min(1, accepted.size()), accepted.size()));
                byte[] b = ("{\"transfers\":[" + (ids.isEmpty() ? "" : "\"" + ids + "\"") + "]}")
                        .getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
            }
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopService() {
        server.stop(0);
    }

    private String plan(String probeUrl, String faultQuery, String abort, String tolerances) {
        return """
                format: finres-drill-plan/1
                name: unit drill
                institution: demo-bank
                services: [svc]
                tolerances: %s
                probes:
                  interval: 100ms
                  checks:
                    - name: health
                      http: {url: "%s", status: 200, bodyContains: UP}
                fault:
                  http: {url: "%s/break%s", method: POST}
                abort: %s
                rollback:
                  - http: {url: "%s/repair", method: POST}
                settle: 3s
                """.formatted(tolerances, probeUrl, base, faultQuery, abort, base);
    }

    private static DrillEvidence run(String plan) {
        return new DrillRunner(KEY, DrillListener.NONE).run(DrillPlanReader.read(plan.getBytes(
                StandardCharsets.UTF_8), null));
    }

    @Test
    void steadyStateNotHoldingAbortsWithoutInjectingTheFault() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        DrillEvidence e = run(plan("http://127.0.0.1:" + closed + "/health", "", "{maxDuration: 1m}", "{}"));
        assertThat(e.outcome()).isInstanceOf(DrillOutcome.Aborted.class);
        assertThat(((DrillOutcome.Aborted) e.outcome()).reason()).startsWith("steady state did not hold before the "
                + "fault: probe health down").endsWith("the fault was not injected");
        assertThat(calls).containsExactly("repair");
        assertThat(e.timeline()).noneMatch(t -> t.kind() == EntryKind.FAULT);
        assertThat(e.timeline()).anyMatch(t -> t.kind() == EntryKind.ROLLBACK && t.detail().startsWith("done: "));
        assertThat(e.measured().detection()).isNull();
        assertThat(e.verify(KEY.publicKey()).valid()).isTrue();
    }

    @Test
    void aNamedProbeFailingAbortsAndRollsBack() {
        DrillEvidence e = run(plan(base + "/health", "", "{maxDuration: 1m, whenProbeFails: [health]}", "{}"));
        assertThat(e.outcome()).isEqualTo(new DrillOutcome.Aborted("abort condition: probe health failed"));
        assertThat(calls).containsExactly("break", "repair");
        assertThat(e.measured().detection()).isNotNull();
        assertThat(e.measured().switchover()).isNull();
        assertThat(e.verify(KEY.publicKey()).valid()).isTrue();
    }

    @Test
    void aProbeDownTooLongAbortsAndRollsBack() {
        DrillEvidence e = run(plan(base + "/health", "", "{maxDuration: 1m, probeDownLongerThan: 500ms}", "{}"));
        assertThat(e.outcome()).isEqualTo(new DrillOutcome.Aborted("abort condition: probe health down longer "
                + "than 500ms"));
        assertThat(calls).containsExactly("break", "repair");
    }

    @Test
    void aSwitchoverLongerThanTheToleranceFailsTheDrill() {
        DrillEvidence e = run(plan(base + "/health", "?ms=1500", "{maxDuration: 1m}",
                "{maxTolerableDowntime: 200ms, rto: 10m}"));
        assertThat(e.outcome()).isInstanceOf(DrillOutcome.Failed.class);
        List<Breach> breaches = ((DrillOutcome.Failed) e.outcome()).breaches();
        assertThat(breaches).extracting(Breach::tolerance).containsExactly("maxTolerableDowntime");
        assertThat(e.measured().switchover().toMillis()).isGreaterThanOrEqualTo(1500);
        assertThat(calls).containsExactly("break", "repair");
        assertThat(e.verify(KEY.publicKey()).valid()).isTrue();
    }

    @Test
    void aCommandFaultThatCausesNoOutagePassesWithZeroSwitchover(@TempDir Path dir) {
        String plan = plan(base + "/health", "", "{maxDuration: 1m}", "{maxTolerableDowntime: 1m}")
                .replace("  http: {url: \"" + base + "/break\", method: POST}",
                        "  command: {argv: [touch, \"" + dir.resolve("faulted") + "\"]}");
        DrillEvidence e = run(plan);
        assertThat(Files.exists(dir.resolve("faulted"))).isTrue();
        assertThat(e.outcome()).isInstanceOf(DrillOutcome.Passed.class);
        assertThat(e.measured().detection()).isNull();
        assertThat(e.measured().switchover()).isZero();
        assertThat(calls).containsExactly("repair");
    }

    @Test
    void aFaultThatCannotBeInjectedAborts() {
        String plan = plan(base + "/health", "", "{maxDuration: 1m}", "{}")
                .replace("  http: {url: \"" + base + "/break\", method: POST}",
                        "  command: {argv: [sh, -c, \"echo no such host >&2; exit 3\"]}");
        DrillEvidence e = run(plan);
        assertThat(e.outcome()).isEqualTo(new DrillOutcome.Aborted("the fault could not be injected: command [sh, "
                + "-c, echo no such host >&2; exit 3] exited 3: no such host"));
        assertThat(calls).containsExactly("repair");
    }

    @Test
    void anAcknowledgedTransferMissingAfterTheFailoverFailsTheDrill() {
        String plan = plan(base + "/health", "?ms=300", "{maxDuration: 1m}", "{maxTolerableDowntime: 1m, rpo: 0}")
                + """
                workload:
                  transfers: "%s/transfers"
                  ratePerSecond: 20
                  from: alice
                  to: bob
                  warmup: 500ms
                  reconciliation: "%s/transfers"
                """.formatted(base, base);
        DrillEvidence e = run(plan);
        assertThat(e.outcome()).isInstanceOf(DrillOutcome.Failed.class);
        assertThat(((DrillOutcome.Failed) e.outcome()).breaches()).extracting(Breach::tolerance)
                .containsExactly("transfersLost", "rpo");
        assertThat(e.content().workload().lost()).containsExactly(accepted.getFirst());
        assertThat(e.content().workload().found()).isEqualTo(accepted.size() - 1);
        assertThat(e.measured().dataLoss()).isPositive();
    }

    @Test
    void interruptingTheRunAbortsItAndRollsBack() throws Exception {
        DrillEvidence[] out = new DrillEvidence[1];
        Thread t = Thread.ofPlatform().start(() -> out[0] = run(plan(base + "/health", "", "{maxDuration: 5m}",
                "{}")));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!calls.contains("break") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        t.interrupt();
        t.join(60_000);
        assertThat(out[0].outcome()).isEqualTo(new DrillOutcome.Aborted("the drill was interrupted"));
        assertThat(calls).containsExactly("break", "repair");
    }
}
