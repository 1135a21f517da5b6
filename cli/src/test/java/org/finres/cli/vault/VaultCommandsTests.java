package org.finres.cli.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.finres.cli.ExitStatus;
import org.finres.cli.testing.CliRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class VaultCommandsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    VaultFixture f;

    @BeforeEach
    void fixture() {
        f = new VaultFixture(tmp);
    }

    @Test
    void fullCycleRestoresTheDatasetByteIdentical() throws IOException {
        f.init();
        Path dataset = f.dataset("dataset", 300);

        CliRun backup = f.vault("backup", "--repo", f.repo.toString(), "--progress", "lines", dataset.toString());
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
        assertThat(backup.out()).contains("stored snapshot bank-a@2026-12-01");

        CliRun table = f.vault("snapshots", "--repo", f.repo.toString());
        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out()).contains("INSTITUTION").contains("bank-a").contains("2026-12-01");
        CliRun json = f.vault("snapshots", "--repo", f.repo.toString(), "--json");
        JsonNode listed = JSON.readTree(json.out());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("institution").stringValue()).isEqualTo("bank-a");
        assertThat(listed.get(0).path("files").intValue()).isEqualTo(VaultFixture.files(dataset).size());

        CliRun verify = f.vault("verify", "--repo", f.repo.toString(), "--progress", "none");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.out()).startsWith("repository is sound");

        Path target = tmp.resolve("restored");
        CliRun restore = f.vault("restore", "--repo", f.repo.toString(), "--date", "2026-12-01", target.toString());
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        VaultFixture.assertSameFiles(target, dataset);

        CliRun again = f.vault("backup", "--repo", f.repo.toString(), dataset.toString());
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitStatus.SNAPSHOT_EXISTS.code());
        assertThat(again.err()).contains("a snapshot of bank-a@2026-12-01 already exists");
    }

    @Test
    void verifyOfADamagedPackExitsWithTheDamagedCodeAndNamesThePack() throws IOException {
        f.init();
        Path dataset = f.dataset("dataset", 300);
        assertThat(f.vault("backup", "--repo", f.repo.toString(), dataset.toString()).exitCode()).isZero();
        Path pack;
        try (Stream<Path> packs = Files.list(f.repo.resolve("packs"))) {
            pack = packs.sorted().findFirst().orElseThrow();
        }
        try (RandomAccessFile file = new RandomAccessFile(pack.toFile(), "rw")) {
            long at = 100; // inside the first blob, after the pack magic
            file.seek(at);
            int b = file.read();
            file.seek(at);
            file.write(b ^ 0x01);
        }

        CliRun verify = f.vault("verify", "--repo", f.repo.toString(), "--progress", "none");

        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(ExitStatus.DAMAGED.code());
        assertThat(verify.out()).contains("DAMAGED").contains("pack " + pack.getFileName() + " offset")
                .contains("snapshot bank-a@2026-12-01");
        CliRun json = f.vault("verify", "--repo", f.repo.toString(), "--progress", "none", "--json");
        JsonNode report = JSON.readTree(json.out());
        assertThat(report.path("ok").booleanValue()).isFalse();
        assertThat(report.path("problems").get(0).path("kind").stringValue()).isEqualTo("DamagedBlob");

        CliRun restore = f.vault("restore", "--repo", f.repo.toString(), tmp.resolve("out").toString());
        assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(ExitStatus.DAMAGED.code());
        assertThat(restore.err()).contains("nothing restored").contains(pack.getFileName().toString());
        assertThat(tmp.resolve("out")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
                p -> assertThat(p).isEmptyDirectory());
    }

    @Test
    void aWrongPassphraseIsRefusedWithItsOwnExitCode() {
        f.init();
        Map<String, String> wrong = new HashMap<>(f.environment);
        wrong.put("FINRES_VAULT_PASSPHRASE", "not the passphrase at all");

        CliRun run = f.vault(wrong, "snapshots", "--repo", f.repo.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitStatus.KEY_REFUSED.code());
        assertThat(run.err()).contains("cannot open repository " + f.repo).contains("wrong key");
    }

    @Test
    void passphrasesComeFromFilesOrNamedVariablesNeverFromArguments() {
        Map<String, String> none = new HashMap<>(f.environment);
        none.remove("FINRES_VAULT_PASSPHRASE");
        Path file = f.write("pass.txt", VaultFixture.PASSPHRASE + "\n");

        CliRun missing = f.vault(none, "init", "--repo", f.repo.toString());
        assertThat(missing.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(missing.err()).contains("no repository passphrase: pass --passphrase-file FILE");

        CliRun tooShort = f.vault(Map.of("SHORT", "bank"), "init", "--repo", f.repo.toString(),
                "--passphrase-env", "SHORT");
        assertThat(tooShort.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(tooShort.err()).contains("has 4 characters; use at least 12");

        CliRun made = f.vault(none, "init", "--repo", f.repo.toString(), "--passphrase-file", file.toString());
        assertThat(made.exitCode()).as(made.toString()).isZero();
        // The file's trailing newline is not part of the passphrase: the variable without it opens the repository.
        CliRun list = f.vault("snapshots", "--repo", f.repo.toString());
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).contains("no snapshots");

        CliRun notEmpty = f.vault("init", "--repo", f.repo.toString());
        assertThat(notEmpty.exitCode()).isEqualTo(ExitStatus.STORAGE.code());
        assertThat(notEmpty.err()).contains("init: cannot make a repository in " + f.repo).contains("it is not empty");
    }

    @Test
    void anInterruptedBackupResumesWithThePacksItStored() {
        f.init();
        Path dataset = f.dataset("dataset", 3000);

        CliRun interrupted = f.vault("backup", "--repo", f.repo.toString(), "--progress", "none",
                "--stop-after-bytes", "600000", dataset.toString());
        assertThat(interrupted.exitCode()).as(interrupted.toString()).isEqualTo(ExitStatus.STORAGE.code());
        assertThat(interrupted.err()).contains("interrupted; run the same command again to resume");
        assertThat(f.vault("snapshots", "--repo", f.repo.toString()).out()).contains("no snapshots");

        CliRun resumed = f.vault("backup", "--repo", f.repo.toString(), "--progress", "none", dataset.toString());

        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.err()).containsPattern("resumed: [0-9.]+ KiB already stored in [1-9][0-9]* pack\\(s\\) by "
                + "the interrupted backup of bank-a@2026-12-01");
        assertThat(resumed.out()).containsPattern("[1-9][0-9]* reused");
        CliRun verify = f.vault("verify", "--repo", f.repo.toString(), "--progress", "none");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        Path target = tmp.resolve("restored");
        assertThat(f.vault("restore", "--repo", f.repo.toString(), target.toString()).exitCode()).isZero();
        VaultFixture.assertSameFiles(target, dataset);
        // Once stored, the journal is gone: a later backup of another date does not claim to resume.
        assertThat(tmp.resolve("data/vault")).isEmptyDirectory();
    }

    @Test
    void pruneDryRunListsWhatWouldGoAndChangesNothing() {
        f.init();
        Path source = f.write("plain/a.txt", "hello");
        for (String date : List.of("2026-11-28", "2026-11-29", "2026-11-30")) {
            CliRun run = f.vault("backup", "--repo", f.repo.toString(), "--institution", "bank-a", "--date", date,
                    source.getParent().toString());
            assertThat(run.exitCode()).as(run.toString()).isZero();
        }

        CliRun dry = f.vault("prune", "--repo", f.repo.toString(), "--keep-last", "1", "--dry-run");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("would remove 2 of 3").contains("bank-a@2026-11-28").contains("bank-a@2026-11-29")
                .doesNotContain("bank-a@2026-11-30");
        assertThat(f.vault("snapshots", "--repo", f.repo.toString()).out()).contains("2026-11-28");

        CliRun prune = f.vault("prune", "--repo", f.repo.toString(), "--keep-last", "1");
        assertThat(prune.exitCode()).as(prune.toString()).isZero();
        assertThat(prune.out()).contains("removed 2 snapshot(s)");
        assertThat(f.vault("snapshots", "--repo", f.repo.toString()).out()).doesNotContain("2026-11-28")
                .contains("2026-11-30");
    }

    @Test
    void aDatasetThatDoesNotAddUpIsNotBackedUp() throws IOException {
        f.init();
        Path dataset = f.dataset("dataset", 50);
        Path balances = dataset.resolve("balances.jsonl");
        List<String> lines = Files.readAllLines(balances);
        lines.set(0, lines.get(0).replaceFirst("\"closing\":\"", "\"closing\":\"1"));
        Files.write(balances, lines);

        CliRun run = f.vault("backup", "--repo", f.repo.toString(), "--progress", "none", dataset.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitStatus.INVALID_DATA.code());
        assertThat(run.err()).contains("does not add up").contains("balances.jsonl");
        assertThat(f.vault("snapshots", "--repo", f.repo.toString()).out()).contains("no snapshots");
    }

    @Test
    void helpDocumentsTheExitCodesScriptsBranchOn() {
        CliRun help = f.vault("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("init").contains("import").contains("backup").contains("snapshots")
                .contains("verify").contains("restore").contains("prune").contains("drill").contains("keys")
                .containsPattern("5 +the repository is damaged").containsPattern("6 +a key was refused")
                .containsPattern("7 +local storage failed").containsPattern("8 +the data does not parse or add up")
                .containsPattern("9 +a snapshot of that institution and business date already exists");
    }

    @Test
    void custodyFromTheHubIsRefusedWhenAKeyDoesNotMatchItsFingerprint() throws IOException {
        Map<String, String> env = new HashMap<>(f.environment);
        env.put("FINRES_KEY_PASSPHRASE", "custodian key passphrase");
        Path key = tmp.resolve("fsc.key");
        assertThat(f.vault(env, "keys", "generate", "--custodian", "--out", key.toString()).exitCode()).isZero();
        String publicKey = Files.readString(tmp.resolve("fsc.key.pub")).strip();
        try (org.finres.cli.testing.StubHub hub = new org.finres.cli.testing.StubHub()) {
            hub.json("GET", "/api/v1/vault/custody/bank-a", 200, "{\"institution\":\"bank-a\",\"threshold\":2,"
                    + "\"restoringInstitution\":\"bank-b\",\"custodians\":[{\"role\":\"REGULATOR\",\"name\":\"FSC\","
                    + "\"tenant\":\"fsc\",\"publicKey\":\"" + publicKey + "\",\"fingerprint\":\"" + "0".repeat(64) + "\"}]}");
            env.putAll(hub.environment());

            CliRun run = f.vault(env, "init", "--repo", f.repo.toString(), "--custody-from-hub", "bank-a");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitStatus.KEY_REFUSED.code());
            assertThat(run.err()).contains("custodian REGULATOR 'FSC'").contains("not the " + "0".repeat(64));
            assertThat(f.repo).doesNotExist();
        }
    }
}
