package org.finres.vault.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import org.finres.vault.engine.format.PackEntry;
import org.finres.vault.engine.format.PackHeader;
import org.finres.vault.engine.format.RepositoryKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore does not recompute chunk ids (the GCM tag authenticates each blob under its id); these tests hold the two
 * checks that remain to what the argument in FORMAT.md relies on.
 */
class RestoreAuthenticationTests {

    private static final SnapshotInfo INFO = new SnapshotInfo("bank-a", LocalDate.of(2026, 6, 30));

    @TempDir
    Path tmp;
    private Path root;
    private Path source;

    @BeforeEach
    void backUp() throws IOException {
        source = TestVaults.source(tmp.resolve("src"), 9, 200_000);
        root = tmp.resolve("repo");
        try (VaultRepository repo = VaultRepository.init(root, TestVaults.kek(1), TestVaults.SMALL)) {
            repo.backup(source, INFO, ProgressListener.NONE);
        }
    }

    @Test
    void aBlobRewrittenWithoutTheKeyFailsRestoreAtThatChunk() throws IOException {
        Path pack = TestVaults.files(root.resolve("packs")).getFirst();
        // the attacker knows the layout and rewrites a whole blob: a fresh nonce and different bytes
        PackEntry first = header(pack, TestVaults.keysOf(root, TestVaults.kek(1))).entries().getFirst();
        byte[] forged = new byte[first.length()];
        Arrays.fill(forged, (byte) 0x5a);
        overwrite(pack, first.offset(), forged);
        try (VaultRepository repo = VaultRepository.open(root, TestVaults.kek(1))) {
            assertThatThrownBy(() -> repo.restore(repo.snapshots().getFirst(), tmp.resolve("out"),
                    ProgressListener.NONE)).isInstanceOfSatisfying(RestoreFailedException.class, e -> {
                        assertThat(e.chunk()).isEqualTo(first.chunk());
                        assertThat(e.offset()).isEqualTo(first.offset());
                        assertThat(e.getMessage()).contains("authentication failed");
                    });
        }
    }

    @Test
    void aBlobSealedUnderTheRightKeyButForTheWrongContentIsCaughtByTheFileHashAndByVerify() throws IOException {
        // What a buggy writer holding the key could do: seal other bytes under a chunk's id. The tag is valid, so
        // restore's per-chunk check passes; the file's SHA-256 from the manifest must then refuse it.
        RepositoryKeys keys = TestVaults.keysOf(root, TestVaults.kek(1));
        Path pack = TestVaults.files(root.resolve("packs")).getFirst();
        PackEntry first = header(pack, keys).entries().getFirst();
        byte[] framed = new byte[first.length() - RepositoryKeys.OVERHEAD];
        Arrays.fill(framed, (byte) 'x');
        framed[0] = 0; // stored raw
        byte[] aad = java.nio.ByteBuffer.allocate(37).put("FRVB".getBytes()).put((byte) 1)
                .put(first.chunk().bytes()).array();
        overwrite(pack, first.offset(), keys.seal(aad, framed));
        try (VaultRepository repo = VaultRepository.open(root, TestVaults.kek(1))) {
            assertThatThrownBy(() -> repo.restore(repo.snapshots().getFirst(), tmp.resolve("out"),
                    ProgressListener.NONE)).isInstanceOf(RestoreFailedException.class)
                    .hasMessageContaining("the manifest says");
            try (var files = Files.walk(tmp.resolve("out"))) {
                assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
            }
            assertThat(repo.verify().problems()).filteredOn(Problem.DamagedBlob.class::isInstance).singleElement()
                    .satisfies(p -> assertThat(((Problem.DamagedBlob) p).detail())
                            .contains("plaintext does not hash to the chunk id"));
        }
    }

    private static PackHeader header(Path pack, RepositoryKeys keys) throws IOException {
        byte[] all = Files.readAllBytes(pack);
        byte[] trailer = Arrays.copyOfRange(all, all.length - PackHeader.TRAILER_BYTES, all.length);
        int length = PackHeader.headerLength(trailer, all.length);
        int start = all.length - PackHeader.TRAILER_BYTES - length;
        return PackHeader.decode(keys, PackId.parse(pack.getFileName().toString()),
                Arrays.copyOfRange(all, start, start + length), start);
    }

    private static void overwrite(Path file, long at, byte[] bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            f.write(bytes);
        }
    }
}
