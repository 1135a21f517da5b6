package org.finres.vault.engine.custody;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.finres.vault.engine.storage.LocalDirectoryStorage;
import org.finres.vault.engine.storage.ObjectKind;
import org.finres.vault.engine.storage.ObjectName;
import org.finres.vault.engine.storage.RepositoryStorage;
import org.finres.vault.engine.format.CorruptDataException;
import org.finres.vault.engine.format.KeyFile;

/**
 * The wrapped bytes of an escrow key file (the {@code wrapped} field of a {@code keys/} file of algorithm
 * {@value EscrowKeyWrapping#ALGORITHM}):
 * <pre>"FREK" 0x01 | header | sealedCount u8 | (u32 length | hybrid seal) x N
 * header = context u8 length | splitId 16 | M u8 | N u8
 *          | (role u8 | name u16 length UTF-8 | fingerprint 32 | public key u32 length | share commitment 32) x N</pre>
 * Sealed share i is {@code HybridSeal(custodian i, aad = "finres-custody/v1/escrow-share" || SHA-256(header) || i,
 * Shamir share i)}: changing any byte of the header (custodians, M, the repository) makes every share fail to open.
 */
public record EscrowKeyFile(byte[] context, byte[] splitId, int threshold, List<Custodian> custodians,
        List<byte[]> commitments, List<byte[]> sealedShares) {

    static final byte[] MAGIC = "FREK\u0001".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SHARE_LABEL = "finres-custody/v1/escrow-share".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_SEAL = HybridSeal.OVERHEAD + 512;

    public EscrowKeyFile {
        context = context.clone();
        splitId = splitId.clone();
        custodians = List.copyOf(custodians);
        commitments = commitments.stream().map(byte[]::clone).toList();
        sealedShares = sealedShares.stream().map(byte[]::clone).toList();
        if (custodians.size() != commitments.size() || custodians.size() != sealedShares.size()) {
            throw CustodyRefusedException.malformed("escrow key file has " + custodians.size() + " custodians, "
                    + commitments.size() + " commitments and " + sealedShares.size() + " sealed shares");
        }
    }

    @Override
    public byte[] context() {
        return context.clone();
    }

    public int total() {
        return custodians.size();
    }

    /** SHA-256 of the header: what every sealed and released share is bound to. */
    public byte[] headerHash() {
        return CustodianPublicKey.sha256(header());
    }

    /** SHA-256 of the whole encoding (header and sealed shares): the version a released share was made from. */
    public byte[] fileHash() {
        return CustodianPublicKey.sha256(encode());
    }

    public String repositoryHex() {
        return HexFormat.of().formatHex(context);
    }

    /** The custodian whose key has this fingerprint, as its 0-based position, or -1. */
    public int indexOf(byte[] fingerprint) {
        for (int i = 0; i < custodians.size(); i++) {
            if (Arrays.equals(custodians.get(i).publicKey().fingerprint(), fingerprint)) {
                return i;
            }
        }
        return -1;
    }

    byte[] shareAad(int index) {
        return ByteBuffer.allocate(SHARE_LABEL.length + 32 + 1).put(SHARE_LABEL).put(headerHash())
                .put((byte) (index + 1)).array();
    }

    private byte[] header() {
        var out = new java.io.ByteArrayOutputStream();
        out.write(context.length);
        out.writeBytes(context);
        out.writeBytes(splitId);
        out.write(threshold);
        out.write(custodians.size());
        for (int i = 0; i < custodians.size(); i++) {
            Custodian c = custodians.get(i);
            byte[] name = c.name().getBytes(StandardCharsets.UTF_8);
            byte[] pub = c.publicKey().encode();
            out.write(c.role().code());
            out.write(name.length >>> 8);
            out.write(name.length);
            out.writeBytes(name);
            out.writeBytes(c.publicKey().fingerprint());
            out.writeBytes(ByteBuffer.allocate(4).putInt(pub.length).array());
            out.writeBytes(pub);
            out.writeBytes(commitments.get(i));
        }
        return out.toByteArray();
    }

    public byte[] encode() {
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        out.writeBytes(header());
        out.write(sealedShares.size());
        for (byte[] s : sealedShares) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(s.length).array());
            out.writeBytes(s);
        }
        return out.toByteArray();
    }

    public static EscrowKeyFile decode(byte[] wrapped) {
        CustodyReader in = new CustodyReader(wrapped, MAGIC, "escrow key file");
        byte[] context = in.bytes(in.u8());
        byte[] splitId = in.bytes(16);
        int threshold = in.u8();
        int total = in.u8();
        if (threshold < 1 || threshold > total) {
            throw CustodyRefusedException.malformed("escrow key file asks for " + threshold + " of " + total
                    + " custodians");
        }
        List<Custodian> custodians = new ArrayList<>();
        List<byte[]> commitments = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            CustodianRole role = CustodianRole.of(in.u8(), "escrow key file");
            String name = in.utf8(in.u16());
            byte[] fingerprint = in.bytes(32);
            CustodianPublicKey pub = CustodianPublicKey.decode(in.bytes(in.u32(CustodianPublicKey.ENCODED_LENGTH)));
            if (!Arrays.equals(pub.fingerprint(), fingerprint)) {
                throw CustodyRefusedException.tampered("escrow key file: custodian " + (i + 1) + " " + role + " '"
                        + name + "' has a fingerprint that is not its key's");
            }
            Custodian c;
            try {
                c = new Custodian(role, name, pub);
            } catch (IllegalArgumentException e) {
                throw CustodyRefusedException.malformed("escrow key file: custodian " + (i + 1) + ": "
                        + e.getMessage());
            }
            custodians.add(c);
            commitments.add(in.bytes(32));
        }
        int sealedCount = in.u8();
        if (sealedCount != total) {
            throw CustodyRefusedException.malformed("escrow key file names " + total + " custodians but holds "
                    + sealedCount + " sealed shares");
        }
        List<byte[]> sealed = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            sealed.add(in.bytes(in.u32(MAX_SEAL)));
        }
        in.end();
        return new EscrowKeyFile(context, splitId, threshold, custodians, commitments, sealed);
    }

    /**
     * Reads the escrow key file of the repository at {@code root} (the one {@code keys/} file of algorithm
     * {@value EscrowKeyWrapping#ALGORITHM}): what a custodian needs to release its share.
     */
    public static EscrowKeyFile read(Path root) throws IOException {
        return read(new LocalDirectoryStorage(root));
    }

    /** The repository's one escrow key file, wherever the repository is (a folder, an S3 bucket). */
    public static EscrowKeyFile read(RepositoryStorage storage) throws IOException {
        List<byte[]> found = wrappedFiles(storage);
        if (found.size() != 1) {
            throw new IOException(storage.location() + " holds " + found.size() + " escrow key files, not one");
        }
        return decode(found.getFirst());
    }

    /** The wrapped bytes of every escrow key file under {@code keys/}, in name order. */
    static List<byte[]> wrappedFiles(RepositoryStorage storage) throws IOException {
        List<byte[]> found = new ArrayList<>();
        for (String name : storage.list(ObjectKind.KEY)) {
            KeyFile file;
            try {
                file = KeyFile.decode(storage.get(ObjectName.of(ObjectKind.KEY, name)));
            } catch (CorruptDataException e) {
                continue; // another wrapping's damage is not ours to report
            }
            if (file.algorithm().equals(EscrowKeyWrapping.ALGORITHM)) {
                found.add(file.wrapped());
            }
        }
        return found;
    }
}
