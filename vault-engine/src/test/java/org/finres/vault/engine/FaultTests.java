package org.finres.vault.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.finres.vault.engine.format.IndexFile;
import org.finres.vault.engine.format.PackEntry;
import org.finres.vault.engine.format.PackHeader;
import org.finres.vault.engine.format.RepositoryKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of damage gets a precise verify problem and a precise restore failure, and no restore half-succeeds. */
class FaultTests {

    private static final SnapshotInfo INFO = new SnapshotInfo("bank-a", LocalDate.of(2026, 6, 30));

    @TempDir
    Path tmp;
    private Path root;
    private Path source;

    @BeforeEach
    void backUp() throws IOException {
        source = TestVaults.source(tmp.resolve("src"), 7, 400_000);
        root = tmp.resolve("repo");
        try (VaultRepository repo = VaultRepository.init(root, TestVaults.kek(1), TestVaults.SMALL)) {
            repo.backup(source, INFO, ProgressListener.NONE);
            assertThat(repo.verify().ok()).isTrue();
        }
    }

    private VaultRepository open() {
        return VaultRepository.open(root, TestVaults.kek(1));
    }

    private Path firstPack() throws IOException {
        return TestVaults.files(root.resolve("packs")).getFirst();
    }

    @Test
    void corruptedChunkIsNamedByPackOffsetAndFile() throws IOException {
        Path pack = firstPack();
        TestVaults.flipBit(pack, 20); // in the first blob: after the 5-byte magic and its 12-byte nonce
        try (VaultRepository repo = open()) {
            VerifyReport report = repo.verify();

            assertThat(report.problems()).hasSize(2);
            assertThat(report.problems()).filteredOn(Problem.DamagedBlob.class::isInstance).singleElement()
                    .satisfies(p -> {
                        Problem.DamagedBlob b = (Problem.DamagedBlob) p;
                        assertThat(b.pack().hex()).isEqualTo(pack.getFileName().toString());
                        assertThat(b.offset()).isEqualTo(5);
                        assertThat(b.detail()).contains("authentication failed");
                    });
            Problem.DamagedFile file = (Problem.DamagedFile) report.problems().stream()
                    .filter(Problem.DamagedFile.class::isInstance).findFirst().orElseThrow();
            assertThat(file.badChunks()).isEqualTo(1);
            assertThat(file.pack().hex()).isEqualTo(pack.getFileName().toString());

            assertRestoreFails(repo, damagedPaths(report), "the blob is damaged");
        }
    }

    @Test
    void truncatedPackIsReportedWithTheBlobsItLost() throws IOException {
        Path pack = firstPack();
        long size = Files.size(pack);
        try (RandomAccessFile f = new RandomAccessFile(pack.toFile(), "rw")) {
            f.setLength(size / 2);
        }
        try (VaultRepository repo = open()) {
            VerifyReport report = repo.verify();

            assertThat(report.problems()).filteredOn(Problem.TruncatedPack.class::isInstance).singleElement()
                    .satisfies(p -> assertThat(((Problem.TruncatedPack) p).size()).isEqualTo(size / 2));
            // The index still lists the pack's blobs: the ones past the cut are named, the ones before it are sound.
            assertThat(report.problems()).filteredOn(Problem.DamagedBlob.class::isInstance).isNotEmpty()
                    .allSatisfy(p -> assertThat(((Problem.DamagedBlob) p).detail()).contains("truncated"));
            assertThat(report.problems()).filteredOn(Problem.DamagedFile.class::isInstance).isNotEmpty();
            assertRestoreFails(repo, damagedPaths(report), "truncated");
        }
    }

    @Test
    void missingPackIsNamed() throws IOException {
        Path pack = firstPack();
        Files.delete(pack);
        try (VaultRepository repo = open()) {
            VerifyReport report = repo.verify();
            assertThat(report.problems()).filteredOn(Problem.MissingPack.class::isInstance).singleElement()
                    .satisfies(p -> assertThat(((Problem.MissingPack) p).pack().hex())
                            .isEqualTo(pack.getFileName().toString()));
            assertThat(report.problems()).filteredOn(Problem.DamagedFile.class::isInstance).isNotEmpty();
            assertRestoreFails(repo, damagedPaths(report), "pack file is missing");
        }
    }

    @Test
    void flippedBitInTheIndexIsNamedAndThePacksAreStillReadable() throws IOException {
        List<Path> indexFiles = TestVaults.files(root.resolve("index"));
        Path damaged = indexFiles.getFirst();
        TestVaults.flipBit(damaged, Files.size(damaged) / 2);
        try (VaultRepository repo = open()) {
            VerifyReport report = repo.verify();

            assertThat(report.problems()).singleElement().isInstanceOfSatisfying(Problem.DamagedIndexFile.class,
                    p -> assertThat(p.indexFile()).isEqualTo(damaged.getFileName().toString()));
            // open adopted the packs of the damaged index file from their own headers: nothing is lost
            repo.restore(repo.snapshots().getFirst(), tmp.resolve("out"), ProgressListener.NONE);
            assertThat(TestVaults.tree(tmp.resolve("out"))).isEqualTo(TestVaults.tree(source));
        }
    }

    @Test
    void flippedBitInTheManifestIsNamed() throws IOException {
        Path manifest = TestVaults.files(root.resolve("snapshots")).getFirst();
        Snapshot snapshot;
        try (VaultRepository repo = open()) {
            snapshot = repo.snapshots().getFirst();
        }
        TestVaults.flipBit(manifest, 40);
        try (VaultRepository repo = open()) {
            VerifyReport report = repo.verify();

            assertThat(report.problems()).filteredOn(Problem.DamagedManifest.class::isInstance).singleElement()
                    .isInstanceOfSatisfying(Problem.DamagedManifest.class,
                            p -> assertThat(p.manifestFile()).isEqualTo(manifest.getFileName().toString()));
            // the chain link that records the manifest's hash names the same damage
            assertThat(report.problems()).hasSize(2).anySatisfy(p -> assertThat(p).isEqualTo(
                    new Problem.BrokenChainLink(1, "manifest " + manifest.getFileName()
                            + " does not have the SHA-256 the link records (edited or replaced)")));
            assertThat(repo.snapshots()).isEmpty();
            assertThatThrownBy(() -> repo.restore(snapshot, tmp.resolve("out"), ProgressListener.NONE))
                    .isInstanceOf(RestoreFailedException.class).hasMessageContaining("manifest")
                    .hasMessageContaining("damaged");
            assertThatThrownBy(() -> repo.prune(new RetentionPolicy(1, 0, 0), ProgressListener.NONE))
                    .isInstanceOf(DamagedRepositoryException.class);
        }
    }

    @Test
    void manifestMovedToAnotherSnapshotsNameFailsAuthentication() throws IOException {
        Path manifest = TestVaults.files(root.resolve("snapshots")).getFirst();
        Files.move(manifest, manifest.resolveSibling("0".repeat(64)));
        try (VaultRepository repo = open()) {
            assertThat(repo.verify().problems()).hasSize(2).anySatisfy(p -> assertThat(p)
                    .isInstanceOf(Problem.DamagedManifest.class))
                    .contains(new Problem.UnchainedManifest("0".repeat(64)));
        }
    }

    @Test
    void renamedPackFailsHeaderAuthentication() throws IOException {
        Path pack = firstPack();
        Files.move(pack, pack.resolveSibling("f".repeat(64)));
        try (VaultRepository repo = open()) {
            VerifyReport report = repo.verify();
            assertThat(report.problems()).filteredOn(Problem.MissingPack.class::isInstance).hasSize(1);
            assertThat(report.problems()).filteredOn(Problem.DamagedPackHeader.class::isInstance).singleElement()
                    .satisfies(p -> assertThat(((Problem.DamagedPackHeader) p).detail())
                            .contains("authentication failed"));
        }
    }

    @Test
    void packOfAnotherRepositoryIsReportedAsWrittenUnderAnotherKey() throws IOException {
        Path other = tmp.resolve("other");
        try (VaultRepository repo = VaultRepository.init(other, TestVaults.kek(1), TestVaults.SMALL)) {
            repo.backup(source, INFO, ProgressListener.NONE);
        }
        Path foreign = TestVaults.files(other.resolve("packs")).getFirst();
        Files.copy(foreign, root.resolve("packs").resolve(foreign.getFileName()));
        try (VaultRepository repo = open()) {
            assertThat(repo.verify().problems()).singleElement().isInstanceOfSatisfying(
                    Problem.DamagedPackHeader.class, p -> assertThat(p.detail()).contains("another key"));
        }
    }

    @Test
    void wrongKeyAndDamagedKeyFileAreRefusedAtOpen() throws IOException {
        assertThatThrownBy(() -> VaultRepository.open(root, TestVaults.kek(99)))
                .isInstanceOf(WrongKeyException.class);
        Path key = TestVaults.files(root.resolve("keys")).getFirst();
        TestVaults.flipBit(key, Files.size(key) - 3);
        assertThatThrownBy(this::open).isInstanceOf(WrongKeyException.class).hasMessageContaining("damaged");
    }

    @Test
    void verifyReportsEveryProblemNotOnlyTheFirst() throws IOException {
        List<Path> packs = TestVaults.files(root.resolve("packs"));
        TestVaults.flipBit(packs.get(0), 20);
        Files.delete(packs.get(1));
        TestVaults.flipBit(TestVaults.files(root.resolve("snapshots")).getFirst(), 30);
        try (VaultRepository repo = open()) {
            VerifyReport report = repo.verify();
            assertThat(report.problems()).hasAtLeastOneElementOfType(Problem.DamagedBlob.class)
                    .hasAtLeastOneElementOfType(Problem.MissingPack.class)
                    .hasAtLeastOneElementOfType(Problem.DamagedManifest.class);
            assertThat(report.describe()).contains("problem(s)");
        }
    }

    @Test
    void indexEntryPointingNowhereIsNamed() throws IOException {
        // An index file (sound, written under the repository's key) that places a chunk in a pack whose header does
        // not list it, as a buggy writer could.
        RepositoryKeys keys = TestVaults.keysOf(root, TestVaults.kek(1));
        PackId pack = PackId.parse(firstPack().getFileName().toString());
        ChunkId ghost = keys.chunkId("not stored anywhere".getBytes());
        String name = "ab".repeat(32);
        IndexFile bogus = new IndexFile(List.of(new PackHeader(pack, List.of(new PackEntry(ghost, 5, 100)))));
        Files.write(root.resolve("index").resolve(name), bogus.encode(keys, name));
        try (VaultRepository repo = open()) {
            assertThat(repo.verify().problems()).singleElement().isInstanceOfSatisfying(
                    Problem.IndexEntryPointsNowhere.class, p -> {
                        assertThat(p.indexFile()).isEqualTo(name);
                        assertThat(p.chunk()).isEqualTo(ghost);
                        assertThat(p.pack()).isEqualTo(pack);
                        assertThat(p.offset()).isEqualTo(5);
                    });
        }
    }

    private static List<String> damagedPaths(VerifyReport report) {
        return report.problems().stream().filter(Problem.DamagedFile.class::isInstance)
                .map(p -> ((Problem.DamagedFile) p).path()).toList();
    }

    private void assertRestoreFails(VaultRepository repo, List<String> damagedPaths, String reason) {
        Path out = tmp.resolve("out");
        Snapshot snapshot = repo.snapshots().getFirst();
        assertThatThrownBy(() -> repo.restore(snapshot, out, ProgressListener.NONE))
                .isInstanceOfSatisfying(RestoreFailedException.class, e -> {
                    assertThat(e.path()).isIn(damagedPaths);
                    assertThat(e.chunk()).isNotNull();
                    assertThat(e.pack()).isNotNull();
                    assertThat(e.offset()).isNotNegative();
                    assertThat(e.getMessage()).contains(reason).contains("bank-a@2026-06-30");
                });
        // nothing was renamed into place, and no temporary file was left behind
        try (var files = Files.walk(out)) {
            assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
