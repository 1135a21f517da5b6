package org.finres.cli.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.finres.cli.ExitStatus;
import org.finres.cli.testing.CliRun;
import org.finres.cli.testing.StubHub;
import org.finres.vault.engine.ProgressListener;
import org.finres.vault.engine.RepositoryParameters;
import org.finres.vault.engine.SnapshotInfo;
import org.finres.vault.engine.VaultRepository;
import org.finres.vault.engine.custody.Custodian;
import org.finres.vault.engine.custody.CustodianKeyPair;
import org.finres.vault.engine.custody.CustodianRole;
import org.finres.vault.engine.custody.EscrowKeyFile;
import org.finres.vault.engine.custody.EscrowKeyWrapping;
import org.finres.vault.engine.custody.EscrowRestore;
import org.finres.vault.engine.custody.ReleasedShare;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Custody on the command line: custodians generate keys, release their shares to the restoring institution, which
 * restores with M of them, from files or from the hub.
 */
class CustodyCommandsTests {

    private static final String KEY_PASSPHRASE = "custodian key passphrase";
    private static final List<String> NAMES = List.of("bank-a", "hub", "fsc", "bank-b");
    private static final List<CustodianRole> ROLES = List.of(CustodianRole.INSTITUTION, CustodianRole.HUB_OPERATOR,
            CustodianRole.REGULATOR, CustodianRole.RESTORING_INSTITUTION);

    @TempDir
    Path tmp;

    VaultFixture f;
    Map<String, String> env;
    Path dataset;

    @BeforeEach
    void custodiansAndAnEscrowedRepository() throws Exception {
        f = new VaultFixture(tmp);
        env = new HashMap<>(f.environment);
        env.put("FINRES_KEY_PASSPHRASE", KEY_PASSPHRASE);
        env.put("FINRES_RESTORER_PASSPHRASE", KEY_PASSPHRASE);
        List<Custodian> custodians = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            CliRun run = f.vault(env, "keys", "generate", "--custodian", "--out", key(NAMES.get(i)).toString());
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).containsPattern("fingerprint [0-9a-f]{64}");
            custodians.add(new Custodian(ROLES.get(i), NAMES.get(i), KeyFiles.custodianPublicKey(pub(NAMES.get(i)))));
        }
        // An escrow-only repository (no passphrase key file), made and filled through the engine: the commands under
        // test are release and restore ('init --custodian' and 'keys add' make the passphrase-plus-escrow kind).
        dataset = f.dataset("dataset", 200);
        VaultRepository.init(f.repo, EscrowKeyWrapping.forCustodians(3, custodians), RepositoryParameters.DEFAULT)
                .close();
        CustodianKeyPair restorer = pair("bank-b");
        EscrowKeyFile escrow = EscrowKeyFile.read(f.repo);
        List<ReleasedShare> three = List.of(ReleasedShare.release(escrow, pair("bank-a"), restorer.publicKey()),
                ReleasedShare.release(escrow, pair("hub"), restorer.publicKey()),
                ReleasedShare.release(escrow, pair("fsc"), restorer.publicKey()));
        try (VaultRepository repo = EscrowRestore.open(f.repo, restorer, three)) {
            repo.backup(dataset, new SnapshotInfo("bank-a", VaultFixture.DATE), ProgressListener.NONE);
        }
    }

    private Path key(String name) {
        return tmp.resolve("keys").resolve(name + ".key");
    }

    private Path pub(String name) {
        return tmp.resolve("keys").resolve(name + ".key.pub");
    }

    private CustodianKeyPair pair(String name) throws Exception {
        return CustodianKeyPair.decrypt(Files.readAllBytes(key(name)), KEY_PASSPHRASE.toCharArray());
    }

    private Path release(String custodian) {
        Path share = tmp.resolve("shares").resolve(custodian + ".share");
        CliRun run = f.vault(env, "keys", "release", "--repo", f.repo.toString(), "--key", key(custodian).toString(),
                "--recipient", pub("bank-b").toString(), "--out", share.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("wrote the released share of");
        return share;
    }

    @Test
    void aRestoreWithFewerThanMReleasedSharesFailsNamingTheMissingCustodians() {
        Path fsc = release("fsc");
        Path hub = release("hub");
        Path target = tmp.resolve("restored");

        CliRun two = f.vault(env, "restore", "--repo", f.repo.toString(), "--restorer-key", key("bank-b").toString(),
                "--share", fsc.toString(), "--share", hub.toString(), target.toString());

        assertThat(two.exitCode()).as(two.toString()).isEqualTo(ExitStatus.KEY_REFUSED.code());
        assertThat(two.err()).contains("2 of the 3 required custodian approvals")
                .contains("missing INSTITUTION 'bank-a'").contains("RESTORING_INSTITUTION 'bank-b'");
        assertThat(target).doesNotExist();

        Path bankA = release("bank-a");
        CliRun three = f.vault(env, "restore", "--repo", f.repo.toString(), "--restorer-key", key("bank-b").toString(),
                "--share", fsc.toString(), "--share", hub.toString(), "--share", bankA.toString(), target.toString());
        assertThat(three.exitCode()).as(three.toString()).isZero();
        VaultFixture.assertSameFiles(target, dataset);
    }

    @Test
    void theRepositoryPassphraseCannotOpenAnEscrowOnlyRepository() {
        CliRun run = f.vault(env, "snapshots", "--repo", f.repo.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitStatus.KEY_REFUSED.code());
        assertThat(run.err()).contains("has no Argon2id+AES-256-GCM-KW/v1 key file (its key files are X25519+ML-KEM-768");
    }

    @Test
    void aShareReleasedToAnotherRecipientIsRefused() {
        Path share = tmp.resolve("shares/wrong.share");
        CliRun run = f.vault(env, "keys", "release", "--repo", f.repo.toString(), "--key", key("fsc").toString(),
                "--recipient", pub("hub").toString(), "--out", share.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();

        CliRun restore = f.vault(env, "restore", "--repo", f.repo.toString(), "--restorer-key",
                key("bank-b").toString(), "--share", share.toString(), "--share", release("hub").toString(),
                "--share", release("bank-a").toString(), tmp.resolve("out").toString());

        assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(ExitStatus.KEY_REFUSED.code());
        assertThat(restore.err()).contains("REGULATOR 'fsc'");
    }

    @Test
    void aWrongCustodianPassphraseIsNamed() {
        Map<String, String> wrong = new HashMap<>(env);
        wrong.put("FINRES_KEY_PASSPHRASE", "not my passphrase, sorry");

        CliRun run = f.vault(wrong, "keys", "release", "--repo", f.repo.toString(), "--key", key("fsc").toString(),
                "--recipient", pub("bank-b").toString(), "--out", tmp.resolve("s").toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitStatus.KEY_REFUSED.code());
        assertThat(run.err()).contains("cannot open the custodian key " + key("fsc"));
        assertThat(tmp.resolve("s")).doesNotExist();
    }

    @Test
    void fingerprintsOfPublicAndPrivateKeyFilesAgree() {
        CliRun run = f.vault(env, "keys", "fingerprint", key("fsc").toString(), pub("fsc").toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).substring(0, 64)).isEqualTo(lines.get(1).substring(0, 64));
        assertThat(lines.get(0)).contains("custodian private key");
        assertThat(lines.get(1)).contains("custodian public key");
    }

    @Test
    void releaseApprovesAtTheHubAndTheRestorerFetchesTheShares() throws Exception {
        String id = "6f1c2e0a-1111-4222-8333-944455556666";
        String restorerFingerprint = KeyFiles.custodianPublicKey(pub("bank-b")).fingerprintHex();
        try (StubHub hub = new StubHub()) {
            hub.json("GET", "/api/v1/vault/restore-requests/" + id, 200,
                    "{\"id\":\"" + id + "\",\"status\":\"PENDING\",\"restorerFingerprint\":\"" + restorerFingerprint
                            + "\",\"threshold\":3,\"approvals\":0}");
            hub.json("POST", "/api/v1/vault/restore-requests/" + id + "/approvals", 201,
                    "{\"id\":\"" + id + "\",\"status\":\"PENDING\",\"threshold\":3,\"approvals\":1}");
            Map<String, String> withHub = new HashMap<>(env);
            withHub.putAll(hub.environment());

            CliRun approve = f.vault(withHub, "keys", "release", "--repo", f.repo.toString(), "--key",
                    key("fsc").toString(), "--recipient", pub("bank-b").toString(), "--restore-request", id);

            assertThat(approve.exitCode()).as(approve.toString()).isZero();
            assertThat(approve.out()).contains("approved restore request " + id + " as REGULATOR 'fsc': 1 of 3");
            StubHub.Request posted = hub.requests().stream().filter(r -> r.method().equals("POST")).findFirst()
                    .orElseThrow();
            assertThat(posted.authorization()).startsWith("Bearer frs_");
            JsonNode body = JsonMapper.builder().build().readTree(posted.body());
            assertThat(body.path("role").stringValue()).isEqualTo("REGULATOR");
            ReleasedShare sent = ReleasedShare.decode(Base64.getDecoder().decode(body.path("releasedShare").stringValue()));
            assertThat(sent.recipientFingerprintHex()).isEqualTo(restorerFingerprint);

            // The hub hands the restorer the three approvals' shares once the request is APPROVED.
            List<String> shares = new ArrayList<>();
            for (String custodian : List.of("fsc", "hub", "bank-a")) {
                shares.add("\"" + Files.readString(release(custodian)).strip() + "\"");
            }
            hub.json("GET", "/api/v1/vault/restore-requests/" + id + "/shares", 200,
                    "{\"shares\":[" + String.join(",", shares) + "]}");
            Path target = tmp.resolve("restored");
            CliRun restore = f.vault(withHub, "restore", "--repo", f.repo.toString(), "--restorer-key",
                    key("bank-b").toString(), "--restore-request", id, target.toString());
            assertThat(restore.exitCode()).as(restore.toString()).isZero();
            VaultFixture.assertSameFiles(target, dataset);
        }
    }

    @Test
    void releaseRefusesARecipientOtherThanTheRequestsRestorer() {
        String id = "6f1c2e0a-1111-4222-8333-944455556666";
        try (StubHub hub = new StubHub()) {
            hub.json("GET", "/api/v1/vault/restore-requests/" + id, 200,
                    "{\"id\":\"" + id + "\",\"status\":\"PENDING\",\"restorerFingerprint\":\"" + "ab".repeat(32)
                            + "\",\"threshold\":3,\"approvals\":0}");
            Map<String, String> withHub = new HashMap<>(env);
            withHub.putAll(hub.environment());

            CliRun run = f.vault(withHub, "keys", "release", "--repo", f.repo.toString(), "--key",
                    key("fsc").toString(), "--recipient", pub("bank-b").toString(), "--restore-request", id);

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitStatus.KEY_REFUSED.code());
            assertThat(run.err()).contains("names restorer key " + "ab".repeat(32)).contains("nothing released");
            assertThat(hub.requests()).noneMatch(r -> r.method().equals("POST"));
        }
    }

    @Test
    void theHubRefusingToHandOutSharesExitsWithTheRefusedCode() {
        String id = "6f1c2e0a-1111-4222-8333-944455556666";
        try (StubHub hub = new StubHub()) {
            hub.problem("GET", "/api/v1/vault/restore-requests/" + id + "/shares", 409,
                    "{\"title\":\"Conflict\",\"status\":409,\"detail\":\"restore request is PENDING: 1 of 3 approvals\"}");
            Map<String, String> withHub = new HashMap<>(env);
            withHub.putAll(hub.environment());

            CliRun run = f.vault(withHub, "restore", "--repo", f.repo.toString(), "--restorer-key",
                    key("bank-b").toString(), "--restore-request", id, tmp.resolve("out").toString());

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitStatus.REFUSED.code());
            assertThat(run.err()).contains("restore request is PENDING: 1 of 3 approvals");
        }
    }
}
