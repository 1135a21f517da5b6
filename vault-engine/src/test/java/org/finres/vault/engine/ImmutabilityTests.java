package org.finres.vault.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.finres.vault.engine.format.ChainLink;
import org.finres.vault.engine.signing.SigningKeyPair;
import org.finres.vault.engine.storage.LocalDirectoryStorage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention locks on the local backend: nothing locked goes before its date, and what goes anyway is named. */
class ImmutabilityTests {

    private static final LocalDate DAY1 = LocalDate.of(2026, 12, 1);
    private static final Instant START = Instant.parse("2026-12-02T01:00:00Z");

    @TempDir
    Path tmp;

    private Path root;
    private Path source;
    private MutableClock clock;
    private SigningKeyPair institutionKey;

    @BeforeEach
    void setUp() throws IOException {
        root = tmp.resolve("repo");
        source = TestVaults.source(tmp.resolve("src"), 7, 300_000);
        clock = new MutableClock(START);
        institutionKey = SigningKeyPair.generate(false);
        VaultRepository.init(storage(), TestVaults.kek(1), TestVaults.SMALL,
                new Immutability(Period.ofDays(30), institutionKey.publicKey()), OpenOptions.defaults()).close();
    }

    private LocalDirectoryStorage storage() {
        return new LocalDirectoryStorage(root, clock);
    }

    private VaultRepository open() {
        return VaultRepository.open(storage(), TestVaults.kek(1), OpenOptions.defaults().withSigningKey(institutionKey));
    }

    private List<Snapshot> backUpThreeDays() throws IOException {
        try (VaultRepository repo = open()) {
            for (int d = 0; d < 3; d++) {
                Files.writeString(source.resolve("day.txt"), "business date " + d);
                repo.backup(source, new SnapshotInfo("bank-a", DAY1.plusDays(d)), ProgressListener.NONE);
                clock.advance(Duration.ofDays(1));
            }
            return repo.snapshots();
        }
    }

    @Test
    void deletingALockedSnapshotIsRefusedNamingTheSnapshotAndTheDate() throws IOException {
        try (VaultRepository repo = open()) {
            Snapshot s = repo.backup(source, new SnapshotInfo("bank-a", DAY1), ProgressListener.NONE).snapshot();
            Instant until = START.plus(Duration.ofDays(30));
            assertThat(repo.retainedUntil(s)).contains(until);

            assertThatThrownBy(() -> repo.deleteSnapshot(s)).isInstanceOfSatisfying(RetentionLockedException.class,
                    e -> {
                        assertThat(e.snapshot()).contains(s.info());
                        assertThat(e.retainUntil()).isEqualTo(until);
                        assertThat(e).hasMessageContaining("bank-a@2026-12-01").hasMessageContaining(until.toString());
                    });
            assertThat(repo.snapshots()).extracting(Snapshot::id).containsExactly(s.id());
            assertThat(repo.verify().problems()).isEmpty();

            clock.advance(Duration.ofDays(31));
            repo.deleteSnapshot(s);
            assertThat(repo.snapshots()).isEmpty();
        }
    }

    @Test
    void aBackupMayLockLongerThanThePolicyButNotShorter() throws IOException {
        try (VaultRepository repo = open()) {
            assertThatThrownBy(() -> repo.backup(source, new SnapshotInfo("bank-a", DAY1),
                    START.plus(Duration.ofDays(2)), ProgressListener.NONE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("P30D");
            Instant tenYears = Instant.parse("2036-12-02T00:00:00Z");
            Snapshot s = repo.backup(source, new SnapshotInfo("bank-a", DAY1), tenYears, ProgressListener.NONE)
                    .snapshot();
            assertThat(repo.retainedUntil(s)).contains(tenYears);
        }
    }

    @Test
    void pruneKeepsLockedSnapshotsAndPacksAndReportsThemUntilTheLockEnds() throws IOException {
        List<Snapshot> three = backUpThreeDays();
        try (VaultRepository repo = open()) {
            PruneResult locked = repo.prune(new RetentionPolicy(1, 0, 0), ProgressListener.NONE);
            assertThat(locked.removed()).isEmpty();
            assertThat(locked.lockedSnapshots()).extracting(Snapshot::id)
                    .containsExactlyInAnyOrder(three.get(0).id(), three.get(1).id());
            assertThat(repo.snapshots()).hasSize(3);
            assertThat(repo.verify().problems()).isEmpty();

            clock.advance(Duration.ofDays(30)); // the first two locks (from days 0 and 1) have ended, the third not
            PruneResult expired = repo.prune(new RetentionPolicy(1, 0, 0), ProgressListener.NONE);
            assertThat(expired.removed()).extracting(Snapshot::id)
                    .containsExactlyInAnyOrder(three.get(0).id(), three.get(1).id());
            assertThat(expired.packsDeleted() + expired.packsRewritten()).isPositive();
            assertThat(expired.lockedSnapshots()).isEmpty();
            assertThat(repo.snapshots()).containsExactly(three.get(2));
            assertThat(repo.verify().problems()).isEmpty();
            Path restored = tmp.resolve("restored");
            repo.restore(three.get(2), restored, ProgressListener.NONE);
            assertThat(TestVaults.tree(restored)).isEqualTo(TestVaults.tree(source));
        }
        // the chain still has all three links: the pruned snapshots are recorded as having existed
        assertThat(TestVaults.files(root.resolve("chain"))).hasSize(3);
    }

    @Test
    void lockedObjectsAreReadOnlyWithADurableLockRecord() throws IOException {
        try (VaultRepository repo = open()) {
            repo.backup(source, new SnapshotInfo("bank-a", DAY1), ProgressListener.NONE);
        }
        Instant until = START.plus(Duration.ofDays(30));
        for (String folder : List.of("packs", "snapshots", "chain", "keys")) {
            for (Path p : TestVaults.files(root.resolve(folder))) {
                assertThat(Files.getPosixFilePermissions(p)).as(p.toString())
                        .doesNotContain(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE,
                                PosixFilePermission.OTHERS_WRITE);
                assertThat(Files.readString(root.resolve("retention").resolve(folder + "." + p.getFileName())).strip())
                        .isEqualTo(until.toString());
            }
        }
        assertThat(Files.readString(root.resolve("retention/config")).strip()).isEqualTo(until.toString());
    }

    @Test
    void packsAndManifestsDeletedBehindTheVaultsBackAreNamedByVerify() throws IOException {
        List<Snapshot> three = backUpThreeDays();
        Path pack = TestVaults.files(root.resolve("packs")).getFirst();
        Path manifest = root.resolve("snapshots").resolve(three.get(1).id().value());
        Files.delete(pack);
        Files.delete(manifest);
        try (VaultRepository repo = open()) {
            VerifyReport report = repo.verify();
            assertThat(report.problems()).filteredOn(Problem.MissingLockedObject.class::isInstance)
                    .extracting(p -> ((Problem.MissingLockedObject) p).object())
                    .contains("packs/" + pack.getFileName(), "snapshots/" + manifest.getFileName());
            assertThat(report.describe()).contains("locked object snapshots/" + manifest.getFileName()
                    + " is missing (locked until " + START.plus(Duration.ofDays(31)));
        }
    }

    @Test
    void aLockRecordRemovedOrAFileMadeWritableIsNamed() throws IOException {
        try (VaultRepository repo = open()) {
            repo.backup(source, new SnapshotInfo("bank-a", DAY1), ProgressListener.NONE);
        }
        Path pack = TestVaults.files(root.resolve("packs")).getFirst();
        Files.delete(root.resolve("retention").resolve("packs." + pack.getFileName()));
        Path manifest = TestVaults.files(root.resolve("snapshots")).getFirst();
        Files.setPosixFilePermissions(manifest, java.util.Set.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE));
        Files.delete(root.resolve("retention/config"));
        try (VaultRepository repo = open()) {
            assertThat(repo.verify().problems()).containsExactlyInAnyOrder(
                    new Problem.LockNotRecorded("config", START.plus(Duration.ofDays(30)),
                            "the storage holds no lock for it"),
                    new Problem.LockNotRecorded("packs/" + pack.getFileName(), START.plus(Duration.ofDays(30)),
                            "the storage holds no lock for it"),
                    new Problem.LockNotRecorded("snapshots/" + manifest.getFileName(),
                            START.plus(Duration.ofDays(30)), "the file was made writable again"));
        }
    }

    @Test
    void aPackReusedByALaterSnapshotHasItsLockExtended() throws IOException {
        backUpThreeDays();
        List<Path> links = TestVaults.files(root.resolve("chain"));
        ChainLink first = ChainLink.decode(Files.readAllBytes(links.get(0)));
        ChainLink third = ChainLink.decode(Files.readAllBytes(links.get(2)));
        // the ledger file did not change: the third snapshot reuses packs the first one wrote
        List<org.finres.vault.engine.PackId> shared = first.packs().stream().filter(third.packs()::contains).toList();
        assertThat(shared).isNotEmpty();
        assertThat(third.retainUntil()).isEqualTo(START.plus(Duration.ofDays(32)));
        for (var pack : shared) {
            assertThat(Files.readString(root.resolve("retention/packs." + pack.hex())).strip())
                    .isEqualTo(third.retainUntil().toString());
        }
        try (VaultRepository repo = open()) {
            clock.advance(Duration.ofDays(28)); // day 31 from start: the locks of the first two have ended
            PruneResult pruned = repo.prune(new RetentionPolicy(1, 0, 0), ProgressListener.NONE);
            assertThat(pruned.removed()).hasSize(2);
            assertThat(repo.verify().problems()).isEmpty();
            Snapshot last = repo.snapshots().getLast();
            repo.restore(last, tmp.resolve("r"), ProgressListener.NONE);
            assertThat(TestVaults.tree(tmp.resolve("r"))).isEqualTo(TestVaults.tree(source));
        }
        for (var pack : shared) {
            assertThat(root.resolve("packs").resolve(pack.hex())).exists();
        }
    }

    @Test
    void theLocalBackendRefusesToDeleteALockedObjectWhoeverCalls() throws IOException {
        try (VaultRepository repo = open()) {
            repo.backup(source, new SnapshotInfo("bank-a", DAY1), ProgressListener.NONE);
        }
        LocalDirectoryStorage storage = storage();
        String pack = storage.list(org.finres.vault.engine.storage.ObjectKind.PACK).getFirst();
        var name = org.finres.vault.engine.storage.ObjectName.of(org.finres.vault.engine.storage.ObjectKind.PACK, pack);
        assertThatThrownBy(() -> storage.delete(name)).isInstanceOf(RetentionLockedException.class)
                .hasMessageContaining("packs/" + pack).hasMessageContaining(START.plus(Duration.ofDays(30)).toString());
        storage.retain(name, START);
        assertThat(storage.retainedUntil(name)).contains(START.plus(Duration.ofDays(30))); // never shortened
        assertThatThrownBy(() -> storage.put(name, new byte[] {1}, null))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    }

    @Test
    void theChainHasOneSignedLinkPerSnapshot() throws IOException {
        backUpThreeDays();
        List<Path> links = TestVaults.files(root.resolve("chain"));
        assertThat(links).extracting(p -> p.getFileName().toString())
                .containsExactly(ChainLink.name(1), ChainLink.name(2), ChainLink.name(3));
        ChainLink second = ChainLink.decode(Files.readAllBytes(links.get(1)));
        assertThat(second.previous()).isEqualTo(ChainLink.sha256(Files.readAllBytes(links.get(0))));
        assertThat(second.signer()).isEqualTo(institutionKey.publicKey().fingerprint());
        assertThat(institutionKey.publicKey().verifies(ChainLink.SIGNING_CONTEXT, second.signedBytes(),
                org.finres.vault.engine.signing.VaultSignature.decode(second.signature()))).isTrue();
        assertThat(second.packs()).isNotEmpty();
    }
}
