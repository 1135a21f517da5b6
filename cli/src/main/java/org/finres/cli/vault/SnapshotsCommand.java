package org.finres.cli.vault;

import java.util.List;
import java.util.concurrent.Callable;

import org.finres.cli.ExitStatus;
import org.finres.cli.remote.TextTable;
import org.finres.vault.engine.Snapshot;
import org.finres.vault.engine.VaultRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

@Command(name = "snapshots",
        description = {"List the repository's snapshots by institution and business date.",
                "Damaged manifests are not listed ('finres vault verify' names them).",
                "Exit codes: 0 listed, 1 usage, 5 damaged config, 6 wrong passphrase, 7 storage failed."})
final class SnapshotsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RepositoryOption repository;

    @Mixin
    PassphraseOptions passphrase;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        List<Snapshot> snapshots;
        java.util.Map<Snapshot, String> locks = new java.util.HashMap<>();
        java.time.Instant now = java.time.Instant.now();
        try (VaultRepository repo = Repositories.open(repository.path(), passphrase.wrapping(false))) {
            snapshots = repo.snapshots();
            for (Snapshot s : snapshots) {
                repo.retainedUntil(s).filter(now::isBefore).ifPresent(until -> locks.put(s, until.toString()));
            }
        } catch (org.finres.vault.engine.VaultException e) {
            throw VaultFailed.of(e, "cannot list the snapshots of " + repository.path());
        }
        var out = spec.commandLine().getOut();
        if (json) {
            JsonMapper mapper = JsonMapper.builder().build();
            ArrayNode array = mapper.createArrayNode();
            for (Snapshot s : snapshots) {
                array.addObject().put("id", s.id().value()).put("institution", s.info().institution())
                        .put("businessDate", s.info().businessDate().toString()).put("created", s.created().toString())
                        .put("files", s.files()).put("bytes", s.bytes()).put("chunks", s.chunks())
                        .put("lockedUntil", locks.get(s));
            }
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array));
            return ExitStatus.OK.code();
        }
        if (snapshots.isEmpty()) {
            out.println("no snapshots");
            return ExitStatus.OK.code();
        }
        new TextTable(List.of("INSTITUTION", "BUSINESS DATE", "ID", "CREATED", "FILES", "SIZE", "CHUNKS",
                "LOCKED UNTIL"),
                snapshots.stream().map(s -> List.of(s.info().institution(), s.info().businessDate().toString(),
                        s.id().value().substring(0, 12), s.created().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                                .toString(), String.valueOf(s.files()), ProgressMeter.bytes(s.bytes()),
                        String.valueOf(s.chunks()), locks.getOrDefault(s, "-"))).toList()).printTo(out);
        return ExitStatus.OK.code();
    }
}
