package org.finres.attack.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A request body streamed to the bundle reader, refused with 413 once it passes the limit: MITRE's enterprise
 * bundle is some 45 MB, and holding it whole before parsing would double what an import costs in memory.
 */
final class BundleBody extends FilterInputStream {

    /** Four times today's enterprise matrix. */
    static final long LIMIT = 192L * 1024 * 1024;

    private long read;

    BundleBody(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(long n) {
        read += n;
        if (read > LIMIT) {
            throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
                    "the bundle is larger than the limit of " + LIMIT + " bytes");
        }
    }
}
