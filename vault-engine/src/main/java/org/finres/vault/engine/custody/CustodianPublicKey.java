package org.finres.vault.engine.custody;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A custodian's public key: an X25519 key (32 bytes, RFC 7748) and an ML-KEM-768 encapsulation key (1184 bytes,
 * FIPS 203). Encoded {@code "FRCP" 0x01 | x25519 32 | mlkem768 1184}; the fingerprint is SHA-256 of that encoding.
 */
public record CustodianPublicKey(byte[] x25519, byte[] mlKem768) {

    static final byte[] MAGIC = "FRCP\u0001".getBytes(StandardCharsets.US_ASCII);
    static final int X25519_LENGTH = 32;
    static final int MLKEM768_LENGTH = 1184;
    public static final int ENCODED_LENGTH = 5 + X25519_LENGTH + MLKEM768_LENGTH;

    public CustodianPublicKey {
        if (x25519.length != X25519_LENGTH || mlKem768.length != MLKEM768_LENGTH) {
            throw CustodyRefusedException.malformed("a custodian public key has a 32-byte X25519 and a 1184-byte "
                    + "ML-KEM-768 key, not " + x25519.length + " and " + mlKem768.length);
        }
        x25519 = x25519.clone();
        mlKem768 = mlKem768.clone();
    }

    @Override
    public byte[] x25519() {
        return x25519.clone();
    }

    @Override
    public byte[] mlKem768() {
        return mlKem768.clone();
    }

    public byte[] encode() {
        return ByteBuffer.allocate(ENCODED_LENGTH).put(MAGIC).put(x25519).put(mlKem768).array();
    }

    public static CustodianPublicKey decode(byte[] encoded) {
        CustodyReader in = new CustodyReader(encoded, MAGIC, "custodian public key");
        CustodianPublicKey key = new CustodianPublicKey(in.bytes(X25519_LENGTH), in.bytes(MLKEM768_LENGTH));
        in.end();
        return key;
    }

    /** SHA-256 of {@link #encode()}: the name of the key in key files, released shares and the audit trail. */
    public byte[] fingerprint() {
        return sha256(encode());
    }

    public String fingerprintHex() {
        return HexFormat.of().formatHex(fingerprint());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustodianPublicKey k && Arrays.equals(x25519, k.x25519)
                && Arrays.equals(mlKem768, k.mlKem768);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(x25519) * 31 + Arrays.hashCode(mlKem768);
    }

    @Override
    public String toString() {
        return "CustodianPublicKey[" + fingerprintHex() + "]";
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                d.update(p);
            }
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
