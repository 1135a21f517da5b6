package org.finres.detection.internal.indicator;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * IPv6 networks, organised as {@link Ipv4Networks} (sorted by start and prefix length, each with its innermost
 * enclosing network) with the 128-bit start as two longs compared unsigned.
 */
final class Ipv6Networks {

    private final long[] starts; // high, low per key
    private final byte[] prefixes;
    private final int[] parents;
    private final IdRuns ids;

    private Ipv6Networks(long[] starts, byte[] prefixes, int[] parents, IdRuns ids) {
        this.starts = starts;
        this.prefixes = prefixes;
        this.parents = parents;
        this.ids = ids;
    }

    /** @param raw each entry's high bits, low bits and prefix length in turn */
    static Ipv6Networks build(LongList raw, LongList idOf) {
        int entries = idOf.size();
        Comparator<Integer> byStart = (a, b) -> {
            int c = Long.compareUnsigned(raw.get(3 * a), raw.get(3 * b));
            if (c == 0) {
                c = Long.compareUnsigned(raw.get(3 * a + 1), raw.get(3 * b + 1));
            }
            return c != 0 ? c : Long.compare(raw.get(3 * a + 2), raw.get(3 * b + 2));
        };
        int[] order = IntStream.range(0, entries).boxed().sorted(byStart).mapToInt(Integer::intValue).toArray();
        long[] starts = new long[2 * entries];
        byte[] prefixes = new byte[entries];
        int[] keyOf = new int[entries];
        int keys = 0;
        for (int j = 0; j < entries; j++) {
            int i = order[j];
            if (j == 0 || byStart.compare(order[j - 1], i) != 0) {
                starts[2 * keys] = raw.get(3 * i);
                starts[2 * keys + 1] = raw.get(3 * i + 1);
                prefixes[keys] = (byte) raw.get(3 * i + 2);
                keys++;
            }
            keyOf[i] = keys - 1;
        }
        int[] parents = new int[keys];
        int[] stack = new int[Math.min(keys, 129)];
        int depth = 0;
        Ipv6Networks shape = new Ipv6Networks(starts, prefixes, parents, null);
        for (int k = 0; k < keys; k++) {
            while (depth > 0 && !shape.contains(stack[depth - 1], starts[2 * k], starts[2 * k + 1])) {
                depth--;
            }
            parents[k] = depth == 0 ? -1 : stack[depth - 1];
            stack[depth++] = k;
        }
        return new Ipv6Networks(Arrays.copyOf(starts, 2 * keys), Arrays.copyOf(prefixes, keys), parents,
                IdRuns.group(keyOf, idOf, entries, keys));
    }

    /** The narrowest network containing the address, or -1; {@link #parent} then gives every broader one. */
    int innermost(long hi, long lo) {
        int low = 0;
        int high = prefixes.length - 1;
        int last = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int c = Long.compareUnsigned(starts[2 * middle], hi);
            if (c < 0 || (c == 0 && Long.compareUnsigned(starts[2 * middle + 1], lo) <= 0)) {
                last = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        for (int key = last; key >= 0; key = parents[key]) {
            if (contains(key, hi, lo)) {
                return key;
            }
        }
        return -1;
    }

    int parent(int key) {
        return parents[key];
    }

    boolean isEmpty() {
        return prefixes.length == 0;
    }

    private boolean contains(int key, long hi, long lo) {
        int prefix = prefixes[key];
        return (hi & AddressSyntax.ipv6HighMask(prefix)) == starts[2 * key]
                && (lo & AddressSyntax.ipv6LowMask(prefix)) == starts[2 * key + 1];
    }

    String text(int key) {
        return AddressSyntax.ipv6Text(starts[2 * key], starts[2 * key + 1]) + "/" + prefixes[key];
    }

    IdRuns ids() {
        return ids;
    }

    int keys() {
        return prefixes.length;
    }

    long heapBytes() {
        return 16 + 8L * starts.length + 16 + prefixes.length + 16 + 4L * parents.length + ids.heapBytes();
    }
}
