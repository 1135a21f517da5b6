package org.finres.vault.engine.signing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.finres.vault.engine.SignatureRefusedException;

/**
 * A signature by a {@link SigningKeyPair}: always Ed25519 (64 bytes), and ML-DSA-65 (3,309 bytes) when the key has
 * that part. Encoded as {@code "FRSG" 0x01 | flags u8 (bit 0: ML-DSA-65) | ed25519 64 | [ml-dsa-65 3309]}.
 */
public record VaultSignature(byte[] ed25519, byte[] mlDsa65) {

    static final byte[] MAGIC = "FRSG\u0001".getBytes(StandardCharsets.US_ASCII);
    static final int ED25519_LENGTH = 64;
    static final int MLDSA65_LENGTH = 3309;

    public VaultSignature {
        if (ed25519 == null || ed25519.length != ED25519_LENGTH) {
            throw new SignatureRefusedException("an Ed25519 signature has 64 bytes");
        }
        if (mlDsa65 != null && mlDsa65.length != MLDSA65_LENGTH) {
            throw new SignatureRefusedException("an ML-DSA-65 signature has 3309 bytes, not "
                    + mlDsa65.length);
        }
        ed25519 = ed25519.clone();
        mlDsa65 = mlDsa65 == null ? null : mlDsa65.clone();
    }

    @Override
    public byte[] ed25519() {
        return ed25519.clone();
    }

    @Override
    public byte[] mlDsa65() {
        return mlDsa65 == null ? null : mlDsa65.clone();
    }

    public boolean hasMlDsa65() {
        return mlDsa65 != null;
    }

    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 1 + ED25519_LENGTH + (mlDsa65 == null ? 0 : MLDSA65_LENGTH));
        out.put(MAGIC).put((byte) (mlDsa65 == null ? 0 : 1)).put(ed25519);
        if (mlDsa65 != null) {
            out.put(mlDsa65);
        }
        return out.array();
    }

    public static VaultSignature decode(byte[] encoded) {
        SignatureEncoding in = new SignatureEncoding(encoded, MAGIC, "vault signature");
        int flags = in.u8();
        if ((flags & ~1) != 0) {
            throw new SignatureRefusedException("vault signature has unknown flags " + flags);
        }
        byte[] ed = in.bytes(ED25519_LENGTH, "the Ed25519 signature");
        byte[] ml = (flags & 1) != 0 ? in.bytes(MLDSA65_LENGTH, "the ML-DSA-65 signature") : null;
        in.end();
        return new VaultSignature(ed, ml);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VaultSignature s && Arrays.equals(ed25519, s.ed25519)
                && Arrays.equals(mlDsa65, s.mlDsa65);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ed25519) * 31 + Arrays.hashCode(mlDsa65);
    }

    @Override
    public String toString() {
        return "VaultSignature[Ed25519" + (mlDsa65 == null ? "" : " + ML-DSA-65") + "]";
    }
}
