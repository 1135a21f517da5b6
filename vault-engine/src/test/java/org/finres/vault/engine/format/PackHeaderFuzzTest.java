package org.finres.vault.engine.format;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * A pack's trailer and header, as read from a tampered pack: arbitrary bytes, or arbitrary plaintext sealed under
 * the right key (so the parser behind the authentication is reached), are read or rejected with
 * {@link CorruptDataException} only.
 */
class PackHeaderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void readsOrRejectsWithOurExceptionOnly(FuzzedDataProvider data) {
        boolean sealBody = data.consumeBoolean();
        long packSize = data.consumeLong(0, 1L << 34);
        byte[] bytes = data.consumeRemainingAsBytes();
        try {
            if (bytes.length >= PackHeader.TRAILER_BYTES) {
                PackHeader.headerLength(java.util.Arrays.copyOfRange(bytes, bytes.length - 8, bytes.length), packSize);
            }
        } catch (CorruptDataException expected) {
            // the documented outcome
        }
        byte[] sealed = sealBody ? FuzzKeys.KEYS.seal(PackHeader.aad(FuzzKeys.PACK), bytes) : bytes;
        try {
            PackHeader h = PackHeader.decode(FuzzKeys.KEYS, FuzzKeys.PACK, sealed, packSize);
            for (PackEntry e : h.entries()) {
                if (e.offset() < PackHeader.FILE_MAGIC.length || (long) e.offset() + e.length() > packSize) {
                    throw new IllegalStateException("accepted an entry outside the blob area: " + e);
                }
            }
        } catch (CorruptDataException expected) {
            // the documented outcome
        }
    }
}
