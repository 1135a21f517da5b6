package org.finres.core;

/**
 * The result of walking the audit chain. When broken, {@code firstBrokenSeq} is the first record whose link
 * does not hold and {@code problem} says how.
 */
public record ChainVerification(boolean intact, long recordsChecked, long headSeq, Long firstBrokenSeq,
                                String problem) {
}
