package org.finres.vault.engine;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.finres.vault.engine.format.RepositoryKeys;

/**
 * The data key wrapped under a 256-bit key-encryption key the caller holds (from an HSM, a KMS or a key file):
 * {@code nonce(12) || AES-256-GCM(kek, dataKey, aad = "finres-vault/v1/key" || context) || tag(16)}.
 */
public final class AesGcmKeyWrapping implements KeyWrapping {

    public static final String ALGORITHM = "AES-256-GCM-KW/v1";
    private static final byte[] LABEL = "finres-vault/v1/key".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final SecretKeySpec kek;

    public AesGcmKeyWrapping(byte[] keyEncryptionKey) {
        if (keyEncryptionKey.length != 32) {
            throw new IllegalArgumentException("a key-encryption key has 32 bytes, not " + keyEncryptionKey.length);
        }
        this.kek = new SecretKeySpec(keyEncryptionKey.clone(), "AES");
    }

    @Override
    public String algorithm() {
        return ALGORITHM;
    }

    @Override
    public byte[] wrap(byte[] dataKey, byte[] context) {
        byte[] nonce = new byte[12];
        RepositoryKeys.random().nextBytes(nonce);
        try {
            Cipher c = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] sealed = c.doFinal(dataKey);
            byte[] out = Arrays.copyOf(nonce, 12 + sealed.length);
            System.arraycopy(sealed, 0, out, 12, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    @Override
    public byte[] unwrap(byte[] wrapped, byte[] context) {
        if (wrapped.length < 12 + 16) {
            throw new WrongKeyException("wrapped key of " + wrapped.length + " bytes is too short");
        }
        try {
            Cipher c = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(wrapped, 12), context);
            return c.doFinal(wrapped, 12, wrapped.length - 12);
        } catch (AEADBadTagException e) {
            throw new WrongKeyException("the key-encryption key does not unwrap this key (wrong key, or damaged key file)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, byte[] context) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, kek, new GCMParameterSpec(128, nonce));
        c.updateAAD(LABEL);
        c.updateAAD(context);
        return c;
    }
}
