package org.finres.detection.internal.indicator;

import java.util.Arrays;

/**
 * IPv4 networks sorted by (start, prefix length), each with its innermost enclosing network. CIDR blocks never
 * partly overlap, so every network containing an address also contains the last network that starts at or before it
 * (ties going to the narrowest); the answer is that network's chain of enclosing ones from the first that contains
 * the address. One binary search, however many prefix lengths there are, then a short walk.
 */
final class Ipv4Networks {

    /** Entries are numbered in 26 bits of the sort key; 67 million networks is far beyond any feed. */
    private static final int MAX_ENTRIES = 1 << 26;

    private final int[] starts; // the network address with its sign bit flipped, so signed order is unsigned order
    private final byte[] prefixes;
    private final int[] parents;
    private final IdRuns ids;

    private Ipv4Networks(int[] starts, byte[] prefixes, int[] parents, IdRuns ids) {
        this.starts = starts;
        this.prefixes = prefixes;
        this.parents = parents;
        this.ids = ids;
    }

    /** @param networks each entry's network address, shifted left 8, ored with its prefix length */
    static Ipv4Networks build(LongList networks, LongList idOf) {
        int entries = networks.size();
        if (entries >= MAX_ENTRIES) {
            throw new IllegalArgumentException("more than " + MAX_ENTRIES + " IPv4 networks");
        }
        long[] order = new long[entries];
        for (int i = 0; i < entries; i++) {
            long packed = networks.get(i);
            order[i] = ((packed >>> 8) << 32 | (packed & 0xff) << 26 | i) ^ Long.MIN_VALUE;
        }
        Arrays.sort(order);
        int[] starts = new int[entries];
        byte[] prefixes = new byte[entries];
        int[] keyOf = new int[entries];
        int keys = 0;
        long previous = -1;
        for (long sorted : order) {
            long key = sorted ^ Long.MIN_VALUE;
            long network = key >>> 26;
            if (network != previous) {
                starts[keys] = (int) (key >>> 32) ^ Integer.MIN_VALUE;
                prefixes[keys] = (byte) ((key >>> 26) & 0x3f);
                keys++;
                previous = network;
            }
            keyOf[(int) (key & (MAX_ENTRIES - 1))] = keys - 1;
        }
        int[] parents = new int[keys];
        int[] stack = new int[Math.min(keys, 33)];
        int depth = 0;
        Ipv4Networks shape = new Ipv4Networks(starts, prefixes, parents, null);
        for (int k = 0; k < keys; k++) {
            while (depth > 0 && !shape.contains(stack[depth - 1], shape.address(k))) {
                depth--;
            }
            parents[k] = depth == 0 ? -1 : stack[depth - 1];
            stack[depth++] = k;
        }
        return new Ipv4Networks(Arrays.copyOf(starts, keys), Arrays.copyOf(prefixes, keys), parents,
                IdRuns.group(keyOf, idOf, entries, keys));
    }

    /** The narrowest network containing {@code address}, or -1; {@link #parent} then gives every broader one. */
    int innermost(long address) {
        int target = (int) address ^ Integer.MIN_VALUE;
        int low = 0;
        int high = starts.length - 1;
        int last = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (starts[middle] <= target) {
                last = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        for (int key = last; key >= 0; key = parents[key]) {
            if (contains(key, address)) {
                return key;
            }
        }
        return -1;
    }

    int parent(int key) {
        return parents[key];
    }

    private long address(int key) {
        return (starts[key] ^ Integer.MIN_VALUE) & 0xffffffffL;
    }

    private boolean contains(int key, long address) {
        return (address & AddressSyntax.ipv4Mask(prefixes[key])) == address(key);
    }

    String text(int key) {
        return AddressSyntax.ipv4Text(address(key)) + "/" + prefixes[key];
    }

    IdRuns ids() {
        return ids;
    }

    int keys() {
        return starts.length;
    }

    long heapBytes() {
        return 16 + 4L * starts.length + 16 + prefixes.length + 16 + 4L * parents.length + ids.heapBytes();
    }
}
