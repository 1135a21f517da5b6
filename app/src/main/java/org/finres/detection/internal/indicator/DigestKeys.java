package org.finres.detection.internal.indicator;

/**
 * File hashes of one length as their raw bits, {@code width} longs per hash (MD5 2, SHA-1 3 with 32 bits in the
 * last, SHA-256 4): a tenth of the memory of the hex strings, compared exactly. The first 64 bits, already uniformly
 * random, are the fingerprint. Observables are read straight from their hex text, in either case, with no copy.
 */
final class DigestKeys {

    private final int hexDigits;
    private final int width;
    private final FingerprintTable table;
    private final long[] words;
    private final IdRuns ids;

    private DigestKeys(int hexDigits, FingerprintTable table, long[] words, IdRuns ids) {
        this.hexDigits = hexDigits;
        this.width = width(hexDigits);
        this.table = table;
        this.words = words;
        this.ids = ids;
    }

    private static int width(int hexDigits) {
        return (hexDigits + 15) / 16;
    }

    /** Appends the words of the canonical hex value {@code hex} to {@code raw}, as {@link #build} reads them. */
    static void addWords(LongList raw, String hex, int hexDigits) {
        for (int w = 0; w < width(hexDigits); w++) {
            raw.add(word(hex, 0, hexDigits, w));
        }
    }

    /** @param raw the words of each entry in turn, as {@link #addWords} appends them */
    static DigestKeys build(int hexDigits, LongList raw, LongList idOf) {
        int width = width(hexDigits);
        int entries = idOf.size();
        FingerprintTable table = new FingerprintTable(entries);
        int[] representative = new int[entries];
        int[] keyOf = new int[entries];
        int keys = 0;
        for (int i = 0; i < entries; i++) {
            int entry = i;
            int key = table.insert(fingerprint(raw.get(i * width)), keys, existing -> {
                int a = representative[existing] * width;
                for (int w = 0; w < width; w++) {
                    if (raw.get(a + w) != raw.get(entry * width + w)) {
                        return false;
                    }
                }
                return true;
            });
            if (key == keys) {
                representative[keys++] = i;
            }
            keyOf[i] = key;
        }
        long[] words = new long[keys * width];
        for (int k = 0; k < keys; k++) {
            for (int w = 0; w < width; w++) {
                words[k * width + w] = raw.get(representative[k] * width + w);
            }
        }
        return new DigestKeys(hexDigits, table, words, IdRuns.group(keyOf, idOf, entries, keys));
    }

    private static long fingerprint(long firstWord) {
        return firstWord == 0 ? 1 : firstWord;
    }

    /** Word {@code w} of the hex text {@code s[from, from + hexDigits)}; the text is known to be all hex digits. */
    private static long word(CharSequence s, int from, int hexDigits, int w) {
        long value = 0;
        int end = Math.min(from + (w + 1) * 16, from + hexDigits);
        for (int i = from + w * 16; i < end; i++) {
            value = value << 4 | AddressSyntax.hexValue(s.charAt(i));
        }
        return value;
    }

    /** The key equal to the hex digits at {@code s[from, from + hexDigits)}, or -1. */
    int find(CharSequence s, int from) {
        long first = word(s, from, hexDigits, 0);
        long fingerprint = fingerprint(first);
        for (int slot = table.first(fingerprint); slot >= 0; slot = table.next(fingerprint, slot)) {
            int key = table.key(slot);
            boolean equal = words[key * width] == first;
            for (int w = 1; equal && w < width; w++) {
                equal = words[key * width + w] == word(s, from, hexDigits, w);
            }
            if (equal) {
                return key;
            }
        }
        return -1;
    }

    String text(int key) {
        StringBuilder hex = new StringBuilder(hexDigits);
        for (int w = 0; w < width; w++) {
            int digits = Math.min(16, hexDigits - w * 16);
            String word = Long.toHexString(words[key * width + w]);
            hex.append("0".repeat(digits - word.length())).append(word);
        }
        return hex.toString();
    }

    IdRuns ids() {
        return ids;
    }

    int keys() {
        return words.length / width;
    }

    long heapBytes() {
        return table.heapBytes() + 16 + 8L * words.length + ids.heapBytes();
    }
}
