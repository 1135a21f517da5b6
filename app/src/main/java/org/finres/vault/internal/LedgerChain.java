package org.finres.vault.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * How a ledger entry is hashed: every field length-prefixed (so no two entries serialise alike), the signed bytes
 * exactly as stored, and the previous entry's hash, which makes the chain.
 */
public final class LedgerChain {

    public static final String GENESIS = "0".repeat(64);
    private static final String VERSION = "finres-vault-ledger-v1";

    private LedgerChain() {
    }

    /** PostgreSQL keeps microseconds; hashing that precision keeps stored and recomputed hashes equal. */
    public static Instant storedPrecision(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static String hash(long sequence, String institution, Instant receivedAt, byte[] signerKey,
                              byte[] signedBytes, byte[] signature, String previousHash) {
        MessageDigest sha = sha256();
        field(sha, VERSION.getBytes(StandardCharsets.UTF_8));
        field(sha, Long.toString(sequence).getBytes(StandardCharsets.UTF_8));
        field(sha, institution.getBytes(StandardCharsets.UTF_8));
        Instant at = storedPrecision(receivedAt);
        field(sha, (at.getEpochSecond() + "." + at.getNano()).getBytes(StandardCharsets.UTF_8));
        field(sha, signerKey);
        field(sha, signedBytes);
        field(sha, signature);
        field(sha, previousHash.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void field(MessageDigest sha, byte[] value) {
        sha.update(ByteBuffer.allocate(4).putInt(value.length).array());
        sha.update(value);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
