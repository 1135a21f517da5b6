package org.finres.cli.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.finres.cli.ExitStatus;
import org.finres.cli.testing.CliRun;
import org.finres.cli.testing.RunningHub;
import org.finres.core.InstitutionId;
import org.finres.core.TokenScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The vault command line against a real hub (embedded PostgreSQL, random port, this JVM), the way a sector runs it:
 * bank-a registers its signing key, vaults its business date with a signed attestation the hub chains into its
 * ledger, drills a restore the hub records; bank-b, its designated restoring institution, asks to restore, and gets
 * the data only once M = 3 of the 4 custodians (bank-a, the hub operator, the regulator, bank-b) have released their
 * shares at the hub.
 */
class VaultHubEndToEndIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY_PASSPHRASE = "custodian and signing key passphrase";

    @TempDir
    static Path tmp;

    private static RunningHub hub;
    private static String url;
    private static final Map<String, String> TOKENS = new HashMap<>();

    @BeforeAll
    static void startHub() {
        hub = RunningHub.start(tmp.resolve("hub"));
        url = hub.url();
        TOKENS.put("hub", token(InstitutionId.HUB, TokenScope.ADMIN));
        TOKENS.put("regulator", token(InstitutionId.REGULATOR, TokenScope.ADMIN));
        for (String bank : List.of("bank-a", "bank-b")) {
            CliRun made = CliRun.finres(Map.of("FINRES_HUB_URL", url, "FINRES_TOKEN", TOKENS.get("hub")), "admin",
                    "institutions", "create", bank, "--name", bank, "--kind", "bank", "--size-tier", "small");
            assertThat(made.exitCode()).as(made.toString()).isZero();
            TOKENS.put(bank, token(InstitutionId.of(bank), TokenScope.ADMIN));
        }
        TOKENS.put("bank-a-job", token(InstitutionId.of("bank-a"), TokenScope.VAULT_WRITE));
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    /** A tenant's token as its own administrator would issue it. */
    private static String token(InstitutionId tenant, TokenScope scope) {
        return hub.token(tenant, tenant + " " + scope.name().toLowerCase().replace('_', ' '), scope);
    }

    private static CliRun as(String tenant, VaultFixture f, String... args) {
        Map<String, String> env = new HashMap<>(f.environment);
        env.put("FINRES_HUB_URL", url);
        env.put("FINRES_TOKEN", TOKENS.get(tenant));
        env.put("FINRES_KEY_PASSPHRASE", KEY_PASSPHRASE);
        env.put("FINRES_SIGNING_PASSPHRASE", KEY_PASSPHRASE);
        env.put("FINRES_RESTORER_PASSPHRASE", KEY_PASSPHRASE);
        return f.vault(env, args);
    }

    private static CliRun ok(String tenant, VaultFixture f, String... args) {
        CliRun run = as(tenant, f, args);
        assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run).isZero();
        return run;
    }

    private static HttpResponse<String> http(String tenant, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + TOKENS.get(tenant)).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static JsonNode get(String tenant, String path) throws Exception {
        HttpResponse<String> r = http(tenant, "GET", path, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void aBankVaultsAttestsAndDrillsAndItsRestorerRestoresOnlyWithThreeOfFourCustodians() throws Exception {
        VaultFixture f = new VaultFixture(tmp.resolve("sector"));
        Path keys = tmp.resolve("sector").resolve("keys");
        HttpResponse<String> configured = http("hub", "PUT", "/api/v1/vault/custody/bank-a",
                "{\"threshold\":3,\"restoringInstitution\":\"bank-b\"}");
        assertThat(configured.statusCode()).as(configured.body()).isEqualTo(200);

        // Each custodian's tenant makes its key pair and registers the public key for the role it holds.
        Map<String, String> roles = Map.of("bank-a", "INSTITUTION", "hub", "HUB_OPERATOR", "regulator", "REGULATOR",
                "bank-b", "RESTORING_INSTITUTION");
        for (var custodian : roles.entrySet()) {
            Path key = keys.resolve(custodian.getKey() + ".key");
            ok(custodian.getKey(), f, "keys", "generate", "--custodian", "--out", key.toString());
            ok(custodian.getKey(), f, "keys", "register", "--custodian", key + ".pub", "--institution", "bank-a",
                    "--role", custodian.getValue(), "--name", custodian.getKey());
        }
        Path signing = keys.resolve("bank-a-signing.key");
        ok("bank-a", f, "keys", "generate", "--signing", "--out", signing.toString());
        ok("bank-a", f, "keys", "register", "--signing", signing + ".pub");

        // The repository takes its escrow from the hub's registry; the nightly job attests with vault:write only.
        CliRun init = ok("bank-a", f, "init", "--repo", f.repo.toString(), "--custody-from-hub", "bank-a");
        assertThat(init.out()).contains("key: escrow 3 of 4");
        Path dataset = f.dataset("dataset", 150);
        CliRun backup = ok("bank-a-job", f, "backup", "--repo", f.repo.toString(), "--attest", "--signing-key",
                signing.toString(), "--progress", "none", dataset.toString());
        assertThat(backup.out()).contains("stored snapshot bank-a@2026-12-01").contains("attested to " + url);

        JsonNode entries = get("hub", "/api/v1/vault/attestations?institution=bank-a");
        assertThat(entries).hasSize(1);
        Path manifest;
        try (Stream<Path> s = Files.list(f.repo.resolve("snapshots"))) {
            manifest = s.findFirst().orElseThrow();
        }
        assertThat(entries.get(0).toString()).contains(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(manifest))));
        assertThat(get("regulator", "/api/v1/vault/ledger/verification").path("intact").booleanValue()).isTrue();
        assertThat(http("bank-b", "GET", "/api/v1/vault/attestations?institution=bank-a", null).statusCode())
                .isEqualTo(404);

        CliRun drill = ok("bank-a-job", f, "drill", "--repo", f.repo.toString(), "--hub", url, "--work-dir",
                tmp.resolve("drill-work").toString());
        assertThat(drill.out()).contains("PASSED").contains("control totals match")
                .contains("matches the attestation in ledger entry");
        JsonNode drills = get("regulator", "/api/v1/vault/drills?institution=bank-a");
        assertThat(drills).hasSize(1);
        assertThat(drills.get(0).toString()).contains("PASSED");

        // bank-b asks to restore bank-a; custodians release their shares to bank-b's key through the hub.
        Path restorer = keys.resolve("bank-b.key");
        CliRun requested = ok("bank-b", f, "keys", "request-restore", "--repo", f.repo.toString(), "--institution",
                "bank-a", "--restorer", restorer + ".pub", "--reason", "bank-a cannot operate (end-to-end test)");
        Matcher id = Pattern.compile("restore request ([0-9a-f-]{36})").matcher(requested.out());
        assertThat(id.find()).as(requested.out()).isTrue();
        String request = id.group(1);
        CliRun outsider = as("bank-a", f, "keys", "request-restore", "--repo", f.repo.toString(), "--institution",
                "bank-a", "--restorer", keys.resolve("bank-a.key.pub").toString(), "--reason", "not the restorer");
        assertThat(outsider.exitCode()).isEqualTo(ExitStatus.REFUSED.code());

        Path target = tmp.resolve("restored");
        for (String custodian : List.of("regulator", "hub")) {
            ok(custodian, f, "keys", "release", "--repo", f.repo.toString(), "--key",
                    keys.resolve(custodian + ".key").toString(), "--recipient", restorer + ".pub", "--restore-request",
                    request);
        }
        CliRun early = as("bank-b", f, "restore", "--repo", f.repo.toString(), "--restorer-key", restorer.toString(),
                "--restore-request", request, target.toString());
        assertThat(early.exitCode()).as(early.toString()).isEqualTo(ExitStatus.REFUSED.code());
        assertThat(target).doesNotExist();

        CliRun third = ok("bank-a", f, "keys", "release", "--repo", f.repo.toString(), "--key",
                keys.resolve("bank-a.key").toString(), "--recipient", restorer + ".pub", "--restore-request", request);
        assertThat(third.out()).contains("3 of 3");
        CliRun stolen = as("regulator", f, "restore", "--repo", f.repo.toString(), "--restorer-key",
                keys.resolve("regulator.key").toString(), "--restore-request", request, tmp.resolve("stolen").toString());
        assertThat(stolen.exitCode()).isNotZero();
        assertThat(tmp.resolve("stolen")).doesNotExist();

        ok("bank-b", f, "restore", "--repo", f.repo.toString(), "--restorer-key", restorer.toString(),
                "--restore-request", request, target.toString());
        VaultFixture.assertSameFiles(target, dataset);
        JsonNode approved = get("hub", "/api/v1/vault/restore-requests/" + request);
        assertThat(approved.path("status").stringValue()).isEqualTo("APPROVED");
        assertThat(approved.path("approvals").intValue()).isEqualTo(3);
        CliRun audit = CliRun.finres(Map.of("FINRES_HUB_URL", url, "FINRES_TOKEN", TOKENS.get("regulator")), "audit",
                "verify");
        assertThat(audit.exitCode()).as(audit.toString()).isZero();
    }
}
