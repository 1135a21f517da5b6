package org.finres.sigma.match;

import java.util.ArrayList;
import java.util.List;

/**
 * A case-insensitive hash table from strings to lists, looked up by a region of a string so the index can probe
 * with an event value (or the file name at its end) without creating a substring or a lower-cased copy.
 */
final class FoldedTable<T> {

    private String[] keys = new String[16];
    private List<T>[] values = newArray(16);
    private int size;
    /** Bit n: some key has length n (n < 64); and the longest key. Most probes miss on length alone, unhashed. */
    private long shortLengths;
    private int longest = -1;

    @SuppressWarnings("unchecked")
    private static <T> List<T>[] newArray(int n) {
        return (List<T>[]) new List[n];
    }

    void add(String foldedKey, T value) {
        int n = foldedKey.length();
        if (n < 64) shortLengths |= 1L << n;
        longest = Math.max(longest, n);
        if (size * 2 >= keys.length) grow();
        int i = slot(foldedKey, 0, foldedKey.length());
        if (keys[i] == null) {
            keys[i] = foldedKey;
            values[i] = new ArrayList<>(2);
            size++;
        }
        // Identity: values are compiled rule variants, whose records would compare deeply.
        for (T v : values[i]) if (v == value) return;
        values[i].add(value);
    }

    /** The list for {@code s[from, to)} compared case-insensitively, or null. */
    List<T> get(String s, int from, int to) {
        int len = to - from;
        if (len < 64 ? (shortLengths & (1L << len)) == 0 : len > longest) return null;
        int i = slot(s, from, to);
        return keys[i] == null ? null : values[i];
    }

    int size() { return size; }

    private int slot(String s, int from, int to) {
        int h = 0;
        for (int k = from; k < to; k++) h = 31 * h + ValueTest.fold(s.charAt(k));
        h ^= h >>> 16;
        int mask = keys.length - 1;
        int i = h & mask;
        int len = to - from;
        while (keys[i] != null) {
            String key = keys[i];
            if (key.length() == len && ValueTest.regionFold(s, from, key)) return i;
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        String[] oldKeys = keys;
        List<T>[] oldValues = values;
        keys = new String[oldKeys.length * 2];
        values = newArray(oldKeys.length * 2);
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] == null) continue;
            int i = slot(oldKeys[j], 0, oldKeys[j].length());
            keys[i] = oldKeys[j];
            values[i] = oldValues[j];
        }
    }
}
