package org.finres.vault.engine;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** The shared arithmetic of 32-byte identifiers held as four longs (compact, and value equality for free). */
final class Id256 {

    private Id256() {
    }

    static long[] parse(byte[] bytes, String what) {
        if (bytes.length != 32) {
            throw new IllegalArgumentException(what + " must be 32 bytes, not " + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new long[] {b.getLong(), b.getLong(), b.getLong(), b.getLong()};
    }

    static long[] parseHex(String hex, String what) {
        if (hex == null || hex.length() != 64) {
            throw new IllegalArgumentException(what + " must be 64 hex digits: " + hex);
        }
        try {
            return parse(HexFormat.of().parseHex(hex), what);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " must be 64 hex digits: " + hex, e);
        }
    }

    static byte[] bytes(long a, long b, long c, long d) {
        return ByteBuffer.allocate(32).putLong(a).putLong(b).putLong(c).putLong(d).array();
    }

    static String hex(long a, long b, long c, long d) {
        HexFormat f = HexFormat.of();
        return f.toHexDigits(a) + f.toHexDigits(b) + f.toHexDigits(c) + f.toHexDigits(d);
    }
}
