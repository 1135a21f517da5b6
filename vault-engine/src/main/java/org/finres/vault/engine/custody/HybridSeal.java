package org.finres.vault.engine.custody;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * Hybrid public-key sealing to a custodian: an ephemeral X25519 agreement and an ML-KEM-768 encapsulation, both
 * secrets combined by HKDF-SHA-256 (with both ciphertexts and both public keys in the info) into an AES-256-GCM key.
 * The seal holds as long as either X25519 or ML-KEM-768 holds (ADR 014).
 * <pre>"FRHS" 0x01 | ephemeral X25519 32 | ML-KEM ciphertext 1088 | nonce 12 | AES-256-GCM(key, p, aad) | tag 16</pre>
 */
public final class HybridSeal {

    static final byte[] MAGIC = "FRHS\u0001".getBytes(StandardCharsets.US_ASCII);
    static final int MLKEM_CIPHERTEXT = 1088;
    static final int OVERHEAD = MAGIC.length + 32 + MLKEM_CIPHERTEXT + 12 + 16;
    private static final byte[] SALT = "finres-custody/v1/hybrid-seal/x25519+mlkem768"
            .getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private HybridSeal() {
    }

    public static byte[] seal(CustodianPublicKey recipient, byte[] aad, byte[] plaintext) {
        X25519PrivateKeyParameters ephemeral = new X25519PrivateKeyParameters(RANDOM);
        byte[] ephemeralPublic = ephemeral.generatePublicKey().getEncoded();
        byte[] xSecret = new byte[32];
        ephemeral.generateSecret(new X25519PublicKeyParameters(recipient.x25519()), xSecret, 0);
        SecretWithEncapsulation kem = new MLKEMGenerator(RANDOM).generateEncapsulated(
                new MLKEMPublicKeyParameters(MLKEMParameters.ml_kem_768, recipient.mlKem768()));
        byte[] mlCiphertext = kem.getEncapsulation();
        byte[] key = combine(kem.getSecret(), xSecret, ephemeralPublic, mlCiphertext, recipient);
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        byte[] sealed = gcm(Cipher.ENCRYPT_MODE, key, nonce, aad, plaintext, 0, plaintext.length);
        return ByteBuffer.allocate(MAGIC.length + 32 + MLKEM_CIPHERTEXT + 12 + sealed.length).put(MAGIC)
                .put(ephemeralPublic).put(mlCiphertext).put(nonce).put(sealed).array();
    }

    /** @throws CustodyRefusedException TAMPERED when the bytes were not sealed to this key with this aad */
    public static byte[] open(CustodianKeyPair recipient, byte[] aad, byte[] sealed, String what) {
        if (sealed.length < OVERHEAD || !Arrays.equals(sealed, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw CustodyRefusedException.malformed(what + " is not a version 1 hybrid seal (" + sealed.length
                    + " bytes)");
        }
        int at = MAGIC.length;
        byte[] ephemeralPublic = Arrays.copyOfRange(sealed, at, at + 32);
        at += 32;
        byte[] mlCiphertext = Arrays.copyOfRange(sealed, at, at + MLKEM_CIPHERTEXT);
        at += MLKEM_CIPHERTEXT;
        byte[] nonce = Arrays.copyOfRange(sealed, at, at + 12);
        at += 12;
        byte[] xSecret = new byte[32];
        recipient.x25519Private().generateSecret(new X25519PublicKeyParameters(ephemeralPublic), xSecret, 0);
        // ML-KEM decapsulation never fails: a wrong ciphertext yields an implicit-rejection secret and GCM refuses.
        byte[] mlSecret = new MLKEMExtractor(recipient.mlKemPrivate()).extractSecret(mlCiphertext);
        byte[] key = combine(mlSecret, xSecret, ephemeralPublic, mlCiphertext, recipient.publicKey());
        try {
            return gcm(Cipher.DECRYPT_MODE, key, nonce, aad, sealed, at, sealed.length - at);
        } catch (SealRefused e) {
            throw CustodyRefusedException.tampered(what + " does not open with key " + recipient.publicKey()
                    .fingerprintHex() + " (sealed to another key, bound to something else, or changed)");
        }
    }

    /**
     * HKDF-SHA-256, ikm = ML-KEM secret || X25519 secret, info = label || both ciphertexts || both public keys: the
     * output is a PRF of both secrets, so one broken KEM leaves the other's secret protecting the key, and every
     * public value is bound so that no ciphertext or key can be swapped.
     */
    private static byte[] combine(byte[] mlSecret, byte[] xSecret, byte[] ephemeralPublic, byte[] mlCiphertext,
            CustodianPublicKey recipient) {
        if (MessageDigest.isEqual(xSecret, new byte[32])) {
            // A low-order point gives an all-zero secret; refuse instead of sealing with half the hybrid.
            throw CustodyRefusedException.tampered("X25519 agreement gave the all-zero secret (a low-order point)");
        }
        byte[] ikm = ByteBuffer.allocate(64).put(mlSecret).put(xSecret).array();
        byte[] info = ByteBuffer.allocate(SALT.length + 32 + MLKEM_CIPHERTEXT + 32 + CustodianPublicKey.MLKEM768_LENGTH)
                .put(SALT).put(ephemeralPublic).put(mlCiphertext).put(recipient.x25519()).put(recipient.mlKem768())
                .array();
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(ikm, SALT, info));
        byte[] key = new byte[32];
        hkdf.generateBytes(key, 0, 32);
        Arrays.fill(ikm, (byte) 0);
        return key;
    }

    static byte[] gcm(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] in, int offset, int length) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(aad);
            return c.doFinal(in, offset, length);
        } catch (AEADBadTagException e) {
            throw new SealRefused();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** GCM refused the tag; each caller turns it into a message naming what did not open. */
    static final class SealRefused extends RuntimeException {
        SealRefused() {
            super(null, null, false, false);
        }
    }
}
