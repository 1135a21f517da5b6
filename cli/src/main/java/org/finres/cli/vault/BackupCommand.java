package org.finres.cli.vault;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.finres.cli.CliEnvironment;
import org.finres.cli.ExitStatus;
import org.finres.cli.hub.DataFolder;
import org.finres.cli.remote.HubConnection;
import org.finres.cli.remote.Output;
import org.finres.vault.engine.BackupResult;
import org.finres.vault.engine.OpenOptions;
import org.finres.vault.engine.Progress;
import org.finres.vault.engine.SnapshotInfo;
import org.finres.vault.engine.VaultException;
import org.finres.vault.engine.VaultRepository;
import org.finres.vault.engine.attestation.SignedAttestation;
import org.finres.vault.engine.attestation.VaultAttestation;
import org.finres.vault.engine.signing.SigningKeyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(name = "backup",
        description = {"Store a dataset folder as the snapshot of one institution and business date.",
                "A standard core-data dataset (with dataset.json) is validated first and its institution and "
                        + "business date are taken from it; its record counts and control totals go into the "
                        + "attestation. Progress (bytes, files, rate, time left) goes to stderr.",
                "Resumable: after an interruption (Ctrl-C, a killed process, a lost machine) run the same command "
                        + "again; the packs the interrupted run completed are reused and reported as 'resumed'.",
                "With --hub or --attest, a signed attestation of the snapshot is sent to the hub "
                        + "(POST /api/v1/vault/attestations; token with the vault:write scope).",
                "Exit codes: 0 stored (and attested), 1 usage, 2 hub refused the attestation, 3 hub unreachable, "
                        + "5 repository damaged, 6 wrong passphrase or signing key, 7 storage failed, 8 the dataset "
                        + "does not add up, 9 a snapshot of that date exists."})
final class BackupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RepositoryOption repository;

    @Mixin
    PassphraseOptions passphrase;

    @Mixin
    SigningKeyOptions signing;

    @Mixin
    HubConnection hub;

    @Parameters(paramLabel = "DATASET", description = "The folder to back up (a core-data dataset, or any folder "
            + "with --institution and --date).")
    Path source;

    @Option(names = "--institution", paramLabel = "SLUG",
            description = "The institution (its hub tenant slug). Default: the dataset's.")
    String institution;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The business date. Default: the dataset's.")
    LocalDate date;

    @Option(names = "--retain-until", paramLabel = "YYYY-MM-DD",
            description = "Lock this snapshot until the start of this day (UTC); default: the repository's retention "
                    + "lock from now, if it has one. An earlier date than that is refused.")
    LocalDate retainUntil;

    @Option(names = "--attest", description = "Send a signed attestation to the hub (implied by --hub).")
    boolean attest;

    @Option(names = "--no-validate", description = "Back up a dataset even when it does not add up (the "
            + "attestation then carries the recomputed counts and totals).")
    boolean noValidate;

    @Option(names = "--journal", paramLabel = "FILE", description = "Where an interrupted backup is remembered "
            + "(default: FINRES_DATA_DIR or ~/.finres, vault/backup-<repository id>.json).")
    Path journalFile;

    @Option(names = "--progress", paramLabel = "STYLE", defaultValue = "auto",
            description = "auto (a bar on a terminal, else a line every 10 s), bar, lines or none.")
    String progressStyle;

    /** Test hook: stop the run (as Ctrl-C would) once this many bytes are read. */
    @Option(names = "--stop-after-bytes", paramLabel = "N", hidden = true)
    Long stopAfterBytes;

    @Override
    public Integer call() {
        Path root = repository.path();
        if (!Files.isDirectory(source)) {
            throw VaultFailed.storage("cannot back up " + source + ": no such folder", null);
        }
        boolean sendAttestation = attest || hubGiven();
        if (sendAttestation && !signing.given()) {
            throw Secrets.usage(spec, "an attestation is signed: pass --signing-key FILE (or leave out --attest/--hub)");
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        ProgressMeter meter;
        try {
            meter = new ProgressMeter(err, ProgressMeter.style(progressStyle, err), "backing up");
        } catch (IllegalArgumentException e) {
            throw Secrets.usage(spec, e.getMessage());
        }
        Optional<DatasetCheck.Result> dataset = DatasetCheck.ofFolder(source, meter);
        String who = institution != null ? institution : dataset.map(DatasetCheck.Result::institution).orElseThrow(() ->
                Secrets.usage(spec, source + " has no dataset.json: pass --institution and --date"));
        LocalDate when = date != null ? date : dataset.map(DatasetCheck.Result::businessDate).orElseThrow(() ->
                Secrets.usage(spec, source + " has no dataset.json: pass --date"));
        if (dataset.isPresent()) {
            DatasetCheck.Result d = dataset.get();
            if (!d.institution().equals(who) || !d.businessDate().equals(when)) {
                throw Secrets.usage(spec, "the dataset is of " + d.institution() + "@" + d.businessDate() + ", not "
                        + who + "@" + when);
            }
            if (!d.discrepancies().isEmpty() && !noValidate) {
                d.discrepancies().forEach(line -> err.println("  " + Output.printable(line)));
                throw VaultFailed.invalidData("the dataset " + source + " does not add up (" + d.discrepancyCount()
                        + " discrepancies, listed above); nothing was stored. Fix the export, or pass --no-validate");
            }
        }
        SnapshotInfo info;
        try {
            info = new SnapshotInfo(who, when);
        } catch (IllegalArgumentException e) {
            throw Secrets.usage(spec, e.getMessage());
        }
        // The signing key signs the attestation and, when the repository pins it, the manifest chain.
        SigningKeyPair signer = signing.given() ? signing.open() : null;
        long total = totalBytes(source);
        String repositoryId = Repositories.repositoryId(root);
        Path journalPath = journalFile != null ? journalFile : DataFolder.resolve(null, CliEnvironment.of(spec)).path()
                .resolve("vault").resolve("backup-" + repositoryId + ".json");
        BackupResult result;
        String manifestSha256;
        boolean pinned = Repositories.pinsSigningKey(root);
        if (pinned && signer == null) {
            throw VaultFailed.keyRefused("repository " + root + " pins signing key of its manifest chain: pass "
                    + "--signing-key FILE with that key's private key file", null);
        }
        OpenOptions options = pinned ? OpenOptions.defaults().withSigningKey(signer) : OpenOptions.defaults();
        try (VaultRepository repo = Repositories.open(root, passphrase.wrapping(false), options)) {
            BackupJournal.leftover(journalPath, root, repositoryId, who, when).ifPresent(l -> meter.notice(
                    "resumed: " + ProgressMeter.bytes(l.bytes()) + " already stored in " + l.packs() + " pack(s) by the "
                            + "interrupted backup of " + info + " started " + l.journal().started()
                            + "; their chunks are reused"));
            new BackupJournal(repositoryId, who, when, source.toAbsolutePath().toString(), Instant.now(),
                    BackupJournal.packs(root)).save(journalPath);
            result = repo.backup(source, info, retainUntil == null ? null
                    : retainUntil.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), progress -> {
                if (progress instanceof Progress.Backup b) {
                    meter.update(b.bytesRead(), total, b.filesDone(), b.filesTotal(),
                            ProgressMeter.bytes(b.bytesStored()) + " stored, " + b.chunksReused() + " chunks reused",
                            false);
                    if (stopAfterBytes != null && b.bytesRead() >= stopAfterBytes) {
                        throw new Interrupted();
                    }
                }
            });
            meter.update(result.bytesRead(), total, result.snapshot().files(), result.snapshot().files(),
                    ProgressMeter.bytes(result.bytesStored()) + " stored", true);
            meter.finish();
            manifestSha256 = repo.manifestSha256(result.snapshot());
            repo.retainedUntil(result.snapshot()).ifPresent(until -> meter.notice("snapshot locked until " + until));
        } catch (RuntimeException e) {
            meter.finish();
            if (causedBy(e, Interrupted.class)) {
                throw new VaultFailed(ExitStatus.STORAGE, "backup of " + info + " interrupted; run the same command "
                        + "again to resume", null);
            }
            if (e instanceof VaultException v) {
                throw VaultFailed.of(v, "backup of " + source + " as " + info + " failed");
            }
            throw e;
        }
        BackupJournal.remove(journalPath);
        out.println("stored snapshot " + Output.printable(info.toString()) + " id " + result.snapshot().id());
        out.println("  " + result.snapshot().files() + " files, " + ProgressMeter.bytes(result.bytesRead()) + " read, "
                + result.chunksNew() + " new chunks (" + ProgressMeter.bytes(result.bytesStored()) + " stored), "
                + result.chunksReused() + " reused, " + result.packsWritten() + " packs, "
                + String.format(java.util.Locale.ROOT, "%.1f s", meter.seconds()));
        if (sendAttestation) {
            VaultAttestation attestation;
            try {
                attestation = new VaultAttestation(who, repositoryId, result.snapshot().id().value(), when,
                        result.snapshot().created(), result.snapshot().files(), result.snapshot().bytes(),
                        dataset.map(DatasetCheck.Result::recordCounts).orElse(Map.of()),
                        dataset.map(DatasetCheck.Result::controlTotals).orElse(Map.of()),
                        manifestSha256);
            } catch (VaultException e) {
                throw VaultFailed.of(e, "the snapshot is stored, but cannot be attested");
            }
            SignedAttestation signed = SignedAttestation.sign(attestation, signer);
            JsonNode answer = new VaultHub(hub.client()).attest(signed);
            out.println("attested to " + hub.client().hub() + ": ledger entry " + answer.path("sequence").toString()
                    + " " + Output.printable(answer.path("entryHash").isString() ? answer.path("entryHash").stringValue()
                    : "") + " (signer " + signer.publicKey().fingerprintHex() + ")");
        }
        return ExitStatus.OK.code();
    }

    private boolean hubGiven() {
        return spec.commandLine().getParseResult().hasMatchedOption("--hub");
    }

    private static long totalBytes(Path source) {
        try (Stream<Path> files = Files.walk(source)) {
            return files.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> kind) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Thrown from the progress listener by the test hook; the engine abandons the run as on any listener failure. */
    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("stopped by --stop-after-bytes", null, false, false);
        }
    }
}
