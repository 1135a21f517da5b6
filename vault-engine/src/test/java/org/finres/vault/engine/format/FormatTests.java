package org.finres.vault.engine.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.finres.vault.engine.ChunkId;
import org.finres.vault.engine.SnapshotInfo;
import org.junit.jupiter.api.Test;

class FormatTests {

    private final RepositoryKeys keys = RepositoryKeys.of(new byte[32]);

    @Test
    void blobOpensOnlyUnderItsOwnChunkId() {
        byte[] a = "ledger line A".repeat(100).getBytes(StandardCharsets.UTF_8);
        ChunkId idA = keys.chunkId(a);
        ChunkId idB = keys.chunkId("other".getBytes(StandardCharsets.UTF_8));
        byte[] sealed = BlobCodec.seal(keys, idA, a, 3);

        assertThat(sealed.length).isLessThan(a.length); // compressed
        assertThat(BlobCodec.open(keys, idA, sealed, 0, sealed.length, 1 << 20)).isEqualTo(a);
        assertThatThrownBy(() -> BlobCodec.open(keys, idB, sealed, 0, sealed.length, 1 << 20))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("authentication failed");
    }

    @Test
    void incompressibleChunksAreStoredRaw() {
        byte[] random = new byte[5000];
        new java.util.Random(1).nextBytes(random);
        byte[] sealed = BlobCodec.seal(keys, keys.chunkId(random), random, 3);
        assertThat(sealed.length).isEqualTo(random.length + 1 + RepositoryKeys.OVERHEAD);
    }

    @Test
    void aReaderReusingItsBuffersReturnsExactlyEachBlobsPlaintext() {
        // large compressible, small raw, empty, then large again: stale bytes or lengths from an earlier, larger
        // blob must never show through
        java.util.Random r = new java.util.Random(2);
        byte[] big = "balance,TWD,100.00\n".repeat(20_000).getBytes(StandardCharsets.UTF_8);
        byte[] small = new byte[300];
        r.nextBytes(small);
        byte[] empty = new byte[0];
        byte[] other = "x".repeat(70_000).getBytes(StandardCharsets.UTF_8);
        BlobReader reader = new BlobReader(keys, 1 << 20);
        for (byte[] plain : List.of(big, small, empty, other, small)) {
            ChunkId id = keys.chunkId(plain);
            byte[] sealed = BlobCodec.seal(keys, id, plain, 0, plain.length, 1);
            byte[] buffer = reader.sealedBuffer(sealed.length + 7);
            System.arraycopy(sealed, 0, buffer, 7, sealed.length);
            int n = reader.open(id, buffer, 7, sealed.length, true);
            assertThat(java.util.Arrays.copyOf(reader.plaintext(), n)).isEqualTo(plain);
        }
        // a slice of a larger array seals the slice only
        byte[] sealed = BlobCodec.seal(keys, keys.chunkId(small, 100, 50), small, 100, 50, 1);
        assertThat(BlobCodec.open(keys, keys.chunkId(small, 100, 50), sealed, 0, sealed.length, 1 << 20))
                .isEqualTo(java.util.Arrays.copyOfRange(small, 100, 150));
    }

    @Test
    void aBlobLargerThanTheChunkMaximumIsRefusedBeforeItIsDecompressed() {
        byte[] plain = "y".repeat(5000).getBytes(StandardCharsets.UTF_8);
        ChunkId id = keys.chunkId(plain);
        byte[] sealed = BlobCodec.seal(keys, id, plain, 1);
        assertThatThrownBy(() -> new BlobReader(keys, 4096).open(id, sealed, 0, sealed.length, false))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("limit 4096");
    }

    @Test
    void chunkIdsDependOnTheKey() {
        byte[] data = "same plaintext".getBytes(StandardCharsets.UTF_8);
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThat(keys.chunkId(data)).isNotEqualTo(RepositoryKeys.of(otherKey).chunkId(data));
    }

    @Test
    void manifestRoundTripsAndIsBoundToItsName() {
        ChunkId c = keys.chunkId(new byte[] {1});
        Manifest m = new Manifest(new SnapshotInfo("銀行-a", LocalDate.of(2026, 12, 31)),
                Instant.ofEpochMilli(1_800_000_000_000L),
                List.of(new Manifest.FileEntry("core/主檔.dat", 1, "00".repeat(32), List.of(c))));
        byte[] file = m.encode(keys, "name-1");

        assertThat(Manifest.decode(keys, "name-1", file)).isEqualTo(m);
        assertThatThrownBy(() -> Manifest.decode(keys, "name-2", file)).isInstanceOf(CorruptDataException.class);
    }

    @Test
    void manifestPathsThatLeaveTheTargetAreRejected() {
        for (String bad : List.of("../etc/passwd", "/abs", "a//b", "a/./b", "a\\b", "a/..")) {
            assertThatThrownBy(() -> new Manifest.FileEntry(bad, 0, "00".repeat(32), List.of()))
                    .as(bad).isInstanceOf(CorruptDataException.class);
        }
    }
}
