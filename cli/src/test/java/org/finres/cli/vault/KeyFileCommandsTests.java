package org.finres.cli.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.finres.cli.ExitStatus;
import org.finres.cli.testing.CliRun;
import org.finres.vault.engine.custody.EscrowKeyWrapping;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code finres vault keys list|add|remove}: rotating the passphrase and adding an escrow to a repository that holds
 * a backup, without touching its data, and the refusals that keep it openable.
 */
class KeyFileCommandsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NEW_PASSPHRASE = "a brand new repository passphrase";
    private static final String KEY_PASSPHRASE = "custodian key passphrase";

    @TempDir
    Path tmp;

    VaultFixture f;
    Map<String, String> env;
    Path dataset;

    @BeforeEach
    void aRepositoryWithOneBackup() {
        f = new VaultFixture(tmp);
        env = new HashMap<>(f.environment);
        env.put("NEW_PASS", NEW_PASSPHRASE);
        env.put("FINRES_KEY_PASSPHRASE", KEY_PASSPHRASE);
        env.put("FINRES_RESTORER_PASSPHRASE", KEY_PASSPHRASE);
        f.init();
        dataset = f.dataset("dataset", 100);
        CliRun backup = f.vault(env, "backup", "--repo", f.repo.toString(), dataset.toString());
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
    }

    private JsonNode keys(Map<String, String> environment) {
        CliRun run = f.vault(environment, "keys", "list", "--repo", f.repo.toString(), "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return JSON.readTree(run.out());
    }

    private Path restore(Map<String, String> environment, String name) {
        Path target = tmp.resolve(name);
        CliRun run = f.vault(environment, "restore", "--repo", f.repo.toString(), target.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return target;
    }

    @Test
    void rotatingThePassphraseAddsTheNewKeyFileRemovesTheOldAndKeepsEveryBackup() {
        JsonNode before = keys(env);
        assertThat(before).hasSize(1);
        String oldId = before.get(0).get("id").stringValue();
        assertThat(before.get(0).get("openedWith").booleanValue()).isTrue();

        CliRun add = f.vault(env, "keys", "add", "--repo", f.repo.toString(), "--new-passphrase-env", "NEW_PASS");
        assertThat(add.exitCode()).as(add.toString()).isZero();
        assertThat(add.out()).containsPattern("added key file [0-9a-f]{16} \\(" + java.util.regex.Pattern.quote(PassphraseKeyWrapping.ALGORITHM));
        assertThat(keys(env)).hasSize(2);

        Map<String, String> rotated = new HashMap<>(env);
        rotated.put(PassphraseOptions.VARIABLE, NEW_PASSPHRASE);
        CliRun remove = f.vault(rotated, "keys", "remove", "--repo", f.repo.toString(), oldId);
        assertThat(remove.exitCode()).as(remove.toString()).isZero();

        CliRun oldPassphrase = f.vault(env, "snapshots", "--repo", f.repo.toString());
        assertThat(oldPassphrase.exitCode()).as(oldPassphrase.toString()).isEqualTo(ExitStatus.KEY_REFUSED.code());
        VaultFixture.assertSameFiles(restore(rotated, "restored"), dataset);
        assertThat(f.vault(rotated, "verify", "--repo", f.repo.toString()).exitCode()).isZero();
    }

    @Test
    void theLastKeyFileCannotBeRemovedAndAnUnknownIdIsNamed() {
        String only = keys(env).get(0).get("id").stringValue();

        CliRun last = f.vault(env, "keys", "remove", "--repo", f.repo.toString(), only);
        assertThat(last.exitCode()).as(last.toString()).isEqualTo(ExitStatus.KEY_REFUSED.code());
        assertThat(last.err()).contains("no key file removed");

        CliRun unknown = f.vault(env, "keys", "remove", "--repo", f.repo.toString(), "0123456789abcdef");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(unknown.err()).contains("has no key file 0123456789abcdef").contains(only);

        CliRun malformed = f.vault(env, "keys", "remove", "--repo", f.repo.toString(), "../config");
        assertThat(malformed.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(malformed.err()).contains("16 lowercase hex digits");
        assertThat(keys(env)).hasSize(1);
        VaultFixture.assertSameFiles(restore(env, "restored"), dataset);
    }

    @Test
    void anEscrowAddedLaterRestoresWithTwoOfThreeReleasedShares() {
        for (String name : List.of("bank-a", "fsc", "bank-b")) {
            CliRun run = f.vault(env, "keys", "generate", "--custodian", "--out", key(name).toString());
            assertThat(run.exitCode()).as(run.toString()).isZero();
        }
        CliRun add = f.vault(env, "keys", "add", "--repo", f.repo.toString(), "--threshold", "2",
                "--custodian", "INSTITUTION:Bank A:" + pub("bank-a"), "--custodian", "REGULATOR:FSC:" + pub("fsc"),
                "--custodian", "RESTORING_INSTITUTION:Bank B:" + pub("bank-b"));
        assertThat(add.exitCode()).as(add.toString()).isZero();
        assertThat(add.out()).contains("key: escrow 2 of 3 (" + EscrowKeyWrapping.ALGORITHM + ")");
        assertThat(keys(env)).extracting(k -> k.get("algorithm").stringValue())
                .containsExactlyInAnyOrder(PassphraseKeyWrapping.ALGORITHM, EscrowKeyWrapping.ALGORITHM);

        Path fsc = release("fsc");
        Path bankA = release("bank-a");
        Path target = tmp.resolve("restored-by-escrow");
        CliRun restore = f.vault(env, "restore", "--repo", f.repo.toString(), "--restorer-key", key("bank-b").toString(),
                "--share", fsc.toString(), "--share", bankA.toString(), target.toString());
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        VaultFixture.assertSameFiles(target, dataset);
    }

    @Test
    void addNeedsExactlyOneOfANewPassphraseAndAnEscrow() {
        CliRun neither = f.vault(env, "keys", "add", "--repo", f.repo.toString());
        assertThat(neither.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(neither.err()).contains("give either a new passphrase");

        CliRun both = f.vault(env, "keys", "add", "--repo", f.repo.toString(), "--new-passphrase-env", "NEW_PASS",
                "--custody-from-hub", "bank-a");
        assertThat(both.exitCode()).isEqualTo(ExitStatus.USAGE.code());

        CliRun tooShort = f.vault(Map.of("FINRES_VAULT_PASSPHRASE", VaultFixture.PASSPHRASE, "NEW_PASS", "short",
                "FINRES_DATA_DIR", tmp.resolve("data").toString()), "keys", "add", "--repo", f.repo.toString(),
                "--new-passphrase-env", "NEW_PASS");
        assertThat(tooShort.exitCode()).isEqualTo(ExitStatus.USAGE.code());
        assertThat(tooShort.err()).contains("characters; use at least");
        assertThat(keys(env)).hasSize(1);
    }

    @Test
    void aWrongCurrentPassphraseAddsNothing() {
        Map<String, String> wrong = new HashMap<>(env);
        wrong.put(PassphraseOptions.VARIABLE, "not the repository passphrase");

        CliRun add = f.vault(wrong, "keys", "add", "--repo", f.repo.toString(), "--new-passphrase-env", "NEW_PASS");

        assertThat(add.exitCode()).isEqualTo(ExitStatus.KEY_REFUSED.code());
        assertThat(keys(env)).hasSize(1);
    }

    private Path key(String name) {
        return tmp.resolve("keys").resolve(name + ".key");
    }

    private Path pub(String name) {
        return tmp.resolve("keys").resolve(name + ".key.pub");
    }

    private Path release(String custodian) {
        Path share = tmp.resolve("shares").resolve(custodian + ".share");
        CliRun run = f.vault(env, "keys", "release", "--repo", f.repo.toString(), "--key", key(custodian).toString(),
                "--recipient", pub("bank-b").toString(), "--out", share.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return share;
    }
}
