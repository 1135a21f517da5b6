package org.finres.vault.engine.format;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Index files from a tampered repository: read or rejected with {@link CorruptDataException} only. */
class IndexFileFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void readsOrRejectsWithOurExceptionOnly(FuzzedDataProvider data) {
        boolean sealBody = data.consumeBoolean();
        byte[] bytes = data.consumeRemainingAsBytes();
        byte[] file = sealBody ? SealedFile.seal(FuzzKeys.KEYS, IndexFile.MAGIC, "fuzz", bytes) : bytes;
        try {
            IndexFile index = IndexFile.decode(FuzzKeys.KEYS, "fuzz", file);
            // what was read must encode and read back to the same
            byte[] again = index.encode(FuzzKeys.KEYS, "fuzz");
            if (!IndexFile.decode(FuzzKeys.KEYS, "fuzz", again).equals(index)) {
                throw new IllegalStateException("index file does not survive a round trip");
            }
        } catch (CorruptDataException expected) {
            // the documented outcome
        }
    }
}
