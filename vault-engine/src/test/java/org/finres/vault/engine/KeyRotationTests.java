package org.finres.vault.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotating the key-encryption keys of a repository: a new key file wraps the same data key, the old one is removed,
 * and no pack, index file or manifest is touched.
 */
class KeyRotationTests {

    private static final SnapshotInfo DAY_1 = new SnapshotInfo("bank-a", LocalDate.of(2026, 12, 1));
    private static final SnapshotInfo DAY_2 = new SnapshotInfo("bank-a", LocalDate.of(2026, 12, 2));

    @TempDir
    Path tmp;
    private Path root;
    private Path source;

    @BeforeEach
    void backedUp() throws IOException {
        root = tmp.resolve("repo");
        source = TestVaults.source(tmp.resolve("src"), 5, 120_000);
        try (VaultRepository repo = VaultRepository.init(root, TestVaults.kek(1), TestVaults.SMALL)) {
            repo.backup(source, DAY_1, ProgressListener.NONE);
        }
    }

    @Test
    void anAddedKeyOpensTheRepositoryWithoutRewritingAnyData() throws IOException {
        Map<String, String> before = dataFiles();
        KeyInfo added;
        try (VaultRepository repo = VaultRepository.open(root, TestVaults.kek(1))) {
            added = repo.addKey(TestVaults.kek(2));
            assertThat(repo.keys()).hasSize(2).contains(added)
                    .anySatisfy(k -> assertThat(k.openedWith()).isTrue());
        }
        assertThat(added.algorithm()).isEqualTo(AesGcmKeyWrapping.ALGORITHM);
        assertThat(dataFiles()).isEqualTo(before);
        try (VaultRepository repo = VaultRepository.open(root, TestVaults.kek(2))) {
            assertThat(repo.keys()).filteredOn(KeyInfo::openedWith).singleElement().isEqualTo(
                    new KeyInfo(added.id(), added.algorithm(), true));
            repo.restore(repo.snapshots().getFirst(), tmp.resolve("out"), ProgressListener.NONE);
            // data written after the rotation deduplicates against the data written before it
            BackupResult second = repo.backup(source, DAY_2, ProgressListener.NONE);
            assertThat(second.chunksNew()).isZero();
        }
        assertThat(TestVaults.tree(tmp.resolve("out"))).isEqualTo(TestVaults.tree(source));
        // the old key still opens as long as its key file is there
        try (VaultRepository repo = VaultRepository.open(root, TestVaults.kek(1))) {
            assertThat(repo.snapshots()).hasSize(2);
        }
    }

    @Test
    void aRemovedKeyNoLongerOpensTheRepository() {
        String oldId;
        try (VaultRepository repo = VaultRepository.open(root, TestVaults.kek(1))) {
            oldId = repo.keys().getFirst().id();
            repo.addKey(TestVaults.kek(2));
            repo.removeKey(oldId);
            assertThat(repo.keys()).extracting(KeyInfo::id).doesNotContain(oldId).hasSize(1);
            // the open instance keeps working: the data key is unchanged
            assertThat(repo.verify().problems()).isEmpty();
        }
        assertThat(root.resolve("keys").resolve(oldId)).doesNotExist();
        // one key file of the algorithm was tried: its own refusal comes through, naming the wrong key
        assertThatThrownBy(() -> VaultRepository.open(root, TestVaults.kek(1))).isInstanceOf(WrongKeyException.class)
                .hasMessage("the key-encryption key does not unwrap this key (wrong key, or damaged key file)");
        try (VaultRepository repo = VaultRepository.open(root, TestVaults.kek(2))) {
            assertThat(repo.snapshots()).singleElement().satisfies(s -> assertThat(s.info()).isEqualTo(DAY_1));
        }
    }

    @Test
    void theLastKeyFileCannotBeRemoved() {
        try (VaultRepository repo = VaultRepository.open(root, TestVaults.kek(1))) {
            String only = repo.keys().getFirst().id();
            assertThatThrownBy(() -> repo.removeKey(only)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("key file " + only + " is the last readable key file")
                    .hasMessageContaining("add another with addKey");
            assertThat(repo.keys()).hasSize(1);
        }
        try (VaultRepository repo = VaultRepository.open(root, TestVaults.kek(1))) {
            assertThat(repo.snapshots()).hasSize(1);
        }
    }

    @Test
    void aDamagedKeyFileDoesNotCountAsTheOneThatRemains() throws IOException {
        try (VaultRepository repo = VaultRepository.open(root, TestVaults.kek(1))) {
            String only = repo.keys().getFirst().id();
            Files.write(root.resolve("keys").resolve("00112233445566aa"), new byte[] {'F', 'R', 'V', 'K', 9});
            assertThatThrownBy(() -> repo.removeKey(only)).isInstanceOf(IllegalStateException.class);
            // but the damaged file itself can be removed by its id
            repo.removeKey("00112233445566aa");
            assertThat(root.resolve("keys").resolve("00112233445566aa")).doesNotExist();
        }
    }

    @Test
    void removeKeyRefusesIdsThatAreNotKeyFiles() {
        try (VaultRepository repo = VaultRepository.open(root, TestVaults.kek(1))) {
            repo.addKey(TestVaults.kek(2));
            for (String bad : List.of("../config", "../keys/../config", "", "ABCDEF0123456789", "0123456789abcde")) {
                assertThatThrownBy(() -> repo.removeKey(bad)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("16 lowercase hex digits");
            }
            assertThatThrownBy(() -> repo.removeKey("0123456789abcdef")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has no key file 0123456789abcdef");
            assertThat(repo.keys()).hasSize(2);
        }
        assertThat(root.resolve("config")).exists();
    }

    @Test
    void aWrappingThatCannotUnwrapWhatItWrappedIsRefusedBeforeAnythingIsWritten() throws IOException {
        KeyWrapping forgetful = new KeyWrapping() {
            @Override
            public String algorithm() {
                return "FORGETFUL/v1";
            }

            @Override
            public byte[] wrap(byte[] dataKey, byte[] context) {
                return new byte[48];
            }

            @Override
            public byte[] unwrap(byte[] wrapped, byte[] context) {
                return new byte[32];
            }
        };
        try (VaultRepository repo = VaultRepository.open(root, TestVaults.kek(1))) {
            assertThatThrownBy(() -> repo.addKey(forgetful)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unwraps another key than it wrapped");
            assertThat(repo.keys()).hasSize(1);
        }
        assertThat(TestVaults.files(root.resolve("keys"))).hasSize(1);
    }

    @Test
    void withSeveralKeyFilesAWrongKeyNamesEveryFileTried() {
        String[] ids = new String[2];
        try (VaultRepository repo = VaultRepository.open(root, TestVaults.kek(1))) {
            ids[0] = repo.keys().getFirst().id();
            ids[1] = repo.addKey(TestVaults.kek(2)).id();
        }
        assertThatThrownBy(() -> VaultRepository.open(root, TestVaults.kek(3))).isInstanceOf(WrongKeyException.class)
                .hasMessageContaining("any of the 2 " + AesGcmKeyWrapping.ALGORITHM + " key files")
                .hasMessageContaining(ids[0]).hasMessageContaining(ids[1]);
    }

    /** Name and content of every pack, index file and manifest. */
    private Map<String, String> dataFiles() throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String dir : List.of("packs", "index", "snapshots")) {
            for (String entry : TestVaults.tree(root.resolve(dir))) {
                out.put(dir + "/" + entry, entry);
            }
        }
        return out;
    }
}
