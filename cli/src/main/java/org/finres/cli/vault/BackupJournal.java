package org.finres.cli.vault;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A backup in progress, recorded outside the repository before the engine starts and removed when the snapshot is
 * committed. Finding one at the next backup of the same snapshot means the earlier run was interrupted (cancelled,
 * killed, the machine lost power): the packs that appeared since it started are what it stored, and the engine
 * reuses their chunks instead of storing them again. The journal only explains; the engine's index decides reuse.
 *
 * @param packsBefore pack file names present when the run started
 */
record BackupJournal(String repositoryId, String institution, LocalDate businessDate, String source,
                     Instant started, Set<String> packsBefore) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What an interrupted run left: its start and the packs (count and bytes) it completed. */
    record Leftover(BackupJournal journal, int packs, long bytes) {
    }

    static Set<String> packs(Path repository) {
        Set<String> names = new HashSet<>();
        try (Stream<Path> files = Files.list(repository.resolve("packs"))) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9a-f]{64}")).forEach(names::add);
        } catch (IOException e) {
            throw VaultFailed.storage("cannot list the packs of " + repository, e);
        }
        return names;
    }

    /** The interrupted run of this same snapshot, if the journal names one. */
    static Optional<Leftover> leftover(Path journalFile, Path repository, String repositoryId, String institution,
                                       LocalDate businessDate) {
        Optional<BackupJournal> journal = load(journalFile);
        if (journal.isEmpty() || !journal.get().repositoryId().equals(repositoryId)
                || !journal.get().institution().equals(institution)
                || !journal.get().businessDate().equals(businessDate)) {
            return Optional.empty();
        }
        int packs = 0;
        long bytes = 0;
        for (String name : packs(repository)) {
            if (!journal.get().packsBefore().contains(name)) {
                packs++;
                try {
                    bytes += Files.size(repository.resolve("packs").resolve(name));
                } catch (IOException e) {
                    // removed meanwhile (a prune): it no longer counts as stored
                }
            }
        }
        return Optional.of(new Leftover(journal.get(), packs, bytes));
    }

    private static Optional<BackupJournal> load(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(Files.readString(file));
            Set<String> before = new HashSet<>();
            root.path("packsBefore").forEach(n -> before.add(n.stringValue()));
            return Optional.of(new BackupJournal(root.path("repositoryId").stringValue(),
                    root.path("institution").stringValue(), LocalDate.parse(root.path("businessDate").stringValue()),
                    root.path("source").stringValue(), Instant.parse(root.path("started").stringValue()), before));
        } catch (IOException e) {
            throw VaultFailed.storage("cannot read the backup journal " + file, e);
        } catch (RuntimeException e) {
            // A journal torn by a crash explains nothing; the engine still reuses what is stored.
            return Optional.empty();
        }
    }

    void save(Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("repositoryId", repositoryId).put("institution", institution)
                .put("businessDate", businessDate.toString()).put("source", source).put("started", started.toString());
        List<String> sorted = new ArrayList<>(packsBefore);
        sorted.sort(null);
        sorted.forEach(root.putArray("packsBefore")::add);
        Path absolute = file.toAbsolutePath();
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        try {
            Files.createDirectories(absolute.getParent());
            Files.writeString(temporary, JSON.writeValueAsString(root));
            try {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw VaultFailed.storage("cannot write the backup journal " + file, e);
        }
    }

    static void remove(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw VaultFailed.storage("the snapshot is stored, but the backup journal " + file
                    + " cannot be removed", e);
        }
    }
}
