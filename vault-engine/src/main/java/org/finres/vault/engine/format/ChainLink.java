package org.finres.vault.engine.format;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.finres.vault.engine.PackId;
import org.finres.vault.engine.SnapshotId;

/**
 * One link of a repository's manifest chain ({@code chain/<sequence as 16 hex digits>}), in plaintext so that anyone
 * holding the files and the pinned public key (the hub, the regulator) can check it without the data key:
 * <pre>
 * "FRCL" 0x01 | repositoryId 16 | sequence u64 | previous 32 | snapshotId 32 | manifestSha256 32 | created i64 ms
 * | locked u8 | retainUntil i64 ms | packCount u32 | packId 32 x packCount | signerLength u8 | signer fingerprint
 * | signatureLength u32 | signature
 * </pre>
 * {@code previous} is the SHA-256 of the previous link's bytes (zeros for sequence 1), so each link fixes the whole
 * chain before it, manifests included; the signature covers every byte before {@code signatureLength}. The link is
 * also the snapshot's lock record: the manifest and every pack it names are locked until {@code retainUntil}. Links
 * outlive the manifests prune removes after their lock expires, so the chain stays whole.
 */
public record ChainLink(byte[] repositoryId, long sequence, byte[] previous, SnapshotId snapshot,
        byte[] manifestSha256, Instant created, Instant retainUntil, List<PackId> packs, byte[] signer,
        byte[] signature) {

    public static final String SIGNING_CONTEXT = "manifest-chain/v1";
    private static final byte[] MAGIC = "FRCL\u0001".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_SIGNATURE = 16 << 10;

    public ChainLink {
        packs = List.copyOf(packs);
        if (repositoryId.length != 16 || previous.length != 32 || manifestSha256.length != 32) {
            throw new IllegalArgumentException("repository id 16 bytes, hashes 32 bytes");
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("chain sequences start at 1: " + sequence);
        }
        if (signer != null && signer.length != 32 || signature == null) {
            throw new IllegalArgumentException("a signer fingerprint has 32 bytes; signature is empty when unsigned");
        }
    }

    /** The object name of the link with this sequence. */
    public static String name(long sequence) {
        return HexFormat.of().toHexDigits(sequence);
    }

    public String name() {
        return name(sequence);
    }

    public boolean signed() {
        return signer != null;
    }

    /** The bytes the signature covers: everything before {@code signatureLength}. */
    public byte[] signedBytes() {
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 16 + 8 + 32 + 32 + 32 + 8 + 1 + 8 + 4 + 32 * packs.size()
                + 1 + (signer == null ? 0 : 32));
        b.put(MAGIC).put(repositoryId).putLong(sequence).put(previous).put(HexFormat.of().parseHex(snapshot.value()))
                .put(manifestSha256).putLong(created.toEpochMilli()).put((byte) (retainUntil != null ? 1 : 0))
                .putLong(retainUntil != null ? retainUntil.toEpochMilli() : 0).putInt(packs.size());
        packs.forEach(p -> b.put(p.bytes()));
        b.put((byte) (signer == null ? 0 : 32));
        if (signer != null) {
            b.put(signer);
        }
        return b.array();
    }

    public byte[] encode() {
        byte[] signedPart = signedBytes();
        return ByteBuffer.allocate(signedPart.length + 4 + signature.length).put(signedPart).putInt(signature.length)
                .put(signature).array();
    }

    /** SHA-256 of the encoded link: what the next link records as {@code previous}. */
    public byte[] hash() {
        return sha256(encode());
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** @throws CorruptDataException (or its truncated kind) for anything that is not a well-formed link */
    public static ChainLink decode(byte[] file) {
        if (file.length < MAGIC.length || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new CorruptDataException("not a version 1 chain link (no FRCL 1)");
        }
        BinaryReader in = new BinaryReader(Arrays.copyOfRange(file, MAGIC.length, file.length), "chain link");
        byte[] repositoryId = in.bytes(16);
        long sequence = in.i64();
        byte[] previous = in.bytes(32);
        SnapshotId snapshot = new SnapshotId(HexFormat.of().formatHex(in.bytes(32)));
        byte[] manifest = in.bytes(32);
        long created = in.i64();
        byte locked = in.u8();
        long until = in.i64();
        if (locked != 0 && locked != 1 || locked == 0 && until != 0) {
            throw new CorruptDataException("chain link has a bad lock flag " + locked);
        }
        int count = in.count(32);
        PackId[] packs = new PackId[count];
        for (int i = 0; i < count; i++) {
            packs[i] = in.packId();
        }
        int signerLength = in.u8() & 0xff;
        if (signerLength != 0 && signerLength != 32) {
            throw new CorruptDataException("chain link signer fingerprint of " + signerLength + " bytes");
        }
        byte[] signer = signerLength == 0 ? null : in.bytes(32);
        int signatureLength = in.count(1);
        if (signatureLength > MAX_SIGNATURE || signer == null && signatureLength != 0) {
            throw new CorruptDataException("chain link signature of " + signatureLength + " bytes");
        }
        byte[] signature = in.bytes(signatureLength);
        in.end();
        if (sequence < 1) {
            throw new CorruptDataException("chain link sequence " + sequence);
        }
        Instant createdAt;
        Instant retainUntil;
        try {
            createdAt = Instant.ofEpochMilli(created);
            retainUntil = locked == 1 ? Instant.ofEpochMilli(until) : null;
        } catch (java.time.DateTimeException e) {
            throw new CorruptDataException("chain link has an impossible date", e);
        }
        return new ChainLink(repositoryId, sequence, previous, snapshot, manifest, createdAt, retainUntil,
                List.of(packs), signer, signature);
    }
}
