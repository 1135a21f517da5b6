package org.finres.vault;

import java.time.Instant;

/**
 * The result of walking the attestation ledger. When broken, {@code firstBrokenSequence} is the first entry whose
 * sequence, back-link, hash, signature or indexed copy does not hold, and {@code problem} says which.
 */
public record LedgerVerification(boolean intact, long entriesChecked, long headSequence, Long firstBrokenSequence,
                                 String problem, Instant checkedAt) {
}
