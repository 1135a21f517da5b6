package org.finres.detection.internal.indicator;

import java.util.Arrays;

/** A growing column of longs while an index is built, so a million keys cost 8 bytes each rather than a boxed Long. */
final class LongList {

    private long[] values = new long[16];
    private int size;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = value;
    }

    long get(int index) {
        return values[index];
    }

    int size() {
        return size;
    }
}
