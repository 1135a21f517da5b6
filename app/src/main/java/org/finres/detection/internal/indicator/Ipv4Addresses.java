package org.finres.detection.internal.indicator;

/**
 * Single IPv4 addresses: the address itself (with bit 32 set, as 0 marks an empty slot) is the fingerprint, so it is
 * exact and there is nothing else to store or compare.
 */
final class Ipv4Addresses {

    private final FingerprintTable table;
    private final IdRuns ids;
    private final int keys;

    private Ipv4Addresses(FingerprintTable table, IdRuns ids, int keys) {
        this.table = table;
        this.ids = ids;
        this.keys = keys;
    }

    static Ipv4Addresses build(LongList addresses, LongList idOf) {
        int entries = addresses.size();
        FingerprintTable table = new FingerprintTable(entries);
        int[] keyOf = new int[entries];
        int keys = 0;
        for (int i = 0; i < entries; i++) {
            int key = table.insert(fingerprint(addresses.get(i)), keys, existing -> true);
            if (key == keys) {
                keys++;
            }
            keyOf[i] = key;
        }
        return new Ipv4Addresses(table, IdRuns.group(keyOf, idOf, entries, keys), keys);
    }

    private static long fingerprint(long address) {
        return address | 1L << 32;
    }

    /** The key of {@code address}, or -1. */
    int find(long address) {
        int slot = table.first(fingerprint(address));
        return slot < 0 ? -1 : table.key(slot);
    }

    IdRuns ids() {
        return ids;
    }

    int keys() {
        return keys;
    }

    long heapBytes() {
        return table.heapBytes() + ids.heapBytes();
    }
}
