package org.finres.detection.internal.indicator;

import java.util.List;

/**
 * Canonical names (domains, URLs or e-mail addresses, all ASCII once canonical) as 64-bit fingerprints plus their
 * characters packed one byte each in a single array, which every probe compares, so a fingerprint collision can
 * never produce a false hit. Fingerprints are FNV-1a read from the last character backwards, so that walking a host
 * name right to left yields the fingerprint of each parent domain on the way, with no substring.
 */
final class NameKeys {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final FingerprintTable table;
    private final byte[] characters;
    private final int[] offsets;
    private final IdRuns ids;
    private final boolean foldsCase;

    private NameKeys(FingerprintTable table, byte[] characters, int[] offsets, IdRuns ids, boolean foldsCase) {
        this.table = table;
        this.characters = characters;
        this.offsets = offsets;
        this.ids = ids;
        this.foldsCase = foldsCase;
    }

    /**
     * @param foldsCase whether probes compare ASCII case-insensitively: true for domains and e-mail addresses,
     *                  whose canonical form is lower case; false for URLs, whose path and query keep their case
     */
    static NameKeys build(List<String> values, LongList idOf, boolean foldsCase) {
        int entries = values.size();
        FingerprintTable table = new FingerprintTable(entries);
        int[] representative = new int[entries];
        int[] keyOf = new int[entries];
        int keys = 0;
        long length = 0;
        for (int i = 0; i < entries; i++) {
            String value = values.get(i);
            int key = table.insert(fingerprint(value, 0, value.length(), false), keys,
                    existing -> values.get(representative[existing]).equals(value));
            if (key == keys) {
                representative[keys++] = i;
                length += value.length();
            }
            keyOf[i] = key;
        }
        if (length > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("names total " + length + " characters, more than one array holds");
        }
        byte[] characters = new byte[(int) length];
        int[] offsets = new int[keys + 1];
        int at = 0;
        for (int k = 0; k < keys; k++) {
            String value = values.get(representative[k]);
            offsets[k] = at;
            for (int c = 0; c < value.length(); c++) {
                characters[at++] = (byte) value.charAt(c); // canonical values are ASCII
            }
        }
        offsets[keys] = at;
        return new NameKeys(table, characters, offsets, IdRuns.group(keyOf, idOf, entries, keys), foldsCase);
    }

    static long start() {
        return FNV_OFFSET;
    }

    static long step(long state, char c) {
        return (state ^ c) * FNV_PRIME;
    }

    static long finish(long state) {
        return FingerprintTable.mix(state);
    }

    static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** The fingerprint of {@code s[from, to)}, ASCII-lower-cased first if {@code fold}. */
    static long fingerprint(CharSequence s, int from, int to, boolean fold) {
        long state = start();
        for (int i = to - 1; i >= from; i--) {
            state = step(state, fold ? fold(s.charAt(i)) : s.charAt(i));
        }
        return finish(state);
    }

    /** The key equal to {@code s[from, to)} (case-folded if this set folds case), or -1. */
    int find(long fingerprint, CharSequence s, int from, int to) {
        for (int slot = table.first(fingerprint); slot >= 0; slot = table.next(fingerprint, slot)) {
            int key = table.key(slot);
            if (equals(key, s, from, to)) {
                return key;
            }
        }
        return -1;
    }

    /** The key equal to the whole of {@code s[from, to)}, or -1. */
    int find(CharSequence s, int from, int to) {
        return find(fingerprint(s, from, to, foldsCase), s, from, to);
    }

    boolean isEmpty() {
        return offsets.length == 1;
    }

    private boolean equals(int key, CharSequence s, int from, int to) {
        int start = offsets[key];
        if (offsets[key + 1] - start != to - from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if ((foldsCase ? fold(c) : c) != (char) characters[start + i - from]) {
                return false;
            }
        }
        return true;
    }

    String text(int key) {
        return new String(characters, offsets[key], offsets[key + 1] - offsets[key],
                java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    IdRuns ids() {
        return ids;
    }

    int keys() {
        return offsets.length - 1;
    }

    long heapBytes() {
        return table.heapBytes() + 16 + characters.length + 16 + 4L * offsets.length + ids.heapBytes();
    }
}
