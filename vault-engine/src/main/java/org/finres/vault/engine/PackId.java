package org.finres.vault.engine;

import java.security.SecureRandom;

/** A pack file's id (random, 32 bytes): its file name under {@code packs/} and part of its header's AAD. */
public record PackId(long a, long b, long c, long d) {

    public static PackId random(SecureRandom random) {
        return new PackId(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
    }

    public static PackId of(byte[] bytes) {
        long[] v = Id256.parse(bytes, "pack id");
        return new PackId(v[0], v[1], v[2], v[3]);
    }

    public static PackId parse(String hex) {
        long[] v = Id256.parseHex(hex, "pack id");
        return new PackId(v[0], v[1], v[2], v[3]);
    }

    public byte[] bytes() {
        return Id256.bytes(a, b, c, d);
    }

    public String hex() {
        return Id256.hex(a, b, c, d);
    }

    @Override
    public String toString() {
        return hex();
    }
}
