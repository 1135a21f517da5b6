package org.finres.cli.vault;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.finres.cli.ExitStatus;
import org.finres.cli.remote.Output;
import org.finres.vault.engine.Progress;
import org.finres.vault.engine.PruneResult;
import org.finres.vault.engine.RetentionPolicy;
import org.finres.vault.engine.Snapshot;
import org.finres.vault.engine.SnapshotId;
import org.finres.vault.engine.VaultException;
import org.finres.vault.engine.VaultRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "prune",
        description = {"Remove the snapshots the retention policy does not keep, then the data no kept snapshot "
                + "needs (packs mostly unused are rewritten).",
                "Per institution, a snapshot stays when it is among the newest --keep-last business dates, the last "
                        + "of one of the newest --keep-monthly months, or the last of one of the newest --keep-yearly "
                        + "years. Refuses to run while any manifest is damaged. --dry-run lists what would go and "
                        + "changes nothing.",
                "Snapshots under a retention lock stay until it ends, whatever the policy says; they are listed.",
                "Exit codes: 0 pruned (or listed), 1 usage, 5 damaged manifest, 6 wrong passphrase, 7 storage "
                        + "failed."})
final class PruneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RepositoryOption repository;

    @Mixin
    PassphraseOptions passphrase;

    @Option(names = "--keep-last", paramLabel = "N", required = true,
            description = "Keep the newest N business dates of each institution (at least 1).")
    int keepLast;

    @Option(names = "--keep-monthly", paramLabel = "M", defaultValue = "0",
            description = "Also keep the last business date of each of the newest M months (default 0).")
    int keepMonthly;

    @Option(names = "--keep-yearly", paramLabel = "Y", defaultValue = "0",
            description = "Also keep the last business date of each of the newest Y years (default 0).")
    int keepYearly;

    @Option(names = "--dry-run", description = "List the snapshots that would be removed; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        RetentionPolicy policy;
        try {
            policy = new RetentionPolicy(keepLast, keepMonthly, keepYearly);
        } catch (IllegalArgumentException e) {
            throw Secrets.usage(spec, "--keep-last must be at least 1 and the other counts not negative");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (VaultRepository repo = Repositories.open(repository.path(), passphrase.wrapping(false))) {
            if (dryRun) {
                List<Snapshot> all = repo.snapshots();
                Set<SnapshotId> kept = VaultRepository.kept(all, policy);
                java.time.Instant now = java.time.Instant.now();
                List<Snapshot> dropped = all.stream().filter(s -> !kept.contains(s.id())).toList();
                List<Snapshot> removed = new java.util.ArrayList<>();
                List<String> locked = new java.util.ArrayList<>();
                for (Snapshot s : dropped) {
                    java.util.Optional<java.time.Instant> until = repo.retainedUntil(s).filter(now::isBefore);
                    if (until.isPresent()) {
                        locked.add(Output.printable(s.toString()) + " (locked until " + until.get() + ")");
                    } else {
                        removed.add(s);
                    }
                }
                out.println("dry run: would remove " + removed.size() + " of " + all.size() + " snapshot(s)"
                        + (removed.isEmpty() ? "" : ":"));
                removed.forEach(s -> out.println("  " + Output.printable(s.toString())));
                if (!locked.isEmpty()) {
                    out.println("kept by their retention lock although the policy drops them:");
                    locked.forEach(l -> out.println("  " + l));
                }
                return ExitStatus.OK.code();
            }
            PruneResult result = repo.prune(policy, p -> {
                if (p instanceof Progress.Prune prune) {
                    err.print("\rfinres: pruning: " + prune.stage() + " " + prune.done() + "/" + prune.total() + "\033[K");
                    err.flush();
                }
            });
            err.println();
            out.println("removed " + result.removed().size() + " snapshot(s), deleted " + result.packsDeleted()
                    + " pack(s), rewrote " + result.packsRewritten() + ", freed " + ProgressMeter.bytes(result.bytesFreed()));
            result.removed().forEach(s -> out.println("  " + Output.printable(s.toString())));
            if (!result.lockedSnapshots().isEmpty() || result.lockedPacks() > 0) {
                out.println("kept by retention locks: " + result.lockedSnapshots().size() + " snapshot(s) the policy "
                        + "drops, " + result.lockedPacks() + " pack(s)");
                result.lockedSnapshots().forEach(s -> out.println("  " + Output.printable(s.toString())));
            }
        } catch (VaultException e) {
            throw VaultFailed.of(e, "prune of " + repository.path() + " failed");
        }
        return ExitStatus.OK.code();
    }
}
