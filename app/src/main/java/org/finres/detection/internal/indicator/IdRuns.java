package org.finres.detection.internal.indicator;

/**
 * The indicator ids of each distinct key, grouped by key number: several indicators may share a value (two sources
 * reporting the same domain), and each must be sighted. When no value is shared, key {@code k}'s only id is
 * {@code ids[k]} and the run table is left out.
 */
final class IdRuns {

    private final long[] ids;
    private final int[] starts; // null when every key has exactly one id

    private IdRuns(long[] ids, int[] starts) {
        this.ids = ids;
        this.starts = starts;
    }

    /** Groups {@code idOf[i]} by {@code keyOf[i]} for {@code i < entries}, keeping insertion order within a key. */
    static IdRuns group(int[] keyOf, LongList idOf, int entries, int keys) {
        long[] ids = new long[entries];
        if (entries == keys) {
            for (int i = 0; i < entries; i++) {
                ids[keyOf[i]] = idOf.get(i);
            }
            return new IdRuns(ids, null);
        }
        int[] starts = new int[keys + 1];
        for (int i = 0; i < entries; i++) {
            starts[keyOf[i] + 1]++;
        }
        for (int k = 0; k < keys; k++) {
            starts[k + 1] += starts[k];
        }
        int[] fill = new int[keys];
        for (int i = 0; i < entries; i++) {
            int k = keyOf[i];
            ids[starts[k] + fill[k]++] = idOf.get(i);
        }
        return new IdRuns(ids, starts);
    }

    int start(int key) {
        return starts == null ? key : starts[key];
    }

    int end(int key) {
        return starts == null ? key + 1 : starts[key + 1];
    }

    long id(int position) {
        return ids[position];
    }

    long heapBytes() {
        return 16 + 8L * ids.length + (starts == null ? 0 : 16 + 4L * starts.length);
    }
}
