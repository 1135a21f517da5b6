package org.finres.vault.engine.chunk;

/**
 * Sizes of a content-defined chunker. The average must be a power of two (it fixes the number of mask bits); the
 * bounds are hard: no chunk but the last of a stream is shorter than {@code min}, none is longer than {@code max}.
 */
public record ChunkerParameters(int min, int avg, int max) {

    /** Hard upper bound, so that a chunk and its compressed copy always fit comfortably in a Java array. */
    public static final int LARGEST_MAX = 64 << 20;

    /** The production sizes: large chunks keep the index small for terabyte-scale core-banking dumps. */
    public static final ChunkerParameters DEFAULT = new ChunkerParameters(512 << 10, 1 << 20, 8 << 20);

    public ChunkerParameters {
        if (Integer.bitCount(avg) != 1 || avg < 256) {
            throw new IllegalArgumentException("average chunk size must be a power of two >= 256: " + avg);
        }
        if (min < 64 || min >= avg || max <= avg || max > LARGEST_MAX) {
            throw new IllegalArgumentException("chunk sizes must satisfy 64 <= min < avg < max <= " + LARGEST_MAX
                    + ": " + min + "/" + avg + "/" + max);
        }
    }

    int averageBits() {
        return Integer.numberOfTrailingZeros(avg);
    }
}
