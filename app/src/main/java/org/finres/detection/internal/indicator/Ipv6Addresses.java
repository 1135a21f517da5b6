package org.finres.detection.internal.indicator;

/** Single IPv6 addresses as two longs each, found through a fingerprint of both and compared exactly. */
final class Ipv6Addresses {

    private final FingerprintTable table;
    private final long[] bits; // high, low per key
    private final IdRuns ids;

    private Ipv6Addresses(FingerprintTable table, long[] bits, IdRuns ids) {
        this.table = table;
        this.bits = bits;
        this.ids = ids;
    }

    /** @param raw high and low bits of each entry in turn */
    static Ipv6Addresses build(LongList raw, LongList idOf) {
        int entries = idOf.size();
        FingerprintTable table = new FingerprintTable(entries);
        int[] representative = new int[entries];
        int[] keyOf = new int[entries];
        int keys = 0;
        for (int i = 0; i < entries; i++) {
            long hi = raw.get(2 * i);
            long lo = raw.get(2 * i + 1);
            int key = table.insert(fingerprint(hi, lo), keys, existing -> raw.get(2 * representative[existing]) == hi
                    && raw.get(2 * representative[existing] + 1) == lo);
            if (key == keys) {
                representative[keys++] = i;
            }
            keyOf[i] = key;
        }
        long[] bits = new long[2 * keys];
        for (int k = 0; k < keys; k++) {
            bits[2 * k] = raw.get(2 * representative[k]);
            bits[2 * k + 1] = raw.get(2 * representative[k] + 1);
        }
        return new Ipv6Addresses(table, bits, IdRuns.group(keyOf, idOf, entries, keys));
    }

    private static long fingerprint(long hi, long lo) {
        return FingerprintTable.mix(FingerprintTable.mix(hi) ^ lo);
    }

    /** The key of the address, or -1. */
    int find(long hi, long lo) {
        long fingerprint = fingerprint(hi, lo);
        for (int slot = table.first(fingerprint); slot >= 0; slot = table.next(fingerprint, slot)) {
            int key = table.key(slot);
            if (bits[2 * key] == hi && bits[2 * key + 1] == lo) {
                return key;
            }
        }
        return -1;
    }

    String text(int key) {
        return AddressSyntax.ipv6Text(bits[2 * key], bits[2 * key + 1]);
    }

    IdRuns ids() {
        return ids;
    }

    int keys() {
        return bits.length / 2;
    }

    long heapBytes() {
        return table.heapBytes() + 16 + 8L * bits.length + ids.heapBytes();
    }
}
