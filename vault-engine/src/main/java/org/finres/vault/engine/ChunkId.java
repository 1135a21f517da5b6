package org.finres.vault.engine;

/**
 * A chunk's id: HMAC-SHA-256 of its plaintext under the repository's id key, so equal data of two institutions
 * (two repositories) gets unrelated ids and nobody holding the packs can test whether a known file is inside.
 */
public record ChunkId(long a, long b, long c, long d) {

    public static ChunkId of(byte[] bytes) {
        long[] v = Id256.parse(bytes, "chunk id");
        return new ChunkId(v[0], v[1], v[2], v[3]);
    }

    public static ChunkId parse(String hex) {
        long[] v = Id256.parseHex(hex, "chunk id");
        return new ChunkId(v[0], v[1], v[2], v[3]);
    }

    public byte[] bytes() {
        return Id256.bytes(a, b, c, d);
    }

    public String hex() {
        return Id256.hex(a, b, c, d);
    }

    /** The first 12 hex digits: enough to name a chunk in a message. */
    public String shortHex() {
        return hex().substring(0, 12);
    }

    @Override
    public String toString() {
        return hex();
    }
}
