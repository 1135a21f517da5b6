package org.finres.vault.engine.signing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.MLDSAParameters;
import org.bouncycastle.crypto.params.MLDSAPrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.MLDSASigner;
import org.finres.vault.engine.SignatureRefusedException;
import org.finres.vault.engine.WrongKeyException;
import org.finres.vault.engine.custody.CustodianKeyPair.Argon2id;

/**
 * A signing key pair: Ed25519 and, optionally, ML-DSA-65, both derived from 32-byte seeds. Every message is signed
 * under a context label ({@code "finres-sign/v1/" + context + 0x00 + message}), so a signature made for a manifest
 * can never pass as an attestation's. Stored only encrypted under a passphrase ({@link #encrypt}):
 * <pre>"FRSK" 0x01 | kdf 0x01 (Argon2id v1.3) | memoryKiB u32 | iterations u32 | parallelism u8 | salt 16
 * | public key u32 length + encoding | nonce 12 | AES-256-GCM(argon2id(passphrase), ed25519 seed 32 | [ml-dsa seed 32])
 * | tag 16</pre>
 * with every byte before the nonce as the AAD, so neither the public key nor the KDF cost can be swapped.
 */
public final class SigningKeyPair {

    static final byte[] MAGIC = "FRSK\u0001".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AAD_LABEL = "finres-sign/v1/private-key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SIGN_LABEL = "finres-sign/v1/".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Ed25519PrivateKeyParameters ed25519;
    private final MLDSAPrivateKeyParameters mlDsa65;
    private final SigningPublicKey publicKey;

    private SigningKeyPair(byte[] edSeed, byte[] mlSeed) {
        this.ed25519 = new Ed25519PrivateKeyParameters(edSeed);
        this.mlDsa65 = mlSeed == null ? null : new MLDSAPrivateKeyParameters(MLDSAParameters.ml_dsa_65, mlSeed);
        this.publicKey = new SigningPublicKey(ed25519.generatePublicKey().getEncoded(),
                mlDsa65 == null ? null : mlDsa65.getPublicKeyParameters().getEncoded());
    }

    /** A fresh key pair; {@code withMlDsa65} adds the post-quantum part (signatures grow from 64 to 3,373 bytes). */
    public static SigningKeyPair generate(boolean withMlDsa65) {
        byte[] ed = new byte[32];
        RANDOM.nextBytes(ed);
        byte[] ml = null;
        if (withMlDsa65) {
            ml = new byte[32];
            RANDOM.nextBytes(ml);
        }
        return new SigningKeyPair(ed, ml);
    }

    public SigningPublicKey publicKey() {
        return publicKey;
    }

    public VaultSignature sign(String context, byte[] message) {
        byte[] signed = domainSeparated(context, message);
        Ed25519Signer ed = new Ed25519Signer();
        ed.init(true, ed25519);
        ed.update(signed, 0, signed.length);
        byte[] edSig = ed.generateSignature();
        if (mlDsa65 == null) {
            return new VaultSignature(edSig, null);
        }
        MLDSASigner ml = new MLDSASigner();
        ml.init(true, mlDsa65);
        ml.update(signed, 0, signed.length);
        try {
            return new VaultSignature(edSig, ml.generateSignature());
        } catch (CryptoException e) {
            throw new IllegalStateException("ML-DSA-65 signing failed", e);
        }
    }

    static byte[] domainSeparated(String context, byte[] message) {
        if (context == null || context.isEmpty() || context.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a signing context is a non-empty label without NUL characters");
        }
        byte[] c = context.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(SIGN_LABEL.length + c.length + 1 + message.length).put(SIGN_LABEL).put(c)
                .put((byte) 0).put(message).array();
    }

    public byte[] encrypt(char[] passphrase) {
        return encrypt(passphrase, Argon2id.DEFAULT);
    }

    /** The private key file, encrypted under {@code passphrase} with Argon2id at {@code cost}. */
    public byte[] encrypt(char[] passphrase, Argon2id cost) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] header = header(cost, salt, publicKey.encode());
        byte[] secret = mlDsa65 == null ? ed25519.getEncoded()
                : ByteBuffer.allocate(64).put(ed25519.getEncoded()).put(mlDsa65.getSeed()).array();
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        byte[] key = cost.derive(passphrase, salt);
        try {
            byte[] sealed = gcm(Cipher.ENCRYPT_MODE, key, nonce, aad(header), secret);
            return ByteBuffer.allocate(header.length + 12 + sealed.length).put(header).put(nonce).put(sealed).array();
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("encryption cannot fail authentication", e);
        } finally {
            Arrays.fill(secret, (byte) 0);
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Opens a private key file.
     *
     * @throws SignatureRefusedException when the file is not a well-formed signing key file
     * @throws WrongKeyException when the passphrase does not open it (or the sealed part was changed)
     */
    public static SigningKeyPair decrypt(byte[] file, char[] passphrase) {
        SignatureEncoding in = new SignatureEncoding(file, MAGIC, "signing private key file");
        int kdf = in.u8();
        if (kdf != 1) {
            throw new SignatureRefusedException("signing private key file names key derivation " + kdf
                    + "; version 1 knows only 1 (Argon2id)");
        }
        Argon2id cost;
        int memory = in.u32(1024 * 1024);
        int iterations = in.u32(64);
        int parallelism = in.u8();
        try {
            cost = new Argon2id(memory, iterations, parallelism);
        } catch (WrongKeyException e) {
            throw new SignatureRefusedException("signing private key file: " + e.getMessage());
        }
        byte[] salt = in.bytes(16, "the salt");
        byte[] pubEncoding = in.bytes(in.u32(SigningPublicKey.MAGIC.length + 1 + 32 + 1952), "the public key");
        SigningPublicKey pub = SigningPublicKey.decode(pubEncoding);
        byte[] nonce = in.bytes(12, "the nonce");
        int secretLength = pub.hasMlDsa65() ? 64 : 32;
        byte[] sealed = in.bytes(secretLength + 16, "the sealed private key");
        in.end();
        byte[] key = cost.derive(passphrase, salt);
        byte[] secret;
        try {
            secret = gcm(Cipher.DECRYPT_MODE, key, nonce, aad(header(cost, salt, pubEncoding)), sealed);
        } catch (AEADBadTagException e) {
            throw new WrongKeyException("the passphrase does not unlock the signing key " + pub.fingerprintHex()
                    + " (wrong passphrase, or the file was changed)");
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        SigningKeyPair pair = new SigningKeyPair(Arrays.copyOf(secret, 32),
                pub.hasMlDsa65() ? Arrays.copyOfRange(secret, 32, 64) : null);
        Arrays.fill(secret, (byte) 0);
        if (!pair.publicKey.equals(pub)) {
            throw new SignatureRefusedException("the private key inside the signing key file does not belong to "
                    + "its public key " + pub.fingerprintHex());
        }
        return pair;
    }

    /** The public key a private key file declares, read without its passphrase. */
    public static SigningPublicKey publicKeyOf(byte[] file) {
        SignatureEncoding in = new SignatureEncoding(file, MAGIC, "signing private key file");
        in.u8();
        in.u32(Integer.MAX_VALUE);
        in.u32(Integer.MAX_VALUE);
        in.u8();
        in.bytes(16, "the salt");
        return SigningPublicKey.decode(in.bytes(in.u32(SigningPublicKey.MAGIC.length + 1 + 32 + 1952),
                "the public key"));
    }

    private static byte[] header(Argon2id cost, byte[] salt, byte[] pub) {
        return ByteBuffer.allocate(MAGIC.length + 1 + 4 + 4 + 1 + 16 + 4 + pub.length).put(MAGIC).put((byte) 1)
                .putInt(cost.memoryKiB()).putInt(cost.iterations()).put((byte) cost.parallelism()).put(salt)
                .putInt(pub.length).put(pub).array();
    }

    private static byte[] aad(byte[] header) {
        return ByteBuffer.allocate(AAD_LABEL.length + header.length).put(AAD_LABEL).put(header).array();
    }

    private static byte[] gcm(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input) throws AEADBadTagException {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(aad);
            return c.doFinal(input);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is part of every JDK", e);
        }
    }
}
