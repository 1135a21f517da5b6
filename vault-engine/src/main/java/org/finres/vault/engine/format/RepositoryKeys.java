package org.finres.vault.engine.format;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.finres.vault.engine.ChunkId;
import org.finres.vault.engine.KeyWrapping;
import org.finres.vault.engine.SnapshotId;
import org.finres.vault.engine.SnapshotInfo;

/**
 * The keys derived from a repository's 32-byte data key, one per purpose, so that no key is used for two jobs:
 * {@code K_x = HMAC-SHA-256(dataKey, "finres-vault/v1/" + x)}. Thread-safe.
 */
public final class RepositoryKeys {

    public static final int DATA_KEY_BYTES = 32;
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;
    /** Bytes a sealed value adds to its plaintext. */
    public static final int OVERHEAD = NONCE_BYTES + TAG_BYTES;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Kept only to wrap it for another key file (key rotation); never returned. */
    private final byte[] dataKey;
    private final SecretKeySpec encryption;
    private final SecretKeySpec chunkIds;
    private final SecretKeySpec snapshotNames;
    private final SecretKeySpec config;
    private final ThreadLocal<Mac> chunkMac;
    /** One cipher object per thread, re-initialised with a fresh nonce for every value. */
    private final ThreadLocal<Cipher> gcm;

    private RepositoryKeys(byte[] dataKey) {
        this.dataKey = dataKey.clone();
        this.encryption = new SecretKeySpec(derive(dataKey, "encryption"), "AES");
        this.chunkIds = new SecretKeySpec(derive(dataKey, "chunk-id"), "HmacSHA256");
        this.snapshotNames = new SecretKeySpec(derive(dataKey, "snapshot-name"), "HmacSHA256");
        this.config = new SecretKeySpec(derive(dataKey, "config"), "HmacSHA256");
        this.chunkMac = ThreadLocal.withInitial(() -> mac(chunkIds));
        this.gcm = ThreadLocal.withInitial(RepositoryKeys::newGcm);
    }

    public static RepositoryKeys of(byte[] dataKey) {
        if (dataKey.length != DATA_KEY_BYTES) {
            throw new CorruptDataException("a data key has 32 bytes, this one " + dataKey.length);
        }
        return new RepositoryKeys(dataKey);
    }

    public static byte[] newDataKey() {
        byte[] key = new byte[DATA_KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    public static SecureRandom random() {
        return RANDOM;
    }

    /** The data key wrapped by {@code wrapping} for a new key file (the raw key itself never leaves this object). */
    public byte[] wrapDataKey(KeyWrapping wrapping, byte[] context) {
        return wrapping.wrap(dataKey.clone(), context);
    }

    /** Whether {@code candidate} is this repository's data key (constant time). */
    public boolean isDataKey(byte[] candidate) {
        return java.security.MessageDigest.isEqual(dataKey, candidate);
    }

    public ChunkId chunkId(byte[] plaintext) {
        return chunkId(plaintext, 0, plaintext.length);
    }

    public ChunkId chunkId(byte[] plaintext, int offset, int length) {
        Mac mac = chunkMac.get();
        mac.update(plaintext, offset, length);
        return ChunkId.of(mac.doFinal());
    }

    public SnapshotId snapshotId(SnapshotInfo info) {
        Mac mac = mac(snapshotNames);
        mac.update((info.institution() + "\n" + info.businessDate()).getBytes(StandardCharsets.UTF_8));
        return new SnapshotId(java.util.HexFormat.of().formatHex(mac.doFinal()));
    }

    public byte[] configMac(byte[] text) {
        return mac(config).doFinal(text);
    }

    /** nonce || AES-256-GCM(plaintext, aad) || tag, with a fresh random 96-bit nonce. */
    public byte[] seal(byte[] aad, byte[] plaintext) {
        return seal(aad, plaintext, 0, plaintext.length);
    }

    /** {@link #seal(byte[], byte[])} of {@code plaintext[offset, offset + length)}, without copying it first. */
    public byte[] seal(byte[] aad, byte[] plaintext, int offset, int length) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = gcm.get();
            c.init(Cipher.ENCRYPT_MODE, encryption, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            c.updateAAD(aad);
            byte[] out = new byte[NONCE_BYTES + length + TAG_BYTES];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            c.doFinal(plaintext, offset, length, out, NONCE_BYTES);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** Opens what {@link #seal} made under the same aad; anything else is a {@link CorruptDataException}. */
    public byte[] open(byte[] aad, byte[] sealed, int offset, int length) {
        if (length < OVERHEAD) {
            throw new CorruptDataException("sealed data of " + length + " bytes is shorter than nonce and tag");
        }
        byte[] out = new byte[length - OVERHEAD];
        open(aad, sealed, offset, length, out);
        return out;
    }

    /**
     * Opens {@code sealed[offset, offset + length)} into {@code out} (at least {@code length - OVERHEAD} bytes,
     * reused by the caller, so the restore loop allocates nothing per chunk); returns the plaintext's length. GCM
     * checks the tag before it releases any plaintext, so {@code out} holds nothing unauthenticated on success.
     */
    public int open(byte[] aad, byte[] sealed, int offset, int length, byte[] out) {
        if (length < OVERHEAD) {
            throw new CorruptDataException("sealed data of " + length + " bytes is shorter than nonce and tag");
        }
        try {
            Cipher c = gcm.get();
            c.init(Cipher.DECRYPT_MODE, encryption, new GCMParameterSpec(TAG_BYTES * 8, sealed, offset, NONCE_BYTES));
            c.updateAAD(aad);
            return c.doFinal(sealed, offset + NONCE_BYTES, length - NONCE_BYTES, out, 0);
        } catch (AEADBadTagException e) {
            throw new CorruptDataException("authentication failed (damaged, moved, or written under another key)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    private static byte[] derive(byte[] dataKey, String purpose) {
        Mac mac = mac(new SecretKeySpec(dataKey, "HmacSHA256"));
        return mac.doFinal(("finres-vault/v1/" + purpose).getBytes(StandardCharsets.US_ASCII));
    }

    private static Cipher newGcm() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    private static Mac mac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every JDK", e);
        }
    }
}
