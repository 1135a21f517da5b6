package org.finres.cli.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.finres.cli.ExitStatus;
import org.finres.cli.testing.CliRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention locks and a pinned signing key through the commands: locked snapshots outlive the prune policy. */
class ImmutabilityCommandsTests {

    @TempDir
    Path tmp;

    VaultFixture f;
    Path key;
    Path source;

    @BeforeEach
    void lockedRepositoryWithAPinnedSigningKey() {
        f = new VaultFixture(tmp);
        f.environment.put("FINRES_SIGNING_PASSPHRASE", "signing key passphrase");
        key = tmp.resolve("sign.key");
        assertThat(f.vault("keys", "generate", "--signing", "--out", key.toString()).exitCode()).isZero();
        CliRun init = f.vault("init", "--repo", f.repo.toString(), "--retention-lock", "P30D", "--pin-signing-key",
                tmp.resolve("sign.key.pub").toString());
        assertThat(init.exitCode()).as(init.toString()).isZero();
        assertThat(init.out()).contains("retention lock P30D per snapshot").contains("manifest chain signed by");
        source = f.write("plain/a.txt", "hello").getParent();
    }

    @Test
    void aBackupWithoutThePinnedSigningKeyIsRefused() {
        CliRun run = f.vault("backup", "--repo", f.repo.toString(), "--institution", "bank-a", "--date",
                "2026-12-01", "--progress", "none", source.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitStatus.KEY_REFUSED.code());
        assertThat(run.err()).contains("pins signing key");
        assertThat(f.vault("snapshots", "--repo", f.repo.toString()).out()).contains("no snapshots");
    }

    @Test
    void lockedSnapshotsAreListedWithTheirLockAndSurviveAPruneThatWouldDropThem() {
        for (String date : List.of("2026-11-30", "2026-12-01")) {
            CliRun run = f.vault("backup", "--repo", f.repo.toString(), "--institution", "bank-a", "--date", date,
                    "--signing-key", key.toString(), "--progress", "none", source.toString());
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.err()).contains("snapshot locked until");
        }
        CliRun list = f.vault("snapshots", "--repo", f.repo.toString());
        assertThat(list.out()).contains("LOCKED UNTIL").containsPattern("2026-11-30 .* 20[0-9]{2}-[0-9]{2}-[0-9]{2}T");

        CliRun dry = f.vault("prune", "--repo", f.repo.toString(), "--keep-last", "1", "--dry-run");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("would remove 0 of 2").contains("kept by their retention lock")
                .contains("bank-a@2026-11-30").contains("locked until");

        CliRun prune = f.vault("prune", "--repo", f.repo.toString(), "--keep-last", "1");
        assertThat(prune.exitCode()).as(prune.toString()).isZero();
        assertThat(prune.out()).contains("removed 0 snapshot(s)").contains("kept by retention locks: 1 snapshot(s)");
        assertThat(f.vault("snapshots", "--repo", f.repo.toString()).out()).contains("2026-11-30");
        CliRun verify = f.vault("verify", "--repo", f.repo.toString(), "--progress", "none");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
    }
}
