package org.finres.vault.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.HexFormat;
import java.util.List;
import org.finres.vault.engine.format.ChainLink;
import org.finres.vault.engine.signing.SigningKeyPair;
import org.finres.vault.engine.storage.LocalDirectoryStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signed hash chain of manifests, attacked as someone holding the repository's files (and even the data key)
 * but not the institution's signing key would: every edit, removal, reordering or re-signing is named by verify at
 * the first link it breaks.
 */
class ManifestChainTests {

    private static final LocalDate DAY1 = LocalDate.of(2026, 12, 1);

    @TempDir
    Path tmp;

    private Path root;
    private SigningKeyPair institutionKey;

    /** Four snapshots in a repository that pins {@code key}; no retention lock, so files can be swapped freely. */
    private void fourSnapshots(SigningKeyPair key) throws IOException {
        root = tmp.resolve("repo");
        institutionKey = key;
        Path source = TestVaults.source(tmp.resolve("src"), 3, 100_000);
        VaultRepository.init(new LocalDirectoryStorage(root), TestVaults.kek(1), TestVaults.SMALL,
                new Immutability(null, key.publicKey()), OpenOptions.defaults()).close();
        try (VaultRepository repo = open()) {
            for (int d = 0; d < 4; d++) {
                Files.writeString(source.resolve("day.txt"), "date " + d);
                repo.backup(source, new SnapshotInfo("bank-a", DAY1.plusDays(d)), ProgressListener.NONE);
            }
            assertThat(repo.verify().problems()).isEmpty();
        }
    }

    private VaultRepository open() {
        return VaultRepository.open(new LocalDirectoryStorage(root), TestVaults.kek(1),
                OpenOptions.defaults().withSigningKey(institutionKey));
    }

    private Path link(long sequence) {
        return root.resolve("chain").resolve(ChainLink.name(sequence));
    }

    private List<Problem> chainProblems() {
        try (VaultRepository repo = VaultRepository.open(root, TestVaults.kek(1))) {
            return repo.verify().problems().stream().filter(p -> !(p instanceof Problem.DamagedManifest)).toList();
        }
    }

    private Problem.BrokenChainLink firstBroken() {
        return chainProblems().stream().filter(Problem.BrokenChainLink.class::isInstance)
                .map(Problem.BrokenChainLink.class::cast)
                .min(java.util.Comparator.comparingLong(Problem.BrokenChainLink::sequence)).orElseThrow();
    }

    @Test
    void anEditedManifestIsNamedByItsLink() throws IOException {
        fourSnapshots(SigningKeyPair.generate(false));
        ChainLink second = ChainLink.decode(Files.readAllBytes(link(2)));
        TestVaults.flipBit(root.resolve("snapshots").resolve(second.snapshot().value()), 30);
        assertThat(firstBroken()).isEqualTo(new Problem.BrokenChainLink(2, "manifest " + second.snapshot()
                + " does not have the SHA-256 the link records (edited or replaced)"));
    }

    @Test
    void aManifestReplacedByAnotherValidOneIsNamed() throws IOException {
        // an insider with the data key re-encrypts a doctored manifest under the same name: it authenticates, but
        // it is not the manifest the signed link fixed
        fourSnapshots(SigningKeyPair.generate(false));
        ChainLink third = ChainLink.decode(Files.readAllBytes(link(3)));
        var keys = TestVaults.keysOf(root, TestVaults.kek(1));
        Path file = root.resolve("snapshots").resolve(third.snapshot().value());
        var manifest = org.finres.vault.engine.format.Manifest.decode(keys, third.snapshot().value(),
                Files.readAllBytes(file));
        var doctored = new org.finres.vault.engine.format.Manifest(manifest.info(), manifest.created(),
                manifest.files().subList(1, manifest.files().size()));
        Files.delete(file);
        Files.write(file, doctored.encode(keys, third.snapshot().value()));
        assertThat(chainProblems()).containsExactly(new Problem.BrokenChainLink(3, "manifest " + third.snapshot()
                + " does not have the SHA-256 the link records (edited or replaced)"));
    }

    @Test
    void aRemovedLinkIsNamed() throws IOException {
        fourSnapshots(SigningKeyPair.generate(false));
        ChainLink second = ChainLink.decode(Files.readAllBytes(link(2)));
        Files.delete(link(2));
        List<Problem> problems = chainProblems();
        assertThat(firstBroken()).isEqualTo(new Problem.BrokenChainLink(2, "link 2 is missing (removed)"));
        // and the snapshot it recorded is now outside the chain
        assertThat(problems).contains(new Problem.UnchainedManifest(second.snapshot().value()));
    }

    @Test
    void aRemovedSnapshotWithItsLinkIsNamed() throws IOException {
        fourSnapshots(SigningKeyPair.generate(false));
        ChainLink second = ChainLink.decode(Files.readAllBytes(link(2)));
        Files.delete(link(2));
        Files.delete(root.resolve("snapshots").resolve(second.snapshot().value()));
        assertThat(chainProblems()).containsExactly(new Problem.BrokenChainLink(2, "link 2 is missing (removed)"));
    }

    @Test
    void reorderedLinksAreNamed() throws IOException {
        fourSnapshots(SigningKeyPair.generate(false));
        Path swap = tmp.resolve("swap");
        Files.move(link(2), swap);
        Files.move(link(3), link(2));
        Files.move(swap, link(3));
        assertThat(firstBroken()).isEqualTo(new Problem.BrokenChainLink(2,
                "the file holds link 3 (links moved or reordered)"));
    }

    @Test
    void aLinkReSignedWithAnUnknownKeyIsNamed() throws IOException {
        fourSnapshots(SigningKeyPair.generate(false));
        SigningKeyPair intruder = SigningKeyPair.generate(false);
        ChainLink l = ChainLink.decode(Files.readAllBytes(link(3)));
        ChainLink unsigned = new ChainLink(l.repositoryId(), l.sequence(), l.previous(), l.snapshot(),
                l.manifestSha256(), l.created(), l.retainUntil(), l.packs(), intruder.publicKey().fingerprint(),
                new byte[0]);
        ChainLink forged = new ChainLink(l.repositoryId(), l.sequence(), l.previous(), l.snapshot(),
                l.manifestSha256(), l.created(), l.retainUntil(), l.packs(), intruder.publicKey().fingerprint(),
                intruder.sign(ChainLink.SIGNING_CONTEXT, unsigned.signedBytes()).encode());
        Files.delete(link(3));
        Files.write(link(3), forged.encode());
        List<Problem> problems = chainProblems();
        assertThat(firstBroken()).isEqualTo(new Problem.BrokenChainLink(3, "it is signed by unknown key "
                + intruder.publicKey().fingerprintHex() + ", not the pinned " + institutionKey.publicKey()
                .fingerprintHex()));
        // the link after it recorded the genuine link's hash
        assertThat(problems).contains(new Problem.BrokenChainLink(4, "it does not record the hash of link 3 "
                + "(a link before it was edited, removed or reordered)"));
    }

    @Test
    void aLinkEditedToShortenItsLockFailsItsSignature() throws IOException {
        fourSnapshots(SigningKeyPair.generate(false));
        byte[] b = Files.readAllBytes(link(1));
        ChainLink l = ChainLink.decode(b);
        ChainLink edited = new ChainLink(l.repositoryId(), l.sequence(), l.previous(), l.snapshot(),
                l.manifestSha256(), l.created(), l.created(), l.packs(), l.signer(), l.signature());
        Files.delete(link(1));
        Files.write(link(1), edited.encode());
        assertThat(firstBroken()).isEqualTo(new Problem.BrokenChainLink(1,
                "its signature does not verify under the pinned key (edited after signing)"));
    }

    @Test
    void aLinkSignedWithMlDsa65AsWellVerifiesAndBreaksWhenEdited() throws IOException {
        fourSnapshots(SigningKeyPair.generate(true));
        ChainLink l = ChainLink.decode(Files.readAllBytes(link(2)));
        assertThat(org.finres.vault.engine.signing.VaultSignature.decode(l.signature()).hasMlDsa65()).isTrue();
        byte[] b = Files.readAllBytes(link(2));
        b[b.length - 10] ^= 1; // inside the ML-DSA-65 part of the signature
        Files.delete(link(2));
        Files.write(link(2), b);
        assertThat(firstBroken().sequence()).isEqualTo(2);
    }

    @Test
    void backupNeedsThePinnedSigningKeyAndNoOther() throws IOException {
        fourSnapshots(SigningKeyPair.generate(false));
        Path source = tmp.resolve("src");
        try (VaultRepository repo = VaultRepository.open(root, TestVaults.kek(1))) {
            assertThat(repo.snapshots()).hasSize(4); // restore, verify and prune need no signing key
            assertThatThrownBy(() -> repo.backup(source, new SnapshotInfo("bank-a", DAY1.plusDays(9)),
                    ProgressListener.NONE)).isInstanceOf(SignatureRefusedException.class)
                    .hasMessageContaining(institutionKey.publicKey().fingerprintHex());
        }
        SigningKeyPair other = SigningKeyPair.generate(false);
        assertThatThrownBy(() -> VaultRepository.open(new LocalDirectoryStorage(root), TestVaults.kek(1),
                OpenOptions.defaults().withSigningKey(other))).isInstanceOf(SignatureRefusedException.class)
                .hasMessageContaining(other.publicKey().fingerprintHex())
                .hasMessageContaining(institutionKey.publicKey().fingerprintHex());
    }

    @Test
    void aManifestLeftWithoutItsLinkByACrashIsChainedByTheNextBackup() throws IOException {
        fourSnapshots(SigningKeyPair.generate(false));
        ChainLink last = ChainLink.decode(Files.readAllBytes(link(4)));
        Files.delete(link(4)); // as if the backup died after writing its manifest
        assertThat(chainProblems()).containsExactly(new Problem.UnchainedManifest(last.snapshot().value()));
        try (VaultRepository repo = open()) {
            repo.backup(tmp.resolve("src"), new SnapshotInfo("bank-a", DAY1.plusDays(9)), ProgressListener.NONE);
            assertThat(repo.verify().problems()).isEmpty();
        }
        assertThat(ChainLink.decode(Files.readAllBytes(link(4))).snapshot()).isEqualTo(last.snapshot());
        assertThat(TestVaults.files(root.resolve("chain"))).hasSize(5);
    }

    @Test
    void aRepositoryWithoutAPinnedKeyStillChainsAndNamesBreaks() throws IOException {
        root = tmp.resolve("plain");
        Path source = TestVaults.source(tmp.resolve("src"), 3, 50_000);
        try (VaultRepository repo = VaultRepository.init(root, TestVaults.kek(1), TestVaults.SMALL)) {
            repo.backup(source, new SnapshotInfo("bank-a", DAY1), ProgressListener.NONE);
            repo.backup(source, new SnapshotInfo("bank-a", DAY1.plusDays(1)), ProgressListener.NONE);
        }
        ChainLink second = ChainLink.decode(Files.readAllBytes(link(2)));
        assertThat(second.signed()).isFalse();
        assertThat(HexFormat.of().formatHex(second.previous()))
                .isEqualTo(HexFormat.of().formatHex(ChainLink.sha256(Files.readAllBytes(link(1)))));
        TestVaults.flipBit(link(1), 40);
        assertThat(firstBroken().sequence()).isEqualTo(1);
        assertThatThrownBy(() -> VaultRepository.open(new LocalDirectoryStorage(root), TestVaults.kek(1),
                OpenOptions.defaults().withSigningKey(SigningKeyPair.generate(false))))
                .isInstanceOf(SignatureRefusedException.class).hasMessageContaining("pins no signing key");
    }

    @Test
    void aVersion1RepositoryIsStillReadAndGetsNoChain() throws IOException {
        root = tmp.resolve("v1");
        Path source = TestVaults.source(tmp.resolve("src"), 3, 50_000);
        VaultRepository.init(root, TestVaults.kek(1), TestVaults.SMALL).close();
        var keys = TestVaults.keysOf(root, TestVaults.kek(1));
        var v2 = org.finres.vault.engine.format.RepositoryConfig.parse(Files.readString(root.resolve("config")));
        Files.delete(root.resolve("config"));
        Files.writeString(root.resolve("config"), new org.finres.vault.engine.format.RepositoryConfig(1,
                v2.repositoryId(), v2.parameters()).text(keys));
        Files.delete(root.resolve("chain"));
        assertThat(Files.readString(root.resolve("config"))).contains("format-version=1")
                .doesNotContain("signing-key");
        try (VaultRepository repo = VaultRepository.open(root, TestVaults.kek(1))) {
            Snapshot s = repo.backup(source, new SnapshotInfo("bank-a", DAY1), ProgressListener.NONE).snapshot();
            assertThat(repo.verify().problems()).isEmpty();
            repo.restore(s, tmp.resolve("out"), ProgressListener.NONE);
        }
        assertThat(root.resolve("chain")).doesNotExist();
        assertThat(TestVaults.tree(tmp.resolve("out"))).isEqualTo(TestVaults.tree(source));
    }
}
