package org.finres.resilience.drill.evidence;

/** The answer to "is this evidence authentic, from this key?": valid, or the first thing found wrong. */
public sealed interface EvidenceVerification {

    boolean valid();

    /** A sentence for a person: what was checked and what failed. */
    String describe();

    /** The chain holds, the signer is the expected key and the signature covers every byte of the content. */
    record Valid(String signerFingerprint) implements EvidenceVerification {
        @Override
        public boolean valid() {
            return true;
        }

        @Override
        public String describe() {
            return "evidence verifies: hash chain intact, signed by " + signerFingerprint;
        }
    }

    /** The timeline's hash chain breaks at entry {@code seq} (its position in the list). */
    record BrokenLink(long seq, String reason) implements EvidenceVerification {
        @Override
        public boolean valid() {
            return false;
        }

        @Override
        public String describe() {
            return "timeline broken at entry " + seq + ": " + reason;
        }
    }

    /** The evidence names a signer other than the key it was checked against. */
    record WrongSigner(String expectedFingerprint, String foundFingerprint) implements EvidenceVerification {
        @Override
        public boolean valid() {
            return false;
        }

        @Override
        public String describe() {
            return "evidence is signed by key " + foundFingerprint + ", not by the expected key "
                    + expectedFingerprint;
        }
    }

    /** The chain holds and the signer is right, but the signature does not cover these bytes. */
    record BadSignature(String reason) implements EvidenceVerification {
        @Override
        public boolean valid() {
            return false;
        }

        @Override
        public String describe() {
            return "the evidence signature does not verify: " + reason;
        }
    }
}
