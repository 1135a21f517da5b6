package org.finres.vault.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultRepositoryTests {

    private static final LocalDate DAY1 = LocalDate.of(2026, 3, 31);

    @TempDir
    Path tmp;

    @Test
    void backsUpAndRestoresAFolderExactly() throws IOException {
        Path source = TestVaults.source(tmp.resolve("src"), 1, 300_000);
        List<Progress> reports = new ArrayList<>();
        try (VaultRepository repo = VaultRepository.init(tmp.resolve("repo"), TestVaults.kek(1), TestVaults.SMALL)) {
            BackupResult result = repo.backup(source, new SnapshotInfo("bank-a", DAY1), reports::add);

            assertThat(result.snapshot().files()).isEqualTo(3);
            assertThat(result.chunksNew()).isGreaterThan(20);
            assertThat(result.packsWritten()).isGreaterThan(2);
            assertThat(repo.snapshots()).extracting(Snapshot::info).containsExactly(new SnapshotInfo("bank-a", DAY1));
            assertThat(reports.getLast()).isInstanceOfSatisfying(Progress.Backup.class, p -> {
                assertThat(p.filesDone()).isEqualTo(3);
                assertThat(p.bytesRead()).isEqualTo(result.bytesRead());
            });

            List<Progress> restoreReports = new ArrayList<>();
            repo.restore(repo.snapshots().getFirst(), tmp.resolve("out"), restoreReports::add);
            assertThat(TestVaults.tree(tmp.resolve("out"))).isEqualTo(TestVaults.tree(source));
            assertThat(restoreReports.getLast()).isInstanceOfSatisfying(Progress.Restore.class,
                    p -> assertThat(p.filesDone()).isEqualTo(3));
            assertThat(repo.verify().ok()).isTrue();
        }
    }

    @Test
    void secondBusinessDateStoresOnlyWhatChanged() throws IOException {
        Path source = TestVaults.source(tmp.resolve("src"), 2, 400_000);
        try (VaultRepository repo = VaultRepository.init(tmp.resolve("repo"), TestVaults.kek(1), TestVaults.SMALL)) {
            BackupResult first = repo.backup(source, new SnapshotInfo("bank-a", DAY1), ProgressListener.NONE);
            Files.writeString(source.resolve("new-today.txt"), "one more file");
            BackupResult second = repo.backup(source, new SnapshotInfo("bank-a", DAY1.plusDays(1)),
                    ProgressListener.NONE);

            assertThat(second.chunksNew()).isEqualTo(1);
            assertThat(second.chunksReused()).isEqualTo(first.chunksNew() + first.chunksReused());
            assertThat(repo.snapshots()).hasSize(2);
            repo.restore(repo.snapshots().getFirst(), tmp.resolve("day1"), ProgressListener.NONE);
            assertThat(TestVaults.tree(tmp.resolve("day1"))).hasSize(3);
        }
    }

    @Test
    void refusesASecondSnapshotOfTheSameBusinessDate() throws IOException {
        Path source = TestVaults.source(tmp.resolve("src"), 3, 10_000);
        try (VaultRepository repo = VaultRepository.init(tmp.resolve("repo"), TestVaults.kek(1), TestVaults.SMALL)) {
            repo.backup(source, new SnapshotInfo("bank-a", DAY1), ProgressListener.NONE);
            assertThatThrownBy(() -> repo.backup(source, new SnapshotInfo("bank-a", DAY1), ProgressListener.NONE))
                    .isInstanceOf(SnapshotExistsException.class).hasMessageContaining("bank-a@2026-03-31");
            repo.backup(source, new SnapshotInfo("bank-b", DAY1), ProgressListener.NONE);
        }
    }

    @Test
    void reopensWithTheKeyAndRefusesAnother() throws IOException {
        Path source = TestVaults.source(tmp.resolve("src"), 4, 50_000);
        Path root = tmp.resolve("repo");
        try (VaultRepository repo = VaultRepository.init(root, TestVaults.kek(1), TestVaults.SMALL)) {
            repo.backup(source, new SnapshotInfo("bank-a", DAY1), ProgressListener.NONE);
        }
        assertThatThrownBy(() -> VaultRepository.open(root, TestVaults.kek(2)))
                .isInstanceOf(WrongKeyException.class).hasMessageContaining("wrong key");
        try (VaultRepository repo = VaultRepository.open(root, TestVaults.kek(1))) {
            assertThat(repo.snapshots()).hasSize(1);
            assertThat(repo.parameters()).isEqualTo(TestVaults.SMALL);
            assertThat(repo.verify().ok()).isTrue();
        }
    }

    @Test
    void oneProcessAtATime() throws IOException {
        Path root = tmp.resolve("repo");
        try (VaultRepository repo = VaultRepository.init(root, TestVaults.kek(1), TestVaults.SMALL)) {
            assertThatThrownBy(() -> VaultRepository.open(root, TestVaults.kek(1)))
                    .isInstanceOf(VaultIoException.class).hasMessageContaining("in use");
        }
    }

    @Test
    void equalDataInTwoRepositoriesIsNotLinkable() throws IOException {
        Path source = TestVaults.source(tmp.resolve("src"), 5, 100_000);
        try (VaultRepository a = VaultRepository.init(tmp.resolve("a"), TestVaults.kek(1), TestVaults.SMALL);
                VaultRepository b = VaultRepository.init(tmp.resolve("b"), TestVaults.kek(1), TestVaults.SMALL)) {
            a.backup(source, new SnapshotInfo("bank-a", DAY1), ProgressListener.NONE);
            b.backup(source, new SnapshotInfo("bank-a", DAY1), ProgressListener.NONE);
            // Same plaintext, same institution and date: still no common snapshot name and no common bytes.
            assertThat(TestVaults.files(tmp.resolve("a/snapshots")).getFirst().getFileName())
                    .isNotEqualTo(TestVaults.files(tmp.resolve("b/snapshots")).getFirst().getFileName());
            byte[] packA = Files.readAllBytes(TestVaults.files(tmp.resolve("a/packs")).getFirst());
            byte[] packB = Files.readAllBytes(TestVaults.files(tmp.resolve("b/packs")).getFirst());
            assertThat(indexOf(packB, java.util.Arrays.copyOfRange(packA, 100, 132))).isNegative();
        }
    }

    @Test
    void refusesFoldersThatAreNotRepositories() throws IOException {
        Files.createDirectories(tmp.resolve("plain"));
        assertThatThrownBy(() -> VaultRepository.open(tmp.resolve("plain"), TestVaults.kek(1)))
                .isInstanceOf(UnsupportedRepositoryException.class);
        Path root = tmp.resolve("repo");
        VaultRepository.init(root, TestVaults.kek(1), TestVaults.SMALL).close();
        Files.writeString(root.resolve("config"),
                Files.readString(root.resolve("config")).replace("format-version=2", "format-version=3"));
        assertThatThrownBy(() -> VaultRepository.open(root, TestVaults.kek(1)))
                .isInstanceOf(UnsupportedRepositoryException.class).hasMessageContaining("version 3");
    }

    @Test
    void editedConfigIsDamage() throws IOException {
        Path root = tmp.resolve("repo");
        VaultRepository.init(root, TestVaults.kek(1), TestVaults.SMALL).close();
        Files.writeString(root.resolve("config"),
                Files.readString(root.resolve("config")).replace("pack-size=65536", "pack-size=65537"));
        assertThatThrownBy(() -> VaultRepository.open(root, TestVaults.kek(1)))
                .isInstanceOfSatisfying(DamagedRepositoryException.class,
                        e -> assertThat(e.problem()).isInstanceOf(Problem.DamagedConfig.class));
    }

    @Test
    void indexMemoryPerChunkIsSmall() throws IOException {
        Path source = TestVaults.source(tmp.resolve("src"), 6, 2_000_000);
        try (VaultRepository repo = VaultRepository.init(tmp.resolve("repo"), TestVaults.kek(1), TestVaults.SMALL)) {
            repo.backup(source, new SnapshotInfo("bank-a", DAY1), ProgressListener.NONE);
        }
        try (VaultRepository repo = VaultRepository.open(tmp.resolve("repo"), TestVaults.kek(1))) {
            double perChunk = (double) repo.indexMemoryBytes() / repo.indexedChunks();
            System.out.printf("index: %d chunks, %d bytes, %.1f bytes per chunk%n", repo.indexedChunks(),
                    repo.indexMemoryBytes(), perChunk);
            // 44 bytes a slot at a load between 3/8 and 3/4.
            assertThat(perChunk).isBetween(44.0, 44.0 / 0.375 + 1);
        }
    }

    @Test
    void identicalFilesInOneBackupAreStoredOnce() throws IOException {
        Path source = TestVaults.source(tmp.resolve("src"), 8, 200_000);
        Files.copy(source.resolve("ledger/2024/accounts.bin"), source.resolve("copy-of-accounts.bin"));
        try (VaultRepository repo = VaultRepository.init(tmp.resolve("repo"), TestVaults.kek(1), TestVaults.SMALL)) {
            BackupResult result = repo.backup(source, new SnapshotInfo("bank-a", DAY1), ProgressListener.NONE);
            Snapshot s = result.snapshot();
            assertThat(result.chunksReused()).isGreaterThanOrEqualTo(s.chunks() / 3);
            assertThat(result.chunksNew() + result.chunksReused()).isEqualTo(s.chunks());
            repo.restore(s, tmp.resolve("out"), ProgressListener.NONE);
            assertThat(TestVaults.tree(tmp.resolve("out"))).isEqualTo(TestVaults.tree(source));
        }
    }

    @Test
    void restoreWritesOnlyNewFilesAndTouchesNothingWhenOneExists() throws IOException {
        Path source = TestVaults.source(tmp.resolve("src"), 9, 20_000);
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("transactions.csv"), "keep me");
        try (VaultRepository repo = VaultRepository.init(tmp.resolve("repo"), TestVaults.kek(1), TestVaults.SMALL)) {
            Snapshot s = repo.backup(source, new SnapshotInfo("bank-a", DAY1), ProgressListener.NONE).snapshot();
            assertThatThrownBy(() -> repo.restore(s, out, ProgressListener.NONE))
                    .isInstanceOfSatisfying(RestoreFailedException.class,
                            e -> assertThat(e.path()).isEqualTo("transactions.csv"))
                    .hasMessageContaining("exists");
            assertThat(TestVaults.tree(out)).hasSize(1);
            assertThat(Files.readString(out.resolve("transactions.csv"))).isEqualTo("keep me");
        }
    }

    @Test
    void oneWorkerAndFourWorkersStoreTheSameSnapshot() throws IOException {
        Path source = TestVaults.source(tmp.resolve("src"), 10, 300_000);
        Path root = tmp.resolve("repo");
        VaultRepository.init(root, TestVaults.kek(1), TestVaults.SMALL).close();
        List<Snapshot> snapshots = new ArrayList<>();
        for (int threads : new int[] {1, 4}) {
            try (VaultRepository repo = VaultRepository.open(root, TestVaults.kek(1), threads)) {
                snapshots.add(repo.backup(source, new SnapshotInfo("bank-a", DAY1.plusDays(threads)),
                        ProgressListener.NONE).snapshot());
                repo.restore(snapshots.getLast(), tmp.resolve("out" + threads), ProgressListener.NONE);
            }
        }
        assertThat(snapshots.get(0).chunks()).isEqualTo(snapshots.get(1).chunks());
        assertThat(TestVaults.tree(tmp.resolve("out1"))).isEqualTo(TestVaults.tree(tmp.resolve("out4")))
                .isEqualTo(TestVaults.tree(source));
    }

    @Test
    void verifyReportsProgressPerPack() throws IOException {
        Path source = TestVaults.source(tmp.resolve("src"), 12, 200_000);
        try (VaultRepository repo = VaultRepository.init(tmp.resolve("repo"), TestVaults.kek(1), TestVaults.SMALL)) {
            repo.backup(source, new SnapshotInfo("bank-a", DAY1), ProgressListener.NONE);
            List<Progress> reports = new ArrayList<>();
            VerifyReport report = repo.verify(reports::add);
            assertThat(reports).hasSize(report.packs()).last().isInstanceOfSatisfying(Progress.Verify.class,
                    p -> assertThat(p.packsChecked()).isEqualTo(report.packs()));
            assertThat(report.bytesRead()).isPositive();
        }
    }

    @Test
    void backupAbortedByItsCallerLeavesNoSnapshotAndTheNextOneReusesItsPacks() throws IOException {
        Path source = TestVaults.source(tmp.resolve("src"), 13, 600_000);
        try (VaultRepository repo = VaultRepository.init(tmp.resolve("repo"), TestVaults.kek(1), TestVaults.SMALL)) {
            SnapshotInfo info = new SnapshotInfo("bank-a", DAY1);
            assertThatThrownBy(() -> repo.backup(source, info, p -> {
                // Cancelled while reading: by then full packs are queued for the finisher, which completes them
                // on close (packsWritten itself lags behind the reader, so it is no trigger to rely on).
                if (p instanceof Progress.Backup b && b.bytesRead() >= 400_000 && b.filesDone() < b.filesTotal()) {
                    throw new IllegalStateException("operator cancelled");
                }
            })).hasMessage("operator cancelled");

            assertThat(repo.snapshots()).isEmpty();
            assertThat(repo.verify().problems()).isEmpty();
            BackupResult again = repo.backup(source, info, ProgressListener.NONE);
            assertThat(again.chunksReused()).isPositive();
            repo.restore(again.snapshot(), tmp.resolve("out"), ProgressListener.NONE);
            assertThat(TestVaults.tree(tmp.resolve("out"))).isEqualTo(TestVaults.tree(source));
        }
        try (VaultRepository repo = VaultRepository.open(tmp.resolve("repo"), TestVaults.kek(1))) {
            VerifyReport report = repo.verify();
            assertThat(report.problems()).isEmpty();
            assertThat(report.unindexedPacks()).isZero();
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
