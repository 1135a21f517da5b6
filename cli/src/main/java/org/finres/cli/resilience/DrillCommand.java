package org.finres.cli.resilience;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.finres.cli.ExitStatus;
import org.finres.cli.remote.HubClient;
import org.finres.cli.remote.HubConnection;
import org.finres.resilience.drill.DrillRunner;
import org.finres.resilience.drill.ShippedDrill;
import org.finres.resilience.drill.ebanking.ShippedTarget;
import org.finres.resilience.drill.evidence.DrillEvidence;
import org.finres.resilience.drill.evidence.DrillOutcome;
import org.finres.resilience.drill.evidence.EvidenceVerification;
import org.finres.resilience.drill.evidence.MalformedEvidenceException;
import org.finres.resilience.drill.evidence.Measurements;
import org.finres.resilience.drill.plan.DrillPlan;
import org.finres.resilience.drill.plan.DrillPlanReader;
import org.finres.resilience.drill.plan.PlanFormatException;
import org.finres.vault.engine.VaultException;
import org.finres.vault.engine.signing.SigningKeyPair;
import org.finres.vault.engine.signing.SigningPublicKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(name = "drill",
        description = "Failover drills: run a plan against the real system and sign its evidence, verify evidence, "
                + "print the example plan for the shipped e-banking target.",
        subcommands = {DrillCommand.Run.class, DrillCommand.Verify.class, DrillCommand.Plan.class})
public final class DrillCommand {

    /** Where the hub takes drill evidence. */
    static final String HUB_PATH = "/api/v1/resilience/drills";

    @Command(name = "run",
            description = {"Run the drill PLAN (finres-drill-plan/1): check the steady state, inject the fault, "
                    + "measure detection, switchover and recovery against the tolerances, roll back, and sign the "
                    + "evidence with the institution's signing key.",
                    "Progress goes to stderr; the evidence to --evidence OUT (or stdout without it). With --hub or "
                            + "--token the evidence is also submitted to the hub."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the drill passed", "1:usage error", "2:the hub refused the evidence",
                    "3:the hub is unreachable", "6:the signing key was refused", "7:a file could not be written",
                    "8:the plan does not parse", "10:the drill breached a tolerance", "11:the drill was aborted"})
    static final class Run implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PLAN", description = "The drill plan (YAML or JSON).")
        Path plan;

        @Mixin
        SignKeyOptions key;

        @Option(names = "--evidence", paramLabel = "OUT", description = "Write the evidence JSON to OUT.")
        Path evidenceFile;

        @Mixin
        HubConnection hub;

        @Override
        public Integer call() {
            DrillPlan p = readPlan(plan);
            SigningKeyPair signing = key.open();
            HubClient client = hub.given() ? hub.client() : null;
            PrintWriter err = spec.commandLine().getErr();
            PrintWriter out = spec.commandLine().getOut();
            long t0 = System.nanoTime();
            err.printf("drill '%s' (%s %s), evidence signed by %s%n", p.name(), p.institution(), p.services(),
                    signing.publicKey().fingerprintHex().substring(0, 16));
            return interruptibleOnCtrlC(() -> {
                DrillEvidence evidence = new DrillRunner(signing, e -> {
                    err.printf("[%8.3f s] %-8s %s%n", (System.nanoTime() - t0) / 1e9, e.kind().wire(), e.detail());
                    err.flush();
                }).run(p);
                return finish(evidence, client, out, err);
            });
        }

        private int finish(DrillEvidence evidence, HubClient client, PrintWriter out, PrintWriter err) {
            byte[] json = evidence.toJson();
            if (evidenceFile != null) {
                try {
                    Path parent = evidenceFile.toAbsolutePath().getParent();
                    if (parent != null) {
                        Files.createDirectories(parent);
                    }
                    Files.write(evidenceFile, json);
                } catch (IOException e) {
                    throw new DrillFailed(ExitStatus.STORAGE, "cannot write the evidence to " + evidenceFile + ": "
                            + e);
                }
                out.println(summary(evidence));
                out.println("evidence: " + evidenceFile);
            } else {
                out.println(new String(json, StandardCharsets.UTF_8));
            }
            if (client != null) {
                JsonNode answer = client.upload(HUB_PATH, json, "application/json");
                err.println("submitted to " + client.hub() + HUB_PATH + (answer.has("id") ? ": drill "
                        + answer.get("id").asString() : ""));
            }
            return exitCode(evidence.outcome());
        }
    }

    @Command(name = "verify",
            description = "Verify drill evidence: the timeline's hash chain, that it is signed by the given public "
                    + "key, and the signature over every value. Names the first broken link or the bad signature.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the evidence verifies", "1:usage error", "7:a file could not be read",
                    "12:the evidence does not verify or is malformed"})
    static final class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "EVIDENCE", description = "The evidence JSON file.")
        Path evidenceFile;

        @Option(names = "--public-key", paramLabel = "FILE", required = true,
                description = "The institution's signing public key (FILE.pub from 'finres vault keys generate "
                        + "--signing': base64 or binary; a private key file works too, its public half is read).")
        Path publicKey;

        @Override
        public Integer call() {
            SigningPublicKey key = readPublicKey(publicKey);
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(evidenceFile);
            } catch (IOException e) {
                throw new DrillFailed(ExitStatus.STORAGE, "cannot read the evidence " + evidenceFile + ": " + e);
            }
            DrillEvidence evidence;
            try {
                evidence = DrillEvidence.parse(bytes);
            } catch (MalformedEvidenceException e) {
                throw new DrillFailed(ExitStatus.EVIDENCE_BROKEN, "the evidence " + evidenceFile + " is malformed: "
                        + e.getMessage());
            }
            EvidenceVerification v = evidence.verify(key);
            if (!v.valid()) {
                throw new DrillFailed(ExitStatus.EVIDENCE_BROKEN, evidenceFile + ": " + v.describe());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(v.describe());
            out.println(summary(evidence));
            return 0;
        }
    }

    @Command(name = "plan",
            description = "Print a working drill plan for the shipped e-banking target ('finres resilience target "
                    + "start' with the same --dir and --port).")
    static final class Plan implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--example", required = true, description = "Print the example plan.")
        boolean example;

        @Option(names = "--dir", paramLabel = "DIR", description = "The target's folder. Default: "
                + "$FINRES_DATA_DIR/ebanking-target, else ~/.finres/ebanking-target.")
        Path dir;

        @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ShippedTarget.DEFAULT_FRONT_PORT,
                description = "The target's front port. Default: ${DEFAULT-VALUE}.")
        int port;

        @Option(names = "--institution", paramLabel = "ID", defaultValue = "demo-bank",
                description = "The institution the evidence names. Default: ${DEFAULT-VALUE}.")
        String institution;

        @Option(names = "--service", paramLabel = "ID", defaultValue = "online-banking",
                description = "The register service under test. Default: ${DEFAULT-VALUE}.")
        String service;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(ShippedDrill.examplePlan(TargetCommand.targetDir(spec, dir), port,
                    institution, service));
            return 0;
        }
    }

    static DrillPlan readPlan(Path plan) {
        if (!Files.isReadable(plan)) {
            throw new DrillFailed(ExitStatus.STORAGE, "cannot read the plan " + plan + " (no such file, or not "
                    + "readable)");
        }
        try {
            return DrillPlanReader.read(plan);
        } catch (PlanFormatException e) {
            throw new DrillFailed(ExitStatus.INVALID_DATA, "the plan " + plan + " has " + e.problems().size()
                    + " problem(s):\n  " + e.getMessage().replace("\n", "\n  "));
        }
    }

    static SigningPublicKey readPublicKey(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DrillFailed(ExitStatus.STORAGE, "cannot read the public key " + file + ": " + e);
        }
        try {
            if (startsWith(content, "FRSK")) {
                return SigningKeyPair.publicKeyOf(content);
            }
            if (startsWith(content, "FRSP")) {
                return SigningPublicKey.decode(content);
            }
            byte[] decoded = Base64.getDecoder().decode(new String(content, StandardCharsets.US_ASCII).strip());
            return SigningPublicKey.decode(decoded);
        } catch (IllegalArgumentException | VaultException e) {
            throw new DrillFailed(ExitStatus.KEY_REFUSED, "the file " + file + " is not a signing public key: "
                    + e.getMessage());
        }
    }

    private static boolean startsWith(byte[] content, String magic) {
        byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
        return content.length >= m.length && java.util.Arrays.equals(content, 0, m.length, m, 0, m.length);
    }

    static int exitCode(DrillOutcome outcome) {
        return switch (outcome) {
            case DrillOutcome.Passed p -> ExitStatus.OK.code();
            case DrillOutcome.Failed f -> ExitStatus.DRILL_FAILED.code();
            case DrillOutcome.Aborted a -> ExitStatus.DRILL_ABORTED.code();
        };
    }

    static String summary(DrillEvidence e) {
        Measurements m = e.measured();
        StringBuilder s = new StringBuilder();
        s.append("outcome: ").append(e.outcome().status());
        switch (e.outcome()) {
            case DrillOutcome.Passed p -> { }
            case DrillOutcome.Failed f -> f.breaches().forEach(b -> s.append("\n  breach ").append(b.tolerance())
                    .append(": ").append(b.detail()));
            case DrillOutcome.Aborted a -> s.append(" (").append(a.reason()).append(')');
        }
        s.append("\ndetection: ").append(ms(m.detection())).append(", switchover: ").append(ms(m.switchover()))
                .append(", recovery: ").append(ms(m.recovery())).append(", data lost: ").append(ms(m.dataLoss()));
        var w = e.content().workload();
        if (w != null) {
            s.append("\ntransfers acknowledged: ").append(w.acknowledged()).append(", found after failover: ")
                    .append(w.found()).append(", lost: ").append(w.lost().size());
        }
        return s.toString();
    }

    private static String ms(java.time.Duration d) {
        return d == null ? "not reached" : d.toMillis() + " ms";
    }

    /**
     * Runs {@code drill} so that Ctrl-C interrupts it instead of killing it midway: the runner then aborts, rolls
     * back and still signs the evidence, and the JVM ends only after {@code drill} has written it.
     */
    static <T> T interruptibleOnCtrlC(java.util.function.Supplier<T> drill) {
        Thread caller = Thread.currentThread();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            caller.interrupt();
            try {
                done.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return drill.get();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for done below
            }
            done.countDown();
        }
    }
}
