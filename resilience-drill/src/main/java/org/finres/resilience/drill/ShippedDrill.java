package org.finres.resilience.drill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.finres.resilience.drill.ebanking.ShippedTarget;
import org.finres.resilience.drill.evidence.DrillEvidence;
import org.finres.resilience.drill.plan.DrillPlan;
import org.finres.resilience.drill.plan.DrillPlanReader;
import org.finres.vault.engine.signing.SigningKeyPair;

/**
 * The drill FinRes ships end to end: start the e-banking target in a folder, run the example plan (kill -9 of the
 * primary under a transfer workload) and return the signed evidence. What {@code finres demo} and the tests use.
 */
public final class ShippedDrill {

    /** How long the standby waits for a silent primary before it promotes itself. */
    public static final Duration PROMOTE_AFTER = Duration.ofSeconds(2);

    private ShippedDrill() {
    }

    /**
     * The example plan for a target in {@code targetDir} whose front listens on {@code frontPort}: probes of the
     * front's health, TCP and ledger, the fault kills the process named in {@code primary.pid}, a workload of
     * transfers and the front's transfer list as reconciliation.
     */
    public static String examplePlan(Path targetDir, int frontPort, String institution, String service) {
        String front = "http://127.0.0.1:" + frontPort;
        String pidFile = targetDir.toAbsolutePath().resolve("primary.pid").toString();
        return """
                # A failover drill of FinRes's shipped e-banking target (finres resilience target start).
                format: finres-drill-plan/1
                name: e-banking primary killed
                institution: %s
                services: [%s]
                tolerances:            # or: register: my-register.yml (takes the first service's tolerances)
                  maxTolerableDowntime: 1m
                  rto: 2m
                  rpo: 0
                probes:
                  interval: 200ms
                  checks:
                    - name: front-health
                      http: {url: "%s/health", status: 200, bodyContains: '"role":"primary"', timeout: 2s}
                    - name: front-tcp
                      tcp: {host: 127.0.0.1, port: %d, timeout: 1s}
                    - name: ledger
                      http: {url: "%s/accounts/alice", status: 200, timeout: 2s}
                fault:
                  # A real kill -9 of whichever node is primary now.
                  command: {argv: [sh, -c, "kill -9 $(cat '%s')"], timeout: 10s}
                abort:
                  maxDuration: 3m
                  probeDownLongerThan: 90s
                rollback:
                  # The killed node stays down for inspection; check the front still answers.
                  - http: {url: "%s/health", method: GET, timeout: 5s}
                workload:
                  transfers: "%s/transfers"
                  ratePerSecond: 20
                  from: alice
                  to: bob
                  amount: "0.01"
                  warmup: 2s
                  reconciliation: "%s/transfers"
                settle: 10s
                """.formatted(institution, service, front, frontPort, front, pidFile, front, front, front);
    }

    /**
     * Starts the target in {@code dir} (child JVMs on this class path), runs the example plan, stops the target.
     * From the CLI's executable jar use the overload with the CLI's launcher instead: nested jars are not a class
     * path a child JVM can use.
     */
    public static DrillEvidence run(Path dir, SigningKeyPair key, DrillListener listener) {
        return run(dir, 0, ShippedTarget.javaLauncher(), "demo-bank", "online-banking", key, listener);
    }

    /**
     * Like {@link #run(Path, SigningKeyPair, DrillListener)} with the front port (0: any free one), the command
     * that starts a target process, and the institution and register service the evidence names.
     */
    public static DrillEvidence run(Path dir, int frontPort, List<String> launcher, String institution,
            String service, SigningKeyPair key, DrillListener listener) {
        try (ShippedTarget target = ShippedTarget.start(dir, frontPort, launcher, PROMOTE_AFTER,
                Duration.ofSeconds(90))) {
            byte[] plan = examplePlan(dir, target.frontPort(), institution, service).getBytes(StandardCharsets.UTF_8);
            try {
                Files.write(dir.resolve("drill-plan.yml"), plan);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the plan into " + dir, e);
            }
            DrillPlan p = DrillPlanReader.read(plan, dir);
            return new DrillRunner(key, listener).run(p);
        }
    }
}
