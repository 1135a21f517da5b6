package org.finres.vault.engine.format;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.finres.vault.engine.ChunkId;

/**
 * Blobs as a restore or verify reads them, with one reader reusing its buffers across inputs: arbitrary bytes, and
 * arbitrary flag-and-payload bytes sealed under the right key and id (so the zstd frame checks behind the
 * authentication are reached), are opened or rejected with {@link CorruptDataException} only; whatever opens never
 * exceeds the chunk maximum and, when the id is recomputed, hashes to it.
 */
class BlobReaderFuzzTest {

    private static final int MAX = 64 << 10;
    private static final ChunkId ID = FuzzKeys.KEYS.chunkId(new byte[] {7});
    private static final BlobReader READER = new BlobReader(FuzzKeys.KEYS, MAX);

    @FuzzTest(maxDuration = "30s")
    void opensOrRejectsWithOurExceptionOnly(FuzzedDataProvider data) {
        boolean seal = data.consumeBoolean();
        boolean recompute = data.consumeBoolean();
        int lead = data.consumeInt(0, 16);
        byte[] bytes = data.consumeRemainingAsBytes();
        byte[] blob = seal ? FuzzKeys.KEYS.seal(BlobCodec.aad(ID), bytes) : bytes;
        byte[] buffer = READER.sealedBuffer(lead + blob.length);
        Arrays.fill(buffer, 0, lead, (byte) 0x55);
        System.arraycopy(blob, 0, buffer, lead, blob.length);
        try {
            int n = READER.open(ID, buffer, lead, blob.length, recompute);
            if (n < 0 || n > MAX) {
                throw new IllegalStateException("opened a chunk of " + n + " bytes (maximum " + MAX + ")");
            }
            if (recompute && !FuzzKeys.KEYS.chunkId(READER.plaintext(), 0, n).equals(ID)) {
                throw new IllegalStateException("accepted a plaintext that does not hash to its id");
            }
        } catch (CorruptDataException expected) {
            // the documented outcome
        }
    }
}
