package org.finres.cli.vault;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

import org.finres.cli.ExitStatus;
import org.finres.vault.engine.Snapshot;
import picocli.CommandLine.Option;

/** Which snapshot a command is about: by id (or a prefix of it), by business date, or the newest. */
final class SnapshotChoice {

    @Option(names = "--snapshot", paramLabel = "ID", description = "Snapshot id, or its first 8 or more hex digits.")
    String id;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The snapshot of this business date.")
    LocalDate date;

    @Option(names = "--institution", paramLabel = "NAME",
            description = "The institution whose snapshot (needed when the repository holds several).")
    String institution;

    /** The chosen snapshot; with no choice given, the newest business date of the (only) institution. */
    Snapshot choose(List<Snapshot> snapshots) {
        if (id != null && !id.matches("[0-9a-f]{8,64}")) {
            throw new VaultFailed(ExitStatus.USAGE, "--snapshot must be 8 to 64 lower-case hex digits, not '" + id
                    + "'", null);
        }
        List<Snapshot> matching = snapshots.stream()
                .filter(s -> id == null || s.id().value().startsWith(id))
                .filter(s -> date == null || s.info().businessDate().equals(date))
                .filter(s -> institution == null || s.info().institution().equals(institution))
                .toList();
        if (matching.isEmpty()) {
            throw new VaultFailed(ExitStatus.USAGE, "no snapshot " + describe() + " in the repository; it holds "
                    + (snapshots.isEmpty() ? "none" : snapshots.stream().map(Snapshot::toString)
                    .collect(Collectors.joining(", "))), null);
        }
        if (id != null && matching.size() > 1) {
            throw new VaultFailed(ExitStatus.USAGE, "--snapshot " + id + " matches " + matching.size()
                    + " snapshots; give more digits", null);
        }
        long institutions = matching.stream().map(s -> s.info().institution()).distinct().count();
        if (institutions > 1) {
            throw new VaultFailed(ExitStatus.USAGE, "the repository holds snapshots of several institutions ("
                    + matching.stream().map(s -> s.info().institution()).distinct().collect(Collectors.joining(", "))
                    + "): choose one with --institution", null);
        }
        return matching.getLast(); // the engine lists by institution, then business date
    }

    private String describe() {
        StringBuilder s = new StringBuilder();
        if (id != null) {
            s.append("with id ").append(id).append("... ");
        }
        if (institution != null) {
            s.append("of ").append(institution).append(' ');
        }
        if (date != null) {
            s.append("on ").append(date).append(' ');
        }
        return s.toString().strip();
    }
}
