package org.finres.cli.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.finres.cli.ExitStatus;
import org.finres.cli.testing.CliRun;
import org.finres.cli.testing.StubHub;
import org.finres.coredata.CustomerPseudonymiser;
import org.finres.coredata.DatasetGenerator;
import org.finres.coredata.DatasetManifest;
import org.finres.coredata.DatasetReader;
import org.finres.vault.engine.attestation.SignedAttestation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Backup with a signed attestation to the hub, restore drills with evidence, and importing an export. */
class AttestationAndDrillTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SIGNING_PASSPHRASE = "signing key passphrase";

    @TempDir
    Path tmp;

    VaultFixture f;

    @BeforeEach
    void fixture() {
        f = new VaultFixture(tmp);
        f.environment.put("FINRES_SIGNING_PASSPHRASE", SIGNING_PASSPHRASE);
    }

    @Test
    void backupSendsASignedAttestationWithTheRecomputedCountsAndTotals() throws Exception {
        f.init();
        Path dataset = f.dataset("dataset", 200);
        Path key = tmp.resolve("signing.key");
        CliRun generated = f.vault("keys", "generate", "--signing", "--ml-dsa", "--out", key.toString());
        assertThat(generated.exitCode()).as(generated.toString()).isZero();
        try (StubHub hub = new StubHub()) {
            hub.json("POST", "/api/v1/vault/attestations", 201,
                    "{\"sequence\":7,\"entryHash\":\"" + "c".repeat(64) + "\",\"previousHash\":\"" + "b".repeat(64)
                            + "\",\"institution\":\"bank-a\"}");
            Map<String, String> env = new HashMap<>(f.environment);
            env.putAll(hub.environment());

            CliRun run = f.vault(env, "backup", "--repo", f.repo.toString(), "--hub", hub.url(), "--signing-key",
                    key.toString(), "--progress", "none", dataset.toString());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("attested to " + hub.url() + ": ledger entry 7 " + "c".repeat(64));
            StubHub.Request request = hub.onlyRequest();
            assertThat(request.contentType()).startsWith("application/json");
            SignedAttestation sent = SignedAttestation.parse(request.body());
            assertThat(sent.verifies()).isTrue();
            assertThat(sent.signer().hasMlDsa65()).isTrue();
            DatasetManifest declared = DatasetReader.manifest(dataset);
            assertThat(sent.attestation().institution()).isEqualTo("bank-a");
            assertThat(sent.attestation().businessDate()).isEqualTo(VaultFixture.DATE);
            assertThat(sent.attestation().recordCounts()).isEqualTo(declared.recordCounts());
            assertThat(sent.attestation().controlTotals()).isEqualTo(declared.controlTotals());
            assertThat(sent.attestation().repositoryId()).isEqualTo(Repositories.repositoryId(f.repo));
            Path manifest;
            try (Stream<Path> s = Files.list(f.repo.resolve("snapshots"))) {
                manifest = s.findFirst().orElseThrow();
            }
            assertThat(sent.attestation().snapshotId()).isEqualTo(manifest.getFileName().toString());
            assertThat(sent.attestation().manifestSha256()).isEqualTo(HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(manifest))));
        }
    }

    @Test
    void aRefusedAttestationExitsWithTheRefusedCodeAndTheSnapshotStaysStored() {
        f.init();
        Path dataset = f.dataset("dataset", 50);
        Path key = tmp.resolve("signing.key");
        assertThat(f.vault("keys", "generate", "--signing", "--out", key.toString()).exitCode()).isZero();
        try (StubHub hub = new StubHub()) {
            hub.problem("POST", "/api/v1/vault/attestations", 422, "{\"title\":\"Unprocessable Entity\",\"status\":422,"
                    + "\"detail\":\"signer key is not registered for bank-a\"}");
            Map<String, String> env = new HashMap<>(f.environment);
            env.putAll(hub.environment());

            CliRun run = f.vault(env, "backup", "--repo", f.repo.toString(), "--attest", "--signing-key",
                    key.toString(), "--progress", "none", dataset.toString());

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitStatus.REFUSED.code());
            assertThat(run.out()).contains("stored snapshot bank-a@2026-12-01");
            assertThat(run.err()).contains("signer key is not registered for bank-a");
        }
    }

    @Test
    void aDrillRestoresRevalidatesTimesThePhasesAndRecordsTheEvidence() throws Exception {
        f.init();
        Path dataset = f.dataset("dataset", 300);
        assertThat(f.vault("backup", "--repo", f.repo.toString(), dataset.toString()).exitCode()).isZero();
        Path work = tmp.resolve("work");
        try (StubHub hub = new StubHub()) {
            hub.json("POST", "/api/v1/vault/drills", 201, "{\"id\":\"0a1b2c3d-0000-4000-8000-000000000001\","
                    + "\"outcome\":\"PASSED\"}");
            Map<String, String> env = new HashMap<>(f.environment);
            env.putAll(hub.environment());

            hub.json("GET", ATTESTATIONS, 200, "[" + ledgerEntry(dataset, Map.of()) + "]");

            CliRun run = f.vault(env, "drill", "--repo", f.repo.toString(), "--hub", hub.url(), "--work-dir",
                    work.toString());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("drill of bank-a@2026-12-01").contains("PASSED")
                    .containsPattern("open +[0-9.]+ s").containsPattern("restore +[0-9.]+ s")
                    .containsPattern("validate +[0-9.]+ s").contains("of the 24 h target")
                    .contains("control totals match").contains("matches the attestation in ledger entry 3")
                    .contains("as drill 0a1b2c3d-0000-4000-8000-000000000001");
            JsonNode body = JSON.readTree(posted(hub, "/api/v1/vault/drills").body());
            assertThat(body.path("institution").stringValue()).isEqualTo("bank-a");
            assertThat(body.path("repositoryId").stringValue()).isEqualTo(Repositories.repositoryId(f.repo));
            assertThat(body.path("snapshotId").stringValue()).hasSize(64);
            assertThat(body.path("businessDate").stringValue()).isEqualTo("2026-12-01");
            assertThat(body.path("startedAt").stringValue()).isNotEmpty();
            assertThat(body.path("finishedAt").stringValue()).isNotEmpty();
            for (String phase : List.of("open", "restore", "validate")) {
                assertThat(body.path("phases").path(phase).isNumber()).as(phase).isTrue();
            }
            assertThat(body.path("files").longValue()).isEqualTo(VaultFixture.files(dataset).size());
            assertThat(body.path("controlTotalsMatch").booleanValue()).isTrue();
            assertThat(body.path("discrepancies")).isEmpty();
            assertThat(body.path("targetSeconds").longValue()).isEqualTo(86_400);
            assertThat(body.path("outcome").stringValue()).isEqualTo("PASSED");
        }
        assertThat(work).isEmptyDirectory(); // the restored copy is removed after the drill
    }

    @Test
    void aDrillWhoseTotalsDifferFromTheAttestationFailsNamingTheTotal() throws Exception {
        f.init();
        Path dataset = f.dataset("dataset", 100);
        assertThat(f.vault("backup", "--repo", f.repo.toString(), dataset.toString()).exitCode()).isZero();
        try (StubHub hub = new StubHub()) {
            hub.json("POST", "/api/v1/vault/drills", 201, "{\"id\":\"0a1b2c3d-0000-4000-8000-000000000003\"}");
            hub.json("GET", ATTESTATIONS, 200, "[" + ledgerEntry(dataset, Map.of("closing_balance.TWD", "1.00")) + "]");
            Map<String, String> env = new HashMap<>(f.environment);
            env.putAll(hub.environment());

            CliRun run = f.vault(env, "drill", "--repo", f.repo.toString(), "--hub", hub.url());

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitStatus.INVALID_DATA.code());
            assertThat(run.out()).contains("FAILED").contains("control totals DO NOT match")
                    .containsPattern("control total closing_balance\\.TWD: attested 1\\.00, restored -?[0-9]+\\.[0-9]{2}");
            JsonNode body = JSON.readTree(hub.requests().stream().filter(r -> r.method().equals("POST")).findFirst()
                    .orElseThrow().body());
            assertThat(body.path("outcome").stringValue()).isEqualTo("FAILED");
            assertThat(body.path("controlTotalsMatch").booleanValue()).isFalse();
        }
    }

    private static StubHub.Request posted(StubHub hub, String target) {
        return hub.requests().stream().filter(r -> r.method().equals("POST") && r.target().equals(target))
                .findFirst().orElseThrow();
    }

    private static final String ATTESTATIONS = "/api/v1/vault/attestations?institution=bank-a&from=2026-12-01"
            + "&to=2026-12-01";

    /** The hub's ledger entry of the repository's only snapshot, with the dataset's totals except {@code changed}. */
    private String ledgerEntry(Path dataset, Map<String, String> changed) throws Exception {
        DatasetManifest declared = DatasetReader.manifest(dataset);
        String snapshotId;
        try (Stream<Path> s = Files.list(f.repo.resolve("snapshots"))) {
            snapshotId = s.findFirst().orElseThrow().getFileName().toString();
        }
        var entry = JSON.createObjectNode().put("sequence", 3).put("institution", "bank-a")
                .put("snapshotId", snapshotId).put("businessDate", "2026-12-01");
        var counts = entry.putObject("recordCounts");
        declared.recordCounts().forEach(counts::put);
        var totals = entry.putObject("controlTotals");
        declared.controlTotals().forEach(totals::put);
        changed.forEach(totals::put);
        return entry.toString();
    }

    @Test
    void aDrillOfADamagedRepositoryRecordsAFailedDrillAndExitsDamaged() throws Exception {
        f.init();
        Path dataset = f.dataset("dataset", 300);
        assertThat(f.vault("backup", "--repo", f.repo.toString(), dataset.toString()).exitCode()).isZero();
        Path pack;
        try (Stream<Path> packs = Files.list(f.repo.resolve("packs"))) {
            pack = packs.sorted().findFirst().orElseThrow();
        }
        try (RandomAccessFile file = new RandomAccessFile(pack.toFile(), "rw")) {
            file.seek(100);
            int b = file.read();
            file.seek(100);
            file.write(b ^ 0x40);
        }
        try (StubHub hub = new StubHub()) {
            hub.json("POST", "/api/v1/vault/drills", 201, "{\"id\":\"0a1b2c3d-0000-4000-8000-000000000002\"}");
            Map<String, String> env = new HashMap<>(f.environment);
            env.putAll(hub.environment());

            CliRun run = f.vault(env, "drill", "--repo", f.repo.toString(), "--hub", hub.url(), "--json");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitStatus.DAMAGED.code());
            JsonNode body = JSON.readTree(hub.onlyRequest().body());
            assertThat(body.path("outcome").stringValue()).isEqualTo("FAILED");
            assertThat(body.path("controlTotalsMatch").booleanValue()).isFalse();
            assertThat(body.path("discrepancies").get(0).stringValue()).contains("restore failed")
                    .contains(pack.getFileName().toString());
            assertThat(body.path("phases").has("restore")).isFalse();
        }
    }

    @Test
    void importTurnsACsvExportIntoAValidatedDatasetThatBacksUp() throws Exception {
        Path csv = new DatasetGenerator(new DatasetGenerator.Spec("bank-a", VaultFixture.DATE, 100, 2, 3, 7),
                new CustomerPseudonymiser(VaultFixture.SECRET)).writeCsvSource(tmp.resolve("export"));
        Path secret = tmp.resolve("secret");
        Files.write(secret, VaultFixture.SECRET);
        Path out = tmp.resolve("dataset");

        CliRun run = f.vault("import", "--format", "csv", "--institution", "bank-a", "--date", "2026-12-01",
                "--secret-file", secret.toString(), "--out", out.toString(), csv.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("imported bank-a@2026-12-01").containsPattern("accounts: [1-9]")
                .containsPattern("closing_balance\\.TWD = -?[0-9]+\\.[0-9]{2}");
        f.init();
        CliRun backup = f.vault("backup", "--repo", f.repo.toString(), "--progress", "none", out.toString());
        assertThat(backup.exitCode()).as(backup.toString()).isZero();
    }

    @Test
    void aMalformedCsvIsRefusedNamingFileAndLineAndNothingIsPublished() throws Exception {
        Path csv = new DatasetGenerator(new DatasetGenerator.Spec("bank-a", VaultFixture.DATE, 20, 2, 3, 7),
                new CustomerPseudonymiser(VaultFixture.SECRET)).writeCsvSource(tmp.resolve("export"));
        Path accounts = csv.resolve("accounts.csv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(accounts));
        lines.set(2, lines.get(2).replaceFirst(",[A-Z]{3},", ",TWDX,"));
        Files.write(accounts, lines);
        Path secret = tmp.resolve("secret");
        Files.write(secret, VaultFixture.SECRET);
        Path out = tmp.resolve("dataset");

        CliRun run = f.vault("import", "--format", "csv", "--institution", "bank-a", "--date", "2026-12-01",
                "--secret-file", secret.toString(), "--out", out.toString(), csv.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitStatus.INVALID_DATA.code());
        assertThat(run.err()).contains("malformed input, nothing imported").contains("accounts.csv").contains("line 3");
        assertThat(out).doesNotExist();
    }
}
