package org.finres.vault.engine.signing;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.finres.vault.engine.SignatureRefusedException;

/**
 * Reads the small binary encodings of this package (magic, then fixed-length fields) and refuses every byte out of
 * place with a message naming the structure, so a hostile encoding never surfaces as an index exception.
 */
final class SignatureEncoding {

    private final ByteBuffer in;
    private final String what;

    SignatureEncoding(byte[] encoded, byte[] magic, String what) {
        this.what = what;
        if (encoded == null || encoded.length < magic.length
                || !Arrays.equals(Arrays.copyOf(encoded, magic.length), magic)) {
            throw new SignatureRefusedException("not a " + what + ": it does not start with the "
                    + new String(magic, 0, 4, java.nio.charset.StandardCharsets.US_ASCII) + " version "
                    + magic[4] + " header");
        }
        this.in = ByteBuffer.wrap(encoded, magic.length, encoded.length - magic.length);
    }

    int u8() {
        need(1, "a flag byte");
        return in.get() & 0xff;
    }

    int u32(int max) {
        need(4, "a length");
        int v = in.getInt();
        if (v < 0 || v > max) {
            throw new SignatureRefusedException(what + " declares " + Integer.toUnsignedString(v)
                    + " where at most " + max + " is allowed");
        }
        return v;
    }

    byte[] bytes(int length, String field) {
        need(length, field);
        byte[] b = new byte[length];
        in.get(b);
        return b;
    }

    void end() {
        if (in.hasRemaining()) {
            throw new SignatureRefusedException(what + " has " + in.remaining() + " bytes after its end");
        }
    }

    private void need(int n, String field) {
        if (in.remaining() < n) {
            throw new SignatureRefusedException(what + " is truncated: " + field + " needs " + n + " bytes, "
                    + in.remaining() + " remain");
        }
    }
}
