package org.finres.resilience.drill.evidence;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Arbitrary bytes parse as evidence or fail with {@link MalformedEvidenceException} only; evidence that parses
 * writes back to the same canonical content, and verification answers without throwing.
 */
class DrillEvidenceFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parsesOrRejectsWithOurExceptionOnly(FuzzedDataProvider data) {
        byte[] input = data.consumeRemainingAsBytes();
        DrillEvidence e;
        try {
            e = DrillEvidence.parse(input);
        } catch (MalformedEvidenceException rejected) {
            if (rejected.getMessage() == null || rejected.getMessage().isBlank()) {
                throw new IllegalStateException("a rejection without a message", rejected);
            }
            return;
        }
        DrillEvidence back = DrillEvidence.parse(e.toJson());
        if (!java.util.Arrays.equals(back.content().canonicalJson(), e.content().canonicalJson())) {
            throw new IllegalStateException("parsed evidence did not write back to the same content");
        }
        e.verify(e.signer());
    }
}
