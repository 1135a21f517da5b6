package org.finres.vault.engine.format;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.finres.vault.engine.PackId;
import org.finres.vault.engine.SnapshotId;

/**
 * Chain links from a tampered repository: read or rejected with {@link CorruptDataException} only, and a link that
 * is read encodes back to exactly the bytes it came from (so the hash the next link records is of what was read).
 */
class ChainLinkFuzzTest {

    private static final byte[] VALID = new ChainLink(new byte[16], 7, new byte[32], new SnapshotId("ab".repeat(32)),
            new byte[32], Instant.parse("2026-12-02T00:00:00Z"), Instant.parse("2033-12-02T00:00:00Z"),
            List.of(new PackId(1, 2, 3, 4), new PackId(5, 6, 7, 8)), new byte[32], new byte[64]).encode();

    @FuzzTest(maxDuration = "30s")
    void readsOrRejectsWithOurExceptionOnly(FuzzedDataProvider data) {
        byte[] bytes;
        if (data.consumeBoolean()) {
            bytes = VALID.clone();
            int changes = data.consumeInt(1, 4);
            for (int i = 0; i < changes; i++) {
                bytes[data.consumeInt(0, bytes.length - 1)] = data.consumeByte();
            }
            if (data.consumeBoolean()) {
                bytes = Arrays.copyOf(bytes, data.consumeInt(0, bytes.length + 8));
            }
        } else {
            bytes = data.consumeRemainingAsBytes();
        }
        try {
            ChainLink link = ChainLink.decode(bytes);
            if (!Arrays.equals(link.encode(), bytes)) {
                throw new IllegalStateException("a link read does not encode back to its bytes");
            }
        } catch (CorruptDataException expected) {
            // the documented outcome
        }
    }
}
