package org.finres.cli.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.finres.cli.FinresCli;
import org.finres.cli.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code finres vault backup} killed with SIGKILL: the repository stays sound and the next run says it resumed. */
class KilledBackupTests {

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aBackupKilledMidwayResumesAndRestoresByteIdentical() throws Exception {
        VaultFixture f = new VaultFixture(tmp);
        // zstd level 19 on incompressible data is slow on purpose: the child must still be running when killed.
        CliRun init = f.vault("init", "--repo", f.repo.toString(), "--chunk-min", "8192", "--chunk-avg", "16384",
                "--chunk-max", "65536", "--pack-size", "131072", "--zstd-level", "19");
        assertThat(init.exitCode()).as(init.toString()).isZero();
        Path source = tmp.resolve("source");
        Files.createDirectories(source);
        Random random = new Random(5);
        for (int i = 0; i < 4; i++) {
            byte[] data = new byte[12 << 20];
            random.nextBytes(data);
            Files.write(source.resolve("part-" + i + ".bin"), data);
        }

        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), FinresCli.class.getName(), "vault", "backup", "--repo",
                f.repo.toString(), "--institution", "bank-a", "--date", "2026-12-01", "--progress", "none",
                source.toString()).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile());
        builder.environment().putAll(f.environment);
        Process child = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (packs(f.repo) < 8 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed, not finished; child log:\n%s",
                Files.readString(tmp.resolve("child.log"))).isNotZero();
        assertThat(f.vault("snapshots", "--repo", f.repo.toString()).out()).contains("no snapshots");

        CliRun resumed = f.vault("backup", "--repo", f.repo.toString(), "--institution", "bank-a", "--date",
                "2026-12-01", "--progress", "none", source.toString());

        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.err()).containsPattern("resumed: [0-9.]+ (KiB|MiB) already stored in ([89]|[1-9][0-9]+) "
                + "pack\\(s\\) by the interrupted backup of bank-a@2026-12-01");
        CliRun verify = f.vault("verify", "--repo", f.repo.toString(), "--progress", "none");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        Path target = tmp.resolve("restored");
        assertThat(f.vault("restore", "--repo", f.repo.toString(), target.toString()).exitCode()).isZero();
        VaultFixture.assertSameFiles(target, source);
    }

    private static long packs(Path repo) throws IOException {
        try (var s = Files.list(repo.resolve("packs"))) {
            return s.filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}")).count();
        }
    }
}
