package org.finres.cli.vault;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.finres.cli.CommandFailed;
import org.finres.cli.ExitStatus;
import org.finres.cli.remote.HubClient;
import org.finres.cli.remote.HubConnection;
import org.finres.cli.remote.Output;
import org.finres.vault.engine.Snapshot;
import org.finres.vault.engine.VaultException;
import org.finres.vault.engine.VaultRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "drill",
        description = {"A restore drill: restore a snapshot as the restoring institution would (into a temporary "
                + "folder), re-validate its records and control totals with the core-data validator, and time each "
                + "phase (open, restore, validate) against the 24-hour target.",
                "Open the repository as the restoring institution (--restorer-key with --share files or "
                        + "--restore-request) or with the institution's passphrase. With --hub the evidence is "
                        + "recorded at the hub (POST /api/v1/vault/drills), also when the drill fails.",
                "Exit codes: 0 passed, 1 usage, 2/3 hub refused/unreachable, 5 the restore met damaged data, "
                        + "6 key refused (e.g. too few approvals), 7 storage failed, 8 drill failed (totals do not "
                        + "add up, or over the target)."})
final class DrillCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RepositoryOption repository;

    @Mixin
    PassphraseOptions passphrase;

    @Mixin
    RestorerOptions restorer;

    @Mixin
    HubConnection hub;

    @Mixin
    SnapshotChoice choice;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where the temporary restore goes (default: "
            + "the system's temporary folder).")
    Path workDir;

    @Option(names = "--keep", description = "Keep the restored dataset (its folder is printed) instead of deleting it.")
    boolean keep;

    @Option(names = "--target-hours", paramLabel = "H", defaultValue = "24",
            description = "The recovery time target (default ${DEFAULT-VALUE} hours).")
    int targetHours;

    @Option(names = "--report", description = "Record the evidence at the hub (implied by --hub).")
    boolean report;

    @Option(names = "--json", description = "Print the evidence as JSON (the body sent to the hub).")
    boolean json;

    /** What the drill found besides discrepancies (which attestation it matched, why it could not compare). */
    private final List<String> notes = new ArrayList<>();

    @Override
    public Integer call() {
        if (targetHours < 1) {
            throw Secrets.usage(spec, "--target-hours must be at least 1");
        }
        boolean send = report || spec.commandLine().getParseResult().hasMatchedOption("--hub");
        Path root = repository.path();
        String repositoryId = Repositories.repositoryId(root);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        ProgressMeter meter = new ProgressMeter(err, ProgressMeter.style("auto", err), "drill");
        Instant started = Instant.now();
        Map<String, Double> phases = new LinkedHashMap<>();
        List<String> discrepancies = new ArrayList<>();
        Snapshot snapshot = null;
        CommandFailed failure = null;
        Path target = null;
        boolean totalsMatch = false;
        try {
            long t0 = System.nanoTime();
            try (VaultRepository repo = RestoreCommand.open(spec, root, passphrase, restorer, hub)) {
                snapshot = choice.choose(repo.snapshots());
                phases.put("open", seconds(t0));
                target = temporaryTarget();
                long t1 = System.nanoTime();
                try {
                    repo.restore(snapshot, target, p -> {
                        if (p instanceof org.finres.vault.engine.Progress.Restore r) {
                            meter.update(r.bytesWritten(), r.bytesTotal(), r.filesDone(), r.filesTotal(), "restoring",
                                    false);
                        }
                    });
                    meter.finish();
                } catch (VaultException e) {
                    meter.finish();
                    throw VaultFailed.of(e, "the drill's restore failed");
                }
                phases.put("restore", seconds(t1));
            }
            long t2 = System.nanoTime();
            try {
                DatasetCheck.Result check = DatasetCheck.validate(target, Optional.empty(), meter);
                discrepancies.addAll(check.discrepancies());
                if (check.discrepancyCount() > check.discrepancies().size()) {
                    discrepancies.add("... and " + (check.discrepancyCount() - check.discrepancies().size()) + " more");
                }
                totalsMatch = check.discrepancyCount() == 0;
                if (send) {
                    discrepancies.addAll(compareWithAttestation(snapshot, check));
                    totalsMatch = totalsMatch && discrepancies.isEmpty();
                }
                if (!check.institution().equals(snapshot.info().institution())
                        || !check.businessDate().equals(snapshot.info().businessDate())) {
                    discrepancies.add("the restored dataset is of " + check.institution() + "@" + check.businessDate()
                            + ", the snapshot of " + snapshot.info());
                    totalsMatch = false;
                }
            } catch (VaultFailed e) {
                discrepancies.add(e.getMessage());
            }
            phases.put("validate", seconds(t2));
        } catch (CommandFailed e) {
            if (snapshot == null) {
                throw e; // not even opened: there is no drill of a snapshot to record
            }
            failure = e;
            discrepancies.add(e.getMessage());
        } finally {
            if (target != null && !keep) {
                delete(target);
            }
        }
        Instant finished = Instant.now();
        long targetSeconds = targetHours * 3600L;
        double total = phases.values().stream().mapToDouble(Double::doubleValue).sum();
        boolean within = finished.toEpochMilli() - started.toEpochMilli() <= targetSeconds * 1000;
        boolean passed = failure == null && totalsMatch && within;
        ObjectNode evidence = HubClient.object();
        evidence.put("institution", snapshot.info().institution()).put("repositoryId", repositoryId)
                .put("snapshotId", snapshot.id().value()).put("businessDate", snapshot.info().businessDate().toString())
                .put("startedAt", started.toString()).put("finishedAt", finished.toString());
        ObjectNode phaseNode = evidence.putObject("phases");
        phases.forEach(phaseNode::put);
        evidence.put("files", snapshot.files()).put("bytes", snapshot.bytes()).put("controlTotalsMatch", totalsMatch);
        discrepancies.forEach(evidence.putArray("discrepancies")::add);
        evidence.put("targetSeconds", targetSeconds).put("outcome", passed ? "PASSED" : "FAILED");
        if (json) {
            out.println(evidence.toPrettyString());
            notes.forEach(n -> err.println("finres: " + Output.printable(n)));
        } else {
            out.println("drill of " + Output.printable(snapshot.toString()) + ": " + (passed ? "PASSED" : "FAILED"));
            for (String phase : List.of("open", "restore", "validate")) {
                out.println(String.format(Locale.ROOT, "  %-9s %s", phase,
                        phases.containsKey(phase) ? String.format(Locale.ROOT, "%.3f s", phases.get(phase)) : "not reached"));
            }
            out.println(String.format(Locale.ROOT, "  total     %.3f s of the %d h target (%.4f %%)%s", total, targetHours,
                    100.0 * total / targetSeconds, within ? "" : ": OVER THE TARGET"));
            out.println("  " + snapshot.files() + " files, " + ProgressMeter.bytes(snapshot.bytes()) + "; control totals "
                    + (totalsMatch ? "match" : "DO NOT match"));
            discrepancies.forEach(d -> out.println("  " + Output.printable(d)));
            notes.forEach(n -> out.println("  " + Output.printable(n)));
            if (keep && target != null && failure == null) {
                out.println("  restored dataset kept in " + target);
            }
        }
        if (send) {
            JsonNode answer = new VaultHub(hub.client()).drill(evidence);
            out.println("evidence recorded at " + hub.client().hub() + (answer.path("id").isString()
                    ? " as drill " + answer.path("id").stringValue() : ""));
        }
        if (failure != null) {
            throw failure;
        }
        return passed ? ExitStatus.OK.code() : ExitStatus.INVALID_DATA.code();
    }

    /**
     * The recomputed counts and totals against the ones the institution signed when it vaulted the snapshot: the
     * dataset's own dataset.json travels inside the snapshot, the attestation does not.
     */
    private List<String> compareWithAttestation(Snapshot snapshot, DatasetCheck.Result check) {
        Optional<JsonNode> entry;
        try {
            entry = new VaultHub(hub.client()).attestation(snapshot.info().institution(),
                    snapshot.info().businessDate(), snapshot.id().value());
        } catch (org.finres.cli.remote.HubRefused e) {
            notes.add("note: the hub's attestations are not readable with this token (" + Output.printable(
                    e.getMessage()) + "); totals checked against the dataset's own dataset.json only");
            return List.of();
        }
        if (entry.isEmpty()) {
            notes.add("note: the hub holds no attestation of snapshot " + snapshot.id().value().substring(0, 12)
                    + "; totals checked against the dataset's own dataset.json only");
            return List.of();
        }
        List<String> differences = new ArrayList<>();
        Map<String, String> attested = new java.util.TreeMap<>();
        entry.get().path("controlTotals").properties().forEach(p -> attested.put(p.getKey(),
                p.getValue().isString() ? p.getValue().stringValue() : p.getValue().toString()));
        java.util.Set<String> keys = new java.util.TreeSet<>(attested.keySet());
        keys.addAll(check.controlTotals().keySet());
        for (String key : keys) {
            String a = attested.get(key);
            String r = check.controlTotals().get(key);
            if (a == null || r == null || !sameAmount(a, r)) {
                differences.add("control total " + key + ": attested " + (a == null ? "none" : a) + ", restored "
                        + (r == null ? "none" : r));
            }
        }
        Map<String, Long> counts = new java.util.TreeMap<>();
        entry.get().path("recordCounts").properties().forEach(p -> counts.put(p.getKey(), p.getValue().asLong()));
        java.util.Set<String> kinds = new java.util.TreeSet<>(counts.keySet());
        kinds.addAll(check.recordCounts().keySet());
        for (String kind : kinds) {
            if (!java.util.Objects.equals(counts.get(kind), check.recordCounts().get(kind))) {
                differences.add("record count " + kind + ": attested " + counts.get(kind) + ", restored "
                        + check.recordCounts().get(kind));
            }
        }
        if (differences.isEmpty()) {
            notes.add("matches the attestation in ledger entry " + entry.get().path("sequence").toString());
        }
        return differences;
    }

    private static boolean sameAmount(String a, String b) {
        try {
            return new java.math.BigDecimal(a).compareTo(new java.math.BigDecimal(b)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private Path temporaryTarget() {
        try {
            Path parent = workDir != null ? Files.createDirectories(workDir) : null;
            Path folder = parent != null ? Files.createTempDirectory(parent, "finres-drill-")
                    : Files.createTempDirectory("finres-drill-");
            return folder.resolve("dataset");
        } catch (IOException e) {
            throw VaultFailed.storage("cannot make the drill's temporary folder", e);
        }
    }

    private static double seconds(long since) {
        return Math.round((System.nanoTime() - since) / 1e6) / 1e3;
    }

    /** Removes the drill's temporary folder (the parent of the restore target) and everything in it. */
    private void delete(Path target) {
        Path folder = target.getParent();
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            spec.commandLine().getErr().println("finres: warning: cannot remove the drill's folder " + folder + ": "
                    + VaultFailed.describe(e));
        }
    }
}
