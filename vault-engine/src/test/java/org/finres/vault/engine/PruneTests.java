package org.finres.vault.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PruneTests {

    @TempDir
    Path tmp;

    @Test
    void pruneRemovesSnapshotsOutsideThePolicyAndTheDataOnlyTheyNeeded() throws IOException {
        Path source = TestVaults.source(tmp.resolve("src"), 21, 200_000);
        Path root = tmp.resolve("repo");
        LocalDate day = LocalDate.of(2026, 1, 5);
        try (VaultRepository repo = VaultRepository.init(root, TestVaults.kek(1), TestVaults.SMALL)) {
            for (int i = 0; i < 3; i++) {
                byte[] daily = new byte[150_000];
                new Random(100 + i).nextBytes(daily);
                Files.write(source.resolve("daily.bin"), daily);
                repo.backup(source, new SnapshotInfo("bank-a", day.plusDays(i)), ProgressListener.NONE);
            }
            long before = folderSize(root.resolve("packs"));
            List<Progress> reports = new ArrayList<>();

            PruneResult result = repo.prune(new RetentionPolicy(1, 0, 0), reports::add);

            assertThat(result.removed()).extracting(s -> s.info().businessDate())
                    .containsExactlyInAnyOrder(day, day.plusDays(1));
            assertThat(result.packsDeleted() + result.packsRewritten()).isPositive();
            assertThat(result.bytesFreed()).isPositive();
            assertThat(folderSize(root.resolve("packs"))).isLessThan(before);
            assertThat(reports).isNotEmpty();
            assertThat(repo.snapshots()).singleElement().satisfies(s -> assertThat(s.info().businessDate())
                    .isEqualTo(day.plusDays(2)));
            VerifyReport report = repo.verify();
            assertThat(report.problems()).as(report.describe()).isEmpty();
            repo.restore(repo.snapshots().getFirst(), tmp.resolve("out"), ProgressListener.NONE);
            assertThat(TestVaults.tree(tmp.resolve("out"))).isEqualTo(TestVaults.tree(source));
            assertThat(TestVaults.files(root.resolve("index"))).hasSize(1);
        }
        try (VaultRepository repo = VaultRepository.open(root, TestVaults.kek(1))) {
            assertThat(repo.verify().ok()).isTrue();
            // the next backup still deduplicates against what prune kept
            BackupResult again = repo.backup(source, new SnapshotInfo("bank-a", day.plusDays(3)),
                    ProgressListener.NONE);
            assertThat(again.chunksNew()).isZero();
        }
    }

    @Test
    void pruneWithNothingToRemoveChangesNothing() throws IOException {
        Path source = TestVaults.source(tmp.resolve("src"), 22, 50_000);
        try (VaultRepository repo = VaultRepository.init(tmp.resolve("repo"), TestVaults.kek(1), TestVaults.SMALL)) {
            repo.backup(source, new SnapshotInfo("bank-a", LocalDate.of(2026, 2, 1)), ProgressListener.NONE);
            PruneResult result = repo.prune(new RetentionPolicy(5, 0, 0), ProgressListener.NONE);
            assertThat(result.removed()).isEmpty();
            assertThat(result.packsDeleted()).isZero();
            assertThat(repo.verify().ok()).isTrue();
        }
    }

    @Test
    void retentionKeepsNewestDatesMonthEndsAndYearEndsPerInstitution() {
        List<Snapshot> all = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2024, 11, 25); d.isBefore(LocalDate.of(2026, 3, 6)); d = d.plusDays(1)) {
            all.add(snapshot("bank-a", d));
        }
        all.add(snapshot("bank-b", LocalDate.of(2020, 1, 1)));

        Set<SnapshotId> kept = VaultRepository.kept(all, new RetentionPolicy(3, 2, 2));
        Set<String> dates = all.stream().filter(s -> kept.contains(s.id()))
                .map(s -> s.info().institution() + " " + s.info().businessDate()).collect(Collectors.toSet());

        assertThat(dates).containsExactlyInAnyOrder(
                "bank-a 2026-03-05", "bank-a 2026-03-04", "bank-a 2026-03-03", // newest three
                "bank-a 2026-02-28",                                             // month end (March's is 03-05)
                "bank-a 2025-12-31",                                             // year end (2026's is 03-05)
                "bank-b 2020-01-01");
    }

    private static Snapshot snapshot(String institution, LocalDate date) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((institution + date).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new Snapshot(new SnapshotId(java.util.HexFormat.of().formatHex(digest)),
                    new SnapshotInfo(institution, date), Instant.EPOCH, 1, 1, 1);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long folderSize(Path dir) throws IOException {
        long total = 0;
        for (Path p : TestVaults.files(dir)) {
            total += Files.size(p);
        }
        return total;
    }
}
