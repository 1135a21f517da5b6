package org.finres.vault.engine.signing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.MLDSAParameters;
import org.bouncycastle.crypto.params.MLDSAPublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.MLDSASigner;
import org.finres.vault.engine.SignatureRefusedException;

/**
 * The public half of a {@link SigningKeyPair}: an Ed25519 key (32 bytes, RFC 8032) and, optionally, an ML-DSA-65
 * key (1,952 bytes, FIPS 204). Encoded as {@code "FRSP" 0x01 | flags u8 (bit 0: ML-DSA-65) | ed25519 32 |
 * [ml-dsa-65 1952]} and named by the SHA-256 of that encoding. A key with both parts accepts only signatures with
 * both parts, each valid: a signature stripped of its post-quantum part is refused, not downgraded.
 */
public record SigningPublicKey(byte[] ed25519, byte[] mlDsa65) {

    static final byte[] MAGIC = "FRSP\u0001".getBytes(StandardCharsets.US_ASCII);
    static final int ED25519_LENGTH = 32;
    static final int MLDSA65_LENGTH = 1952;

    public SigningPublicKey {
        if (ed25519 == null || ed25519.length != ED25519_LENGTH) {
            throw new SignatureRefusedException("an Ed25519 public key has 32 bytes");
        }
        if (mlDsa65 != null && mlDsa65.length != MLDSA65_LENGTH) {
            throw new SignatureRefusedException("an ML-DSA-65 public key has 1952 bytes, not " + mlDsa65.length);
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

    public static SigningPublicKey decode(byte[] encoded) {
        SignatureEncoding in = new SignatureEncoding(encoded, MAGIC, "signing public key");
        int flags = in.u8();
        if ((flags & ~1) != 0) {
            throw new SignatureRefusedException("signing public key has unknown flags " + flags);
        }
        byte[] ed = in.bytes(ED25519_LENGTH, "the Ed25519 key");
        byte[] ml = (flags & 1) != 0 ? in.bytes(MLDSA65_LENGTH, "the ML-DSA-65 key") : null;
        in.end();
        return new SigningPublicKey(ed, ml);
    }

    public byte[] fingerprint() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(encode());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public String fingerprintHex() {
        return HexFormat.of().formatHex(fingerprint());
    }

    /**
     * Whether {@code signature} signs {@code message} under {@code context} with every part this key has. False for
     * a wrong signature, another context, or a signature whose parts do not match this key's (missing or extra).
     */
    public boolean verifies(String context, byte[] message, VaultSignature signature) {
        if (signature.hasMlDsa65() != hasMlDsa65()) {
            return false;
        }
        byte[] signed = SigningKeyPair.domainSeparated(context, message);
        Ed25519Signer ed = new Ed25519Signer();
        ed.init(false, new Ed25519PublicKeyParameters(ed25519));
        ed.update(signed, 0, signed.length);
        if (!ed.verifySignature(signature.ed25519())) {
            return false;
        }
        if (mlDsa65 == null) {
            return true;
        }
        MLDSASigner ml = new MLDSASigner();
        ml.init(false, new MLDSAPublicKeyParameters(MLDSAParameters.ml_dsa_65, mlDsa65));
        ml.update(signed, 0, signed.length);
        return ml.verifySignature(signature.mlDsa65());
    }

    /** Like {@link #verifies} but throws, naming the context and this key, when the signature does not verify. */
    public void verify(String context, byte[] message, VaultSignature signature) {
        if (!verifies(context, message, signature)) {
            throw new SignatureRefusedException("the " + context + " signature does not verify under signing key "
                    + fingerprintHex() + (signature.hasMlDsa65() != hasMlDsa65()
                            ? " (the signature has " + (signature.hasMlDsa65() ? "an" : "no")
                                    + " ML-DSA-65 part, the key " + (hasMlDsa65() ? "has one" : "has none") + ")"
                            : " (changed bytes, another context, or another key)"));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigningPublicKey k && Arrays.equals(ed25519, k.ed25519) && Arrays.equals(mlDsa65, k.mlDsa65);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ed25519) * 31 + Arrays.hashCode(mlDsa65);
    }

    @Override
    public String toString() {
        return "SigningPublicKey[" + fingerprintHex().substring(0, 16) + (mlDsa65 == null ? ", Ed25519]"
                : ", Ed25519 + ML-DSA-65]");
    }
}
