package org.finres.vault.engine.attestation;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.finres.vault.engine.MalformedAttestationException;
import org.finres.vault.engine.SignatureRefusedException;

/**
 * Signed attestations as a client could post them to the hub: arbitrary text, or a valid one with characters
 * changed. Parsing either succeeds or fails with {@link MalformedAttestationException}; whatever parses and still
 * verifies under the true key must carry exactly the true attestation.
 */
class SignedAttestationFuzzTest {

    private static final SignedAttestation VALID = SignedAttestation.sign(SignedAttestationTests.attestation(),
            SignedAttestationTests.KEY);
    private static final String JSON = VALID.toJson();

    @FuzzTest(maxDuration = "30s")
    void parsesOrRefusesWithOurExceptionOnly(FuzzedDataProvider data) {
        String text;
        if (data.consumeBoolean()) {
            StringBuilder b = new StringBuilder(JSON);
            int changes = data.consumeInt(1, 4);
            for (int i = 0; i < changes && b.length() > 0; i++) {
                int at = data.consumeInt(0, b.length() - 1);
                switch (data.consumeInt(0, 2)) {
                    case 0 -> b.setCharAt(at, data.consumeChar());
                    case 1 -> b.deleteCharAt(at);
                    default -> b.insert(at, data.consumeChar());
                }
            }
            text = b.toString();
        } else {
            text = data.consumeRemainingAsString();
        }
        SignedAttestation parsed;
        try {
            parsed = SignedAttestation.parse(text);
        } catch (MalformedAttestationException expected) {
            return;
        }
        boolean verifies;
        try {
            verifies = parsed.verifies();
        } catch (SignatureRefusedException expected) {
            return;
        }
        if (verifies && parsed.signer().equals(VALID.signer()) && !parsed.attestation().equals(VALID.attestation())) {
            throw new AssertionError("a changed attestation verified under the true key: " + text);
        }
    }
}
