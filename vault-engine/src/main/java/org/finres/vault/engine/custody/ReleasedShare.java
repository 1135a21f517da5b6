package org.finres.vault.engine.custody;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A custodian's approval of a restore: its escrow share, opened with its private key and sealed again to the
 * recipient (the restoring institution). Self-describing:
 * <pre>"FRRS" 0x01 | context u8 length | key-file SHA-256 32 | custodian index u8 (1..N) | role u8
 * | name u16 length UTF-8 | custodian fingerprint 32 | recipient fingerprint 32
 * | sealed u32 length + HybridSeal(recipient, aad = "finres-custody/v1/released-share" || every byte before,
 *   Shamir share)</pre>
 * The outer fields are readable by anyone (the hub shows and audits them); they are authenticated when the recipient
 * opens the seal, and the share inside is checked against its commitment in the key file.
 */
public record ReleasedShare(byte[] context, byte[] keyFileHash, int custodianIndex, CustodianRole role,
        String custodianName, byte[] custodianFingerprint, byte[] recipientFingerprint, byte[] sealedShare) {

    static final byte[] MAGIC = "FRRS\u0001".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LABEL = "finres-custody/v1/released-share".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_SEAL = HybridSeal.OVERHEAD + 512;

    public ReleasedShare {
        context = context.clone();
        keyFileHash = keyFileHash.clone();
        custodianFingerprint = custodianFingerprint.clone();
        recipientFingerprint = recipientFingerprint.clone();
        sealedShare = sealedShare.clone();
    }

    /**
     * Custodian {@code custodian} releases its share of {@code keyFile} to {@code recipient}.
     *
     * @throws CustodyRefusedException UNKNOWN_CUSTODIAN when the key is none of the file's custodians, TAMPERED when
     *     its sealed share does not open or fails its commitment
     */
    public static ReleasedShare release(EscrowKeyFile keyFile, CustodianKeyPair custodian,
            CustodianPublicKey recipient) {
        int i = keyFile.indexOf(custodian.publicKey().fingerprint());
        if (i < 0) {
            throw new CustodyRefusedException(CustodyRefusedException.Reason.UNKNOWN_CUSTODIAN, "key "
                    + custodian.publicKey().fingerprintHex() + " is none of the custodians of the escrow key file of"
                    + " repository " + keyFile.repositoryHex());
        }
        Custodian c = keyFile.custodians().get(i);
        byte[] share = HybridSeal.open(custodian, keyFile.shareAad(i), keyFile.sealedShares().get(i),
                "the escrow share of " + c.label());
        if (!MessageDigest.isEqual(CustodianPublicKey.sha256(share), keyFile.commitments().get(i))) {
            throw CustodyRefusedException.tampered("the escrow share of " + c.label()
                    + " does not match its commitment in the key file");
        }
        ReleasedShare unsealed = new ReleasedShare(keyFile.context(), keyFile.fileHash(), i + 1, c.role(), c.name(),
                c.publicKey().fingerprint(), recipient.fingerprint(), new byte[0]);
        byte[] sealed = HybridSeal.seal(recipient, unsealed.aad(), share);
        Arrays.fill(share, (byte) 0);
        return new ReleasedShare(keyFile.context(), keyFile.fileHash(), i + 1, c.role(), c.name(),
                c.publicKey().fingerprint(), recipient.fingerprint(), sealed);
    }

    /** The recipient opens the share; the caller has already matched the outer fields to the key file. */
    byte[] open(CustodianKeyPair recipient) {
        return HybridSeal.open(recipient, aad(), sealedShare, "the released share of " + label());
    }

    public String label() {
        return role + " '" + custodianName + "'";
    }

    public String custodianFingerprintHex() {
        return HexFormat.of().formatHex(custodianFingerprint);
    }

    public String recipientFingerprintHex() {
        return HexFormat.of().formatHex(recipientFingerprint);
    }

    public String repositoryHex() {
        return HexFormat.of().formatHex(context);
    }

    private byte[] outer() {
        byte[] name = custodianName.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(MAGIC.length + 1 + context.length + 32 + 1 + 1 + 2 + name.length + 32 + 32)
                .put(MAGIC).put((byte) context.length).put(context).put(keyFileHash).put((byte) custodianIndex)
                .put(role.code()).putShort((short) name.length).put(name).put(custodianFingerprint)
                .put(recipientFingerprint).array();
    }

    private byte[] aad() {
        byte[] outer = outer();
        return ByteBuffer.allocate(LABEL.length + outer.length).put(LABEL).put(outer).array();
    }

    public byte[] encode() {
        byte[] outer = outer();
        return ByteBuffer.allocate(outer.length + 4 + sealedShare.length).put(outer).putInt(sealedShare.length)
                .put(sealedShare).array();
    }

    public static ReleasedShare decode(byte[] blob) {
        CustodyReader in = new CustodyReader(blob, MAGIC, "released share");
        byte[] context = in.bytes(in.u8());
        byte[] hash = in.bytes(32);
        int index = in.u8();
        if (index < 1) {
            throw CustodyRefusedException.malformed("released share names custodian 0; they count from 1");
        }
        CustodianRole role = CustodianRole.of(in.u8(), "released share");
        String name = in.utf8(in.u16());
        byte[] custodian = in.bytes(32);
        byte[] recipient = in.bytes(32);
        byte[] sealed = in.bytes(in.u32(MAX_SEAL));
        in.end();
        return new ReleasedShare(context, hash, index, role, name, custodian, recipient, sealed);
    }
}
