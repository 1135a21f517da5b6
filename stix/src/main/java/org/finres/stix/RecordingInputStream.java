package org.finres.stix;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Remembers the bytes read through it from a moving mark, so that the exact text of an object can be cut out by
 * the parser's byte offsets while the parser reads ahead. Discarding up to the end of each finished object keeps a
 * streaming read of a huge bundle at the size of one object plus the parser's buffer.
 */
final class RecordingInputStream extends InputStream {

    private final InputStream in;
    private byte[] buffer = new byte[16 * 1024];
    private long base;   // absolute offset of buffer[0]
    private int length;  // valid bytes in buffer

    RecordingInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) append(new byte[] {(byte) b}, 0, 1);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) append(b, off, n);
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Absolute offset just past the last byte read. */
    long end() {
        return base + length;
    }

    byte[] slice(long from, long to) {
        if (from < base || to > end() || from > to)
            throw new IllegalStateException("slice " + from + ".." + to + " outside " + base + ".." + end());
        return Arrays.copyOfRange(buffer, (int) (from - base), (int) (to - base));
    }

    void discardBefore(long offset) {
        int drop = (int) Math.min(Math.max(0, offset - base), length);
        System.arraycopy(buffer, drop, buffer, 0, length - drop);
        length -= drop;
        base += drop;
    }

    private void append(byte[] b, int off, int n) {
        if (length + n > buffer.length) buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + n));
        System.arraycopy(b, off, buffer, length, n);
        length += n;
    }
}
