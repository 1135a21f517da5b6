package org.finres.detection.internal.indicator;

import java.util.function.IntPredicate;

/**
 * Open addressing with linear probing from a 64-bit fingerprint of each distinct key to the key's number. A
 * fingerprint is not proof of equality: callers verify the key itself, so collisions cost a comparison, never a false
 * hit. Slot 0 (fingerprint 0) marks empty, so fingerprints are never 0. A miss usually reads one slot: the load stays
 * between 1/3 and 2/3.
 */
final class FingerprintTable {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long FILTER_MULTIPLIER = 0xC2B2AE3D27D4EB4FL;

    private final long[] fingerprints;
    private final int[] keys;
    private final int mask;
    private final int shift;
    /**
     * A Bloom filter, two bits in one word per key, 16 bits a key: small enough to stay in cache while the table is
     * not, it turns away about 98% of misses (most lookups are misses) without touching the table.
     */
    private final long[] filter;
    private final int filterShift;

    FingerprintTable(int expectedKeys) {
        int capacity = Integer.highestOneBit(Math.max(4, expectedKeys + (expectedKeys >> 1) + 1)) << 1;
        if (capacity < 0) {
            throw new IllegalArgumentException("too many keys: " + expectedKeys);
        }
        fingerprints = new long[capacity];
        keys = new int[capacity];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        int words = Integer.highestOneBit(Math.max(1, expectedKeys / 4)) << 1;
        filter = new long[words];
        filterShift = 64 - Integer.numberOfTrailingZeros(words);
    }

    /**
     * Adds key number {@code candidate} under {@code fingerprint} unless a key equal to it (per {@code sameKey}) is
     * already there; returns the number of the key now in the table.
     */
    int insert(long fingerprint, int candidate, IntPredicate sameKey) {
        int slot = slot(fingerprint);
        long found;
        while ((found = fingerprints[slot]) != 0) {
            if (found == fingerprint && sameKey.test(keys[slot])) {
                return keys[slot];
            }
            slot = (slot + 1) & mask;
        }
        fingerprints[slot] = fingerprint;
        keys[slot] = candidate;
        long g = fingerprint * FILTER_MULTIPLIER;
        filter[filterWord(g)] |= filterBits(g);
        return candidate;
    }

    /** The first slot holding {@code fingerprint}, or -1. */
    int first(long fingerprint) {
        long g = fingerprint * FILTER_MULTIPLIER;
        long bits = filterBits(g);
        if ((filter[filterWord(g)] & bits) != bits) {
            return -1;
        }
        return scan(fingerprint, slot(fingerprint));
    }

    private int filterWord(long g) {
        return filterShift == 64 ? 0 : (int) (g >>> filterShift);
    }

    private static long filterBits(long g) {
        return 1L << (g >>> 20) | 1L << (g >>> 26);
    }

    /** The next slot after {@code slot} holding {@code fingerprint}, or -1. */
    int next(long fingerprint, int slot) {
        return scan(fingerprint, (slot + 1) & mask);
    }

    int key(int slot) {
        return keys[slot];
    }

    long heapBytes() {
        return 16 + 8L * fingerprints.length + 16 + 4L * keys.length + 16 + 8L * filter.length;
    }

    private int scan(long fingerprint, int slot) {
        long found;
        while ((found = fingerprints[slot]) != 0) {
            if (found == fingerprint) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private int slot(long fingerprint) {
        return (int) ((fingerprint * GOLDEN) >>> shift);
    }

    /** Murmur3's finaliser, a bijection that spreads every input bit over all 64; 0 (its only zero) becomes 1. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
