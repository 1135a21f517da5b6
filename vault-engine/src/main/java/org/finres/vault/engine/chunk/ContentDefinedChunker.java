package org.finres.vault.engine.chunk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * FastCDC (Xia et al., 2016/2020) over a 64-bit gear hash with normalized chunking: below the average size a cut
 * needs two more zero bits than the average implies, above it two fewer, which pulls chunk sizes towards the
 * average without a second pass. Thread-safe and stateless; {@link #open} gives a per-stream reader.
 *
 * <p>Bit {@code i} of the gear hash depends only on the last {@code i + 1} bytes, so the masks test the
 * <em>high</em> bits: those see a 64-byte window, which is what makes a cut a property of the nearby content.
 */
public final class ContentDefinedChunker {

    /** Part of the repository format (FORMAT.md): changing it changes every boundary and defeats deduplication. */
    private static final long[] GEAR = gearTable();

    private final ChunkerParameters parameters;
    private final long maskSmall;
    private final long maskLarge;

    public ContentDefinedChunker(ChunkerParameters parameters) {
        this.parameters = parameters;
        int bits = parameters.averageBits();
        this.maskSmall = highBits(bits + 2);
        this.maskLarge = highBits(bits - 2);
    }

    public ChunkerParameters parameters() {
        return parameters;
    }

    /**
     * Length of the first chunk of {@code data[offset, offset + length)}. The caller must pass at least
     * {@code max} bytes unless the stream ends within them, or the cut would depend on how the stream was read.
     */
    public int cutPoint(byte[] data, int offset, int length) {
        int min = parameters.min();
        if (length <= min) {
            return length;
        }
        int normal = Math.min(parameters.avg(), length);
        int end = Math.min(parameters.max(), length);
        long hash = 0;
        int i = min;
        for (; i < normal; i++) {
            hash = (hash << 1) + GEAR[data[offset + i] & 0xff];
            if ((hash & maskSmall) == 0) {
                return i + 1;
            }
        }
        for (; i < end; i++) {
            hash = (hash << 1) + GEAR[data[offset + i] & 0xff];
            if ((hash & maskLarge) == 0) {
                return i + 1;
            }
        }
        return end;
    }

    /** A reader of the chunks of one stream; it holds at most two maximum-size chunks of the stream in memory. */
    public ChunkStream open(InputStream in) {
        return new ChunkStream(in);
    }

    /** Chunks of one input stream, in order; not thread-safe. */
    public final class ChunkStream {
        private final InputStream in;
        private final byte[] buffer = new byte[2 * parameters.max()];
        private int start;
        private int end;
        private boolean eof;

        private ChunkStream(InputStream in) {
            this.in = in;
        }

        /** The next chunk (a fresh array the caller owns), or null at the end of the stream. */
        public byte[] next() throws IOException {
            fill();
            if (end == start) {
                return null;
            }
            int cut = cutPoint(buffer, start, end - start);
            byte[] chunk = Arrays.copyOfRange(buffer, start, start + cut);
            start += cut;
            return chunk;
        }

        private void fill() throws IOException {
            int max = parameters.max();
            if (eof || end - start >= max) {
                return;
            }
            // Compacting only when less than one maximum chunk of room is left copies each byte at most once more.
            if (buffer.length - start < max) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            while (end - start < max) {
                int n = in.read(buffer, end, buffer.length - end);
                if (n < 0) {
                    eof = true;
                    return;
                }
                end += n;
            }
        }
    }

    private static long highBits(int count) {
        return count <= 0 ? 0 : -1L << (64 - count);
    }

    /** gear[i] = the first 8 bytes (big-endian) of SHA-256("finres-vault gear" || i), fixed by FORMAT.md. */
    private static long[] gearTable() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] label = "finres-vault gear".getBytes(StandardCharsets.US_ASCII);
            long[] table = new long[256];
            for (int i = 0; i < 256; i++) {
                sha.update(label);
                sha.update((byte) i);
                byte[] d = sha.digest();
                long v = 0;
                for (int b = 0; b < 8; b++) {
                    v = (v << 8) | (d[b] & 0xff);
                }
                table[i] = v;
            }
            return table;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
