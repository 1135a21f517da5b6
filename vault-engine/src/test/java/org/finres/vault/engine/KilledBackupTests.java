package org.finres.vault.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A backup killed with SIGKILL leaves a consistent repository, and the next backup reuses what it stored. */
class KilledBackupTests {

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void backupKilledMidwayLeavesAConsistentRepositoryAndTheNextOneResumes() throws Exception {
        Path source = TestVaults.source(tmp.resolve("src"), 11, 1_500_000);
        Path root = tmp.resolve("repo");
        VaultRepository.init(root, TestVaults.kek(1), TestVaults.SMALL).close();

        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), BackupChild.class.getName(), root.toString(),
                source.toString(), "2026-09-30").redirectErrorStream(true).start();
        int packsSeen = 0;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                output.append(line).append('\n');
                if (line.startsWith("packs=")) {
                    packsSeen = Integer.parseInt(line.substring(6));
                    if (packsSeen >= 6) {
                        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
                        break;
                    }
                }
            }
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(packsSeen).as("child output:\n%s", output).isGreaterThanOrEqualTo(6);
        assertThat(output).doesNotContain("done");

        try (VaultRepository repo = VaultRepository.open(root, TestVaults.kek(1))) {
            VerifyReport report = repo.verify();
            assertThat(report.problems()).as(report.describe()).isEmpty();
            assertThat(report.snapshots()).isZero();
            assertThat(report.packs()).isGreaterThanOrEqualTo(6);
            int storedBeforeResume = repo.indexedChunks();
            assertThat(storedBeforeResume).isPositive();

            BackupResult resumed = repo.backup(source, new SnapshotInfo("bank-a", LocalDate.of(2026, 9, 30)),
                    ProgressListener.NONE);
            assertThat(resumed.chunksReused()).isGreaterThanOrEqualTo(storedBeforeResume);

            repo.restore(resumed.snapshot(), tmp.resolve("out"), ProgressListener.NONE);
            assertThat(TestVaults.tree(tmp.resolve("out"))).isEqualTo(TestVaults.tree(source));

            // prune clears what the killed run left (a partial .tmp pack at most) and keeps the snapshot intact
            repo.prune(new RetentionPolicy(7, 12, 10), ProgressListener.NONE);
            VerifyReport after = repo.verify();
            assertThat(after.problems()).isEmpty();
            assertThat(after.temporaryFiles()).isZero();
            assertThat(after.unindexedPacks()).isZero();
        }
        List<Path> packs = TestVaults.files(root.resolve("packs"));
        assertThat(packs).allSatisfy(p -> assertThat(Files.size(p)).isPositive());
    }
}
