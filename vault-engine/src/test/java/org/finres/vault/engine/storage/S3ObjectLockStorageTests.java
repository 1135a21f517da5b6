package org.finres.vault.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.finres.vault.engine.AesGcmKeyWrapping;
import org.finres.vault.engine.Immutability;
import org.finres.vault.engine.KeyWrapping;
import org.finres.vault.engine.OpenOptions;
import org.finres.vault.engine.Problem;
import org.finres.vault.engine.ProgressListener;
import org.finres.vault.engine.PruneResult;
import org.finres.vault.engine.RetentionLockedException;
import org.finres.vault.engine.RetentionPolicy;
import org.finres.vault.engine.Snapshot;
import org.finres.vault.engine.SnapshotInfo;
import org.finres.vault.engine.TestVaults;
import org.finres.vault.engine.VaultRepository;
import org.finres.vault.engine.VerifyReport;
import org.finres.vault.engine.signing.SigningKeyPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/**
 * The S3 backend against S3Mock (see ADR 015 for what that server does not emulate): a full backup, restore and
 * verify cycle; the Object Lock headers of every PUT; refusals of deletes of locked objects; and objects deleted
 * behind the vault's back found by verify.
 */
class S3ObjectLockStorageTests {

    private static final LocalDate DAY1 = LocalDate.of(2026, 12, 1);

    @TempDir
    static Path serverDir;
    private static S3MockServer server;

    @TempDir
    Path tmp;

    private final List<S3MockServer.SentRequest> sent = S3MockServer.recorder();
    private S3Client client;
    private String bucket;
    private SigningKeyPair institutionKey;
    private KeyWrapping kek;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3MockServer.start(serverDir);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void bucket() {
        assumeTrue(server != null, "S3Mock jar not built (run through Maven)");
        client = server.client(sent);
        bucket = "vault-" + Long.toHexString(new Random().nextLong() & Long.MAX_VALUE);
        client.createBucket(b -> b.bucket(bucket).objectLockEnabledForBucket(true));
        // AWS turns versioning on with Object Lock; S3Mock does not (ADR 015), so the test does what AWS would
        client.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(
                software.amazon.awssdk.services.s3.model.BucketVersioningStatus.ENABLED)));
        institutionKey = SigningKeyPair.generate(false);
        byte[] key = new byte[32];
        new Random(5).nextBytes(key);
        kek = new AesGcmKeyWrapping(key);
    }

    private S3ObjectLockStorage storage() throws IOException {
        return S3ObjectLockStorage.using(client, bucket, "bank-a/");
    }

    private VaultRepository init() throws IOException {
        return VaultRepository.init(storage(), kek, TestVaults.SMALL,
                new Immutability(Period.ofDays(30), institutionKey.publicKey()),
                OpenOptions.defaults().withSigningKey(institutionKey));
    }

    private VaultRepository open() throws IOException {
        return VaultRepository.open(storage(), kek, OpenOptions.defaults().withSigningKey(institutionKey));
    }

    @Test
    void backsUpRestoresAndVerifiesThroughS3() throws IOException {
        Path source = TestVaults.source(tmp.resolve("src"), 11, 250_000);
        try (VaultRepository repo = init()) {
            repo.backup(source, new SnapshotInfo("bank-a", DAY1), ProgressListener.NONE);
            Files.writeString(source.resolve("day.txt"), "second business date");
            repo.backup(source, new SnapshotInfo("bank-a", DAY1.plusDays(1)), ProgressListener.NONE);
        }
        try (VaultRepository repo = open()) {
            assertThat(repo.snapshots()).extracting(s -> s.info().businessDate())
                    .containsExactly(DAY1, DAY1.plusDays(1));
            Path out = tmp.resolve("restored");
            repo.restore(repo.snapshots().getLast(), out, ProgressListener.NONE);
            assertThat(TestVaults.tree(out)).isEqualTo(TestVaults.tree(source));
            VerifyReport report = repo.verify();
            assertThat(report.problems()).isEmpty();
            assertThat(report.packs()).isGreaterThan(2);
            assertThat(report.snapshots()).isEqualTo(2);
        }
        assertThat(client.listObjectsV2(r -> r.bucket(bucket).prefix("bank-a/chain/")).contents()).hasSize(2);
    }

    @Test
    void everyLockedObjectIsPutInComplianceModeWithItsRetainUntilDate() throws IOException {
        Path source = TestVaults.source(tmp.resolve("src"), 12, 100_000);
        Instant before = Instant.now();
        try (VaultRepository repo = init()) {
            repo.backup(source, new SnapshotInfo("bank-a", DAY1), ProgressListener.NONE);
        }
        List<S3MockServer.SentRequest> puts = sent.stream()
                .filter(r -> r.method().equals("PUT") && r.query().isEmpty() && r.path().contains("/bank-a/"))
                .toList();
        assertThat(puts).extracting(r -> r.path().replaceAll("/[0-9a-f]{16,64}$", "/<id>"))
                .contains("/" + bucket + "/bank-a/config", "/" + bucket + "/bank-a/keys/<id>",
                        "/" + bucket + "/bank-a/packs/<id>", "/" + bucket + "/bank-a/snapshots/<id>",
                        "/" + bucket + "/bank-a/chain/<id>", "/" + bucket + "/bank-a/index/<id>");
        for (S3MockServer.SentRequest put : puts) {
            assertThat(put.header("If-None-Match")).as(put.path()).isEqualTo("*");
            if (put.path().contains("/index/")) {
                // index files repeat the packs' headers and prune merges them: never locked (ADR 015)
                assertThat(put.header("x-amz-object-lock-mode")).as(put.path()).isNull();
                continue;
            }
            assertThat(put.header("x-amz-object-lock-mode")).as(put.path()).isEqualTo("COMPLIANCE");
            Instant until = Instant.parse(put.header("x-amz-object-lock-retain-until-date"));
            assertThat(until).isBetween(before.plus(30, ChronoUnit.DAYS).minusSeconds(1),
                    Instant.now().plus(30, ChronoUnit.DAYS).plusSeconds(1));
        }
        // and the server keeps the retention it was given
        String pack = client.listObjectsV2(r -> r.bucket(bucket).prefix("bank-a/packs/")).contents().getFirst().key();
        var retention = client.getObjectRetention(r -> r.bucket(bucket).key(pack)).retention();
        assertThat(retention.mode()).isEqualTo(ObjectLockRetentionMode.COMPLIANCE);
        assertThat(retention.retainUntilDate()).isAfter(before.plus(29, ChronoUnit.DAYS));
    }

    @Test
    void aPackReusedByALaterSnapshotGetsItsLockExtendedOnTheServer() throws IOException {
        Path source = TestVaults.source(tmp.resolve("src"), 13, 200_000);
        try (VaultRepository repo = init()) {
            repo.backup(source, new SnapshotInfo("bank-a", DAY1), ProgressListener.NONE);
        }
        String pack = client.listObjectsV2(r -> r.bucket(bucket).prefix("bank-a/packs/")).contents().getFirst().key();
        Instant first = client.getObjectRetention(r -> r.bucket(bucket).key(pack)).retention().retainUntilDate();
        Instant later = Instant.now().plus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        sent.clear();
        try (VaultRepository repo = open()) {
            repo.backup(source, new SnapshotInfo("bank-a", DAY1.plusDays(1)), later, ProgressListener.NONE);
        }
        assertThat(sent).anySatisfy(r -> {
            assertThat(r.method()).isEqualTo("PUT");
            assertThat(r.query()).contains("retention");
        });
        Instant extended = client.getObjectRetention(r -> r.bucket(bucket).key(pack)).retention().retainUntilDate();
        assertThat(extended).isAfter(first).isEqualTo(later);
    }

    @Test
    void locksAreHonouredByDeleteSnapshotPruneAndTheStorageItself() throws IOException {
        Path source = TestVaults.source(tmp.resolve("src"), 14, 100_000);
        Snapshot first;
        try (VaultRepository repo = init()) {
            first = repo.backup(source, new SnapshotInfo("bank-a", DAY1), ProgressListener.NONE).snapshot();
            Files.writeString(source.resolve("day.txt"), "changed");
            repo.backup(source, new SnapshotInfo("bank-a", DAY1.plusDays(1)), ProgressListener.NONE);

            assertThatThrownBy(() -> repo.deleteSnapshot(first)).isInstanceOfSatisfying(
                    RetentionLockedException.class, e -> assertThat(e.snapshot()).contains(first.info()));
            PruneResult pruned = repo.prune(new RetentionPolicy(1, 0, 0), ProgressListener.NONE);
            assertThat(pruned.removed()).isEmpty();
            assertThat(pruned.lockedSnapshots()).extracting(Snapshot::id).containsExactly(first.id());
            assertThat(repo.snapshots()).hasSize(2);
        }
        try (S3ObjectLockStorage storage = storage()) {
            String pack = storage.list(ObjectKind.PACK).getFirst();
            assertThatThrownBy(() -> storage.delete(ObjectName.of(ObjectKind.PACK, pack)))
                    .isInstanceOf(RetentionLockedException.class).hasMessageContaining("packs/" + pack);
            assertThatThrownBy(() -> storage.put(ObjectName.of(ObjectKind.PACK, pack), new byte[] {1}, null))
                    .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        }
    }

    @Test
    void objectsDeletedBehindTheVaultsBackAreNamedByVerify() throws IOException {
        Path source = TestVaults.source(tmp.resolve("src"), 15, 100_000);
        try (VaultRepository repo = init()) {
            repo.backup(source, new SnapshotInfo("bank-a", DAY1), ProgressListener.NONE);
        }
        String pack = client.listObjectsV2(r -> r.bucket(bucket).prefix("bank-a/packs/")).contents().getFirst().key();
        // S3Mock does not enforce Object Lock (ADR 015), so a raw client can remove a locked version here; on AWS this
        // request is refused with 403 AccessDenied. What matters for us: verify names the loss.
        for (ObjectVersion v : client.listObjectVersions(r -> r.bucket(bucket).prefix(pack)).versions()) {
            client.deleteObject(r -> r.bucket(bucket).key(pack).versionId(v.versionId()));
        }
        try (VaultRepository repo = open()) {
            assertThat(repo.verify().problems()).anySatisfy(p -> assertThat(p).isInstanceOfSatisfying(
                    Problem.MissingLockedObject.class, m -> assertThat(m.object())
                            .isEqualTo(pack.substring("bank-a/".length()))));
        }
    }

    @Test
    void connectsFromAnS3LocationWithStaticCredentials() throws IOException {
        Path source = TestVaults.source(tmp.resolve("src"), 16, 60_000);
        S3Location location = new S3Location(bucket, "institutions/bank-a", "us-east-1", server.endpoint(), true,
                "test", "test");
        assertThat(location.toString()).isEqualTo("s3://" + bucket + "/institutions/bank-a/ at " + server.endpoint())
                .doesNotContain("test");
        try (VaultRepository repo = VaultRepository.init(S3ObjectLockStorage.connect(location), kek, TestVaults.SMALL,
                new Immutability(Period.ofYears(7), null), OpenOptions.defaults())) {
            Snapshot s = repo.backup(source, new SnapshotInfo("bank-a", DAY1), ProgressListener.NONE).snapshot();
            assertThat(repo.retainedUntil(s)).get().satisfies(u -> assertThat(u)
                    .isAfter(Instant.now().plus(7 * 365, ChronoUnit.DAYS)));
        }
        try (VaultRepository repo = VaultRepository.open(S3ObjectLockStorage.connect(location), kek,
                OpenOptions.defaults())) {
            repo.restore(repo.snapshots().getFirst(), tmp.resolve("out"), ProgressListener.NONE);
            assertThat(TestVaults.tree(tmp.resolve("out"))).isEqualTo(TestVaults.tree(source));
        }
        assertThat(client.listObjectsV2(r -> r.bucket(bucket).prefix("institutions/bank-a/config")).contents())
                .hasSize(1);
    }

    @Test
    void anObjectIsDeletedOnlyAfterItsLockEndsAndThenWithEveryVersion() throws Exception {
        try (S3ObjectLockStorage storage = storage()) {
            ObjectName name = ObjectName.of(ObjectKind.INDEX, "ab".repeat(32));
            Instant until = Instant.now().plusSeconds(2);
            storage.put(name, new byte[] {1, 2, 3}, until);
            assertThat(storage.retainedUntil(name)).get().satisfies(u -> assertThat(u)
                    .isBetween(until.minusSeconds(1), until.plusSeconds(1)));
            assertThatThrownBy(() -> storage.delete(name)).isInstanceOf(RetentionLockedException.class);
            Thread.sleep(java.time.Duration.between(Instant.now(), until).toMillis() + 1200);
            storage.delete(name);
            assertThat(storage.exists(name)).isFalse();
            assertThat(client.listObjectVersions(r -> r.bucket(bucket).prefix("bank-a/index/")).versions()).isEmpty();
            assertThatThrownBy(() -> storage.get(name)).isInstanceOf(java.nio.file.NoSuchFileException.class);
        }
    }

    @Test
    void aBucketWithoutObjectLockIsRefusedAtInit() {
        String plain = bucket + "-plain";
        client.createBucket(b -> b.bucket(plain));
        assertThatThrownBy(() -> VaultRepository.init(S3ObjectLockStorage.using(client, plain, ""), kek,
                TestVaults.SMALL, Immutability.NONE, OpenOptions.defaults()))
                .hasMessageContaining("Object Lock enabled");
    }

    /**
     * Pins down what S3Mock does not emulate, as ADR 015 states it; if a later S3Mock version starts to, this test
     * fails and the ADR (and the tests that work around it) can be tightened.
     */
    @Test
    void whatS3MockDoesNotEmulate() {
        Instant until = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        client.putObject(r -> r.bucket(bucket).key("probe").objectLockMode(
                software.amazon.awssdk.services.s3.model.ObjectLockMode.COMPLIANCE).objectLockRetainUntilDate(until),
                software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
        // 1. the lock headers of a PUT are not stored (AWS stores them); PutObjectRetention is
        assertThat(retentionOf("probe")).isNull();
        client.putObjectRetention(r -> r.bucket(bucket).key("probe").retention(l -> l
                .mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(until)));
        assertThat(retentionOf("probe")).isEqualTo(until);
        // 2. a locked version can be deleted (AWS refuses with 403 AccessDenied until the date)
        String version = client.listObjectVersions(r -> r.bucket(bucket).prefix("probe")).versions().getFirst()
                .versionId();
        client.deleteObject(r -> r.bucket(bucket).key("probe").versionId(version));
        assertThat(client.listObjectsV2(r -> r.bucket(bucket).prefix("probe")).contents()).isEmpty();
    }

    private Instant retentionOf(String key) {
        try {
            var r = client.getObjectRetention(q -> q.bucket(bucket).key(key)).retention();
            return r == null ? null : r.retainUntilDate();
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            return null;
        }
    }
}
