package org.finres.cli.vault;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.finres.cli.ExitStatus;
import org.finres.cli.remote.HubConnection;
import org.finres.cli.remote.Output;
import org.finres.vault.engine.Progress;
import org.finres.vault.engine.Snapshot;
import org.finres.vault.engine.VaultException;
import org.finres.vault.engine.VaultRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "restore",
        description = {"Restore a snapshot into a new or empty folder: all files or none.",
                "Every file is written under a temporary name and checked against its size and SHA-256; only "
                        + "when every file is right are they renamed into place. Opens the repository with the "
                        + "institution's passphrase, or as the restoring institution with --restorer-key and M "
                        + "released shares (--share files or --restore-request ID from the hub).",
                "Exit codes: 0 restored, 1 usage, 2/3 hub refused/unreachable, 5 damaged data (nothing restored), "
                        + "6 wrong passphrase or refused custody (the missing custodians are named), 7 storage failed."})
final class RestoreCommand implements Callable<Integer> {

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

    @Parameters(paramLabel = "TARGET", description = "Folder to restore into (absent or empty).")
    Path target;

    @Option(names = "--progress", paramLabel = "STYLE", defaultValue = "auto",
            description = "auto (a bar on a terminal, else a line every 10 s), bar, lines or none.")
    String progressStyle;

    @Override
    public Integer call() {
        Path root = repository.path();
        requireEmpty(target);
        PrintWriter err = spec.commandLine().getErr();
        ProgressMeter meter;
        try {
            meter = new ProgressMeter(err, ProgressMeter.style(progressStyle, err), "restoring");
        } catch (IllegalArgumentException e) {
            throw Secrets.usage(spec, e.getMessage());
        }
        try (VaultRepository repo = open(spec, root, passphrase, restorer, hub)) {
            Snapshot snapshot = choice.choose(repo.snapshots());
            try {
                repo.restore(snapshot, target, p -> {
                    if (p instanceof Progress.Restore r) {
                        meter.update(r.bytesWritten(), r.bytesTotal(), r.filesDone(), r.filesTotal(), "", false);
                    }
                });
                meter.finish();
            } catch (VaultException e) {
                meter.finish();
                throw VaultFailed.of(e, "nothing restored");
            }
            spec.commandLine().getOut().println("restored " + Output.printable(snapshot.toString()) + " to " + target
                    + ": " + snapshot.files() + " files, " + ProgressMeter.bytes(snapshot.bytes()) + ", every file "
                    + "checked against its SHA-256");
        }
        return ExitStatus.OK.code();
    }

    /** The repository opened with the passphrase, or as the restorer when restorer options are given. */
    static VaultRepository open(CommandSpec spec, Path root, PassphraseOptions passphrase, RestorerOptions restorer,
                                HubConnection hub) {
        if (restorer.given()) {
            if (passphrase.given()) {
                throw Secrets.usage(spec, "give the repository passphrase or the restorer's key and shares, not both");
            }
            RestorerOptions.Access access = restorer.access(hub);
            return Repositories.openAsRestorer(root, access.restorer(), access.shares());
        }
        return Repositories.open(root, passphrase.wrapping(false));
    }

    static void requireEmpty(Path target) {
        if (Files.exists(target)) {
            if (!Files.isDirectory(target)) {
                throw VaultFailed.storage("cannot restore into " + target + ": it is a file, not a folder", null);
            }
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw VaultFailed.storage("cannot restore into " + target + ": the folder is not empty (a restore "
                            + "only writes new files)", null);
                }
            } catch (IOException e) {
                throw VaultFailed.storage("cannot read the target folder " + target, e);
            }
        }
    }
}
