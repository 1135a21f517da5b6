package org.finres.cli.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.finres.cli.ExitStatus;
import org.finres.cli.testing.CliRun;
import org.finres.cli.testing.StubHub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Public keys registered at the hub and restore requests, as the hub's vault API expects them. */
class HubRegistrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    VaultFixture f;
    StubHub hub;
    Map<String, String> env;

    @BeforeEach
    void fixture() {
        f = new VaultFixture(tmp);
        hub = new StubHub();
        env = new HashMap<>(f.environment);
        env.putAll(hub.environment());
        env.put("FINRES_KEY_PASSPHRASE", "custodian key passphrase");
        env.put("FINRES_SIGNING_PASSPHRASE", "signing key passphrase");
    }

    @org.junit.jupiter.api.AfterEach
    void stop() {
        hub.close();
    }

    private String fingerprint(CliRun generated) {
        return generated.out().lines().filter(l -> l.startsWith("fingerprint ")).findFirst().orElseThrow()
                .substring("fingerprint ".length());
    }

    @Test
    void aSigningKeyIsRegisteredAsBase64AndTheHubsFingerprintChecked() throws Exception {
        Path key = tmp.resolve("sign.key");
        String fingerprint = fingerprint(f.vault(env, "keys", "generate", "--signing", "--out", key.toString()));
        hub.json("POST", "/api/v1/vault/signing-keys", 201, "{\"fingerprint\":\"" + fingerprint + "\"}");

        CliRun run = f.vault(env, "keys", "register", "--signing", tmp.resolve("sign.key.pub").toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("registered signing key " + fingerprint);
        JsonNode body = JSON.readTree(hub.onlyRequest().body());
        assertThat(body.path("publicKey").stringValue()).isEqualTo(
                Files.readString(tmp.resolve("sign.key.pub")).strip());

        hub.json("POST", "/api/v1/vault/signing-keys", 201, "{\"fingerprint\":\"" + "9".repeat(64) + "\"}");
        CliRun other = f.vault(env, "keys", "register", "--signing", tmp.resolve("sign.key.pub").toString());
        assertThat(other.exitCode()).isEqualTo(ExitStatus.KEY_REFUSED.code());
        assertThat(other.err()).contains("the hub registered fingerprint " + "9".repeat(64));
    }

    @Test
    void aCustodianKeyIsRegisteredForItsRoleAndARestoreRequested() throws Exception {
        Path key = tmp.resolve("bank-b.key");
        String fingerprint = fingerprint(f.vault(env, "keys", "generate", "--custodian", "--out", key.toString()));
        Path pub = tmp.resolve("bank-b.key.pub");
        hub.json("PUT", "/api/v1/vault/custody/bank-a/custodians/RESTORING_INSTITUTION", 200,
                "{\"institution\":\"bank-a\",\"threshold\":3,\"custodians\":[{\"role\":\"RESTORING_INSTITUTION\","
                        + "\"name\":\"Bank B\",\"tenant\":\"bank-b\",\"fingerprint\":\"" + fingerprint + "\"}]}");

        CliRun registered = f.vault(env, "keys", "register", "--custodian", pub.toString(), "--institution", "bank-a",
                "--role", "restoring_institution", "--name", "Bank B");

        assertThat(registered.exitCode()).as(registered.toString()).isZero();
        JsonNode put = JSON.readTree(hub.onlyRequest().body());
        assertThat(put.path("name").stringValue()).isEqualTo("Bank B");
        assertThat(put.path("publicKey").stringValue()).isEqualTo(Files.readString(pub).strip());

        f.init();
        hub.json("POST", "/api/v1/vault/restore-requests", 201,
                "{\"id\":\"6f1c2e0a-1111-4222-8333-944455556666\",\"status\":\"PENDING\",\"threshold\":3,\"approvals\":0}");
        CliRun requested = f.vault(env, "keys", "request-restore", "--repo", f.repo.toString(), "--institution",
                "bank-a", "--restorer", pub.toString(), "--reason", "bank-a failed on 2026-12-02");

        assertThat(requested.exitCode()).as(requested.toString()).isZero();
        assertThat(requested.out()).contains("restore request 6f1c2e0a-1111-4222-8333-944455556666: PENDING, 3 "
                + "approvals needed");
        JsonNode post = JSON.readTree(hub.requests().getLast().body());
        assertThat(post.path("institution").stringValue()).isEqualTo("bank-a");
        assertThat(post.path("repositoryId").stringValue()).isEqualTo(Repositories.repositoryId(f.repo));
        assertThat(post.path("reason").stringValue()).isEqualTo("bank-a failed on 2026-12-02");
        assertThat(post.path("restorerPublicKey").stringValue()).isEqualTo(Files.readString(pub).strip());
    }
}
