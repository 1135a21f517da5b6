package org.finres.vault.engine.custody;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.finres.vault.engine.KeyWrapping;
import org.finres.vault.engine.WrongKeyException;

/**
 * The repository's data key in M-of-N escrow: {@link #wrap} splits it with {@link ShamirSharing} and seals share i
 * to custodian i with {@link HybridSeal}; the result is an {@link EscrowKeyFile}. {@link #unwrap} is the restoring
 * institution's: its private key opens M {@link ReleasedShare}s, which combine to the data key. Whoever holds only the
 * repository and its key files (the vault operator) holds nothing that opens: every share is sealed to a custodian.
 *
 * <p>A wrapping made by {@link #forCustodians} can open the key file it made itself, in the same process and only those
 * exact bytes ({@code VaultRepository.init} opens the repository it creates); it never keeps the key anywhere else.
 */
public final class EscrowKeyWrapping implements KeyWrapping {

    public static final String ALGORITHM = "X25519+ML-KEM-768/Shamir-GF256/v1";

    private final int threshold;
    private final List<Custodian> custodians;
    private final CustodianKeyPair recipient;
    private final List<ReleasedShare> released;
    private byte[] madeWrapped;
    private byte[] madeContext;
    private byte[] madeKey;

    private EscrowKeyWrapping(int threshold, List<Custodian> custodians, CustodianKeyPair recipient,
            List<ReleasedShare> released) {
        this.threshold = threshold;
        this.custodians = custodians;
        this.recipient = recipient;
        this.released = released;
    }

    /**
     * For {@code init} (or adding an escrow key file): M of these custodians will be needed to restore.
     *
     * @throws IllegalArgumentException unless 2 <= M <= N <= 255 and the custodians' keys and names are distinct
     */
    public static EscrowKeyWrapping forCustodians(int threshold, List<Custodian> custodians) {
        if (threshold < 2 || threshold > custodians.size() || custodians.size() > 255) {
            throw new IllegalArgumentException("an escrow needs 2 <= M <= N <= 255 custodians, not " + threshold
                    + " of " + custodians.size() + " (M = 1 would let any single custodian restore)");
        }
        Set<String> keys = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Custodian c : custodians) {
            if (!keys.add(c.publicKey().fingerprintHex())) {
                throw new IllegalArgumentException(c.label() + " has the same key as another custodian");
            }
            if (!names.add(c.role() + "/" + c.name())) {
                throw new IllegalArgumentException(c.label() + " is named twice");
            }
        }
        return new EscrowKeyWrapping(threshold, List.copyOf(custodians), null, List.of());
    }

    /** For the restoring institution: its key pair and the shares M custodians released to it. */
    public static EscrowKeyWrapping forRestore(CustodianKeyPair recipient, List<ReleasedShare> released) {
        return new EscrowKeyWrapping(0, List.of(), recipient, List.copyOf(released));
    }

    @Override
    public String algorithm() {
        return ALGORITHM;
    }

    @Override
    public synchronized byte[] wrap(byte[] dataKey, byte[] context) {
        if (custodians.isEmpty()) {
            throw new IllegalStateException("a restore wrapping has no custodians to wrap a key for");
        }
        if (context.length > 255) {
            throw new IllegalArgumentException("a wrapping context has at most 255 bytes, not " + context.length);
        }
        List<ShamirSharing.Share> shares = ShamirSharing.split(dataKey, threshold, custodians.size());
        byte[] splitId = shares.getFirst().splitId();
        List<byte[]> commitments = shares.stream().map(ShamirSharing.Share::commitment).toList();
        EscrowKeyFile unsealed = new EscrowKeyFile(context, splitId, threshold, custodians, commitments,
                custodians.stream().map(c -> new byte[0]).toList());
        List<byte[]> sealed = new ArrayList<>();
        for (int i = 0; i < custodians.size(); i++) {
            byte[] share = shares.get(i).encode();
            sealed.add(HybridSeal.seal(custodians.get(i).publicKey(), unsealed.shareAad(i), share));
            Arrays.fill(share, (byte) 0);
        }
        byte[] wrapped = new EscrowKeyFile(context, splitId, threshold, custodians, commitments, sealed).encode();
        madeWrapped = wrapped.clone();
        madeContext = context.clone();
        madeKey = dataKey.clone();
        return wrapped;
    }

    @Override
    public synchronized byte[] unwrap(byte[] wrapped, byte[] context) throws WrongKeyException {
        if (madeWrapped != null && Arrays.equals(madeWrapped, wrapped) && Arrays.equals(madeContext, context)) {
            return madeKey.clone();
        }
        EscrowKeyFile file = EscrowKeyFile.decode(wrapped);
        String repository = HexFormat.of().formatHex(context);
        if (!Arrays.equals(file.context(), context)) {
            throw new CustodyRefusedException(CustodyRefusedException.Reason.OTHER_REPOSITORY, "the escrow key file "
                    + "belongs to repository " + file.repositoryHex() + ", not " + repository);
        }
        if (recipient == null) {
            throw insufficient(file, Map.of());
        }
        byte[] fileHash = CustodianPublicKey.sha256(wrapped);
        byte[] me = recipient.publicKey().fingerprint();
        Map<Integer, ShamirSharing.Share> shares = new LinkedHashMap<>();
        for (ReleasedShare r : released) {
            if (!Arrays.equals(r.context(), context)) {
                throw new CustodyRefusedException(CustodyRefusedException.Reason.OTHER_REPOSITORY, "the released "
                        + "share of " + r.label() + " is for repository " + r.repositoryHex() + ", not " + repository);
            }
            if (!Arrays.equals(r.keyFileHash(), fileHash)) {
                throw new CustodyRefusedException(CustodyRefusedException.Reason.OTHER_KEY_FILE, "the released share"
                        + " of " + r.label() + " was released from an escrow key file with SHA-256 "
                        + HexFormat.of().formatHex(r.keyFileHash()) + ", this one has " + HexFormat.of()
                        .formatHex(fileHash) + " (the key file was changed after the release, or it is another one)");
            }
            int i = r.custodianIndex() - 1;
            if (i >= file.total() || !Arrays.equals(file.custodians().get(i).publicKey().fingerprint(),
                    r.custodianFingerprint()) || file.custodians().get(i).role() != r.role()
                    || !file.custodians().get(i).name().equals(r.custodianName())) {
                throw new CustodyRefusedException(CustodyRefusedException.Reason.UNKNOWN_CUSTODIAN, "the released "
                        + "share names custodian " + r.custodianIndex() + " " + r.label() + " with key "
                        + r.custodianFingerprintHex() + ", which the escrow key file does not have");
            }
            if (!Arrays.equals(r.recipientFingerprint(), me)) {
                throw new CustodyRefusedException(CustodyRefusedException.Reason.OTHER_RECIPIENT, "the share of "
                        + r.label() + " was released to key " + r.recipientFingerprintHex() + ", not to this key "
                        + recipient.publicKey().fingerprintHex());
            }
            if (shares.containsKey(i)) {
                throw new CustodyRefusedException(CustodyRefusedException.Reason.DUPLICATE_CUSTODIAN, "two released"
                        + " shares come from " + r.label() + "; each custodian approves once");
            }
            byte[] encoded = r.open(recipient);
            if (!MessageDigest.isEqual(CustodianPublicKey.sha256(encoded), file.commitments().get(i))) {
                throw CustodyRefusedException.tampered("the released share of " + r.label()
                        + " is not the share the escrow key file committed to");
            }
            shares.put(i, ShamirSharing.Share.decode(encoded));
        }
        if (shares.size() < file.threshold()) {
            throw insufficient(file, shares);
        }
        return ShamirSharing.combine(new ArrayList<>(shares.values()));
    }

    private static CustodyRefusedException insufficient(EscrowKeyFile file, Map<Integer, ?> have) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < file.total(); i++) {
            if (!have.containsKey(i)) {
                missing.add(file.custodians().get(i).label());
            }
        }
        return new CustodyRefusedException(CustodyRefusedException.Reason.INSUFFICIENT_APPROVALS, have.size()
                + " of the " + file.threshold() + " required custodian approvals: missing " + String.join(", ",
                missing) + " (" + file.threshold() + " of " + file.total() + " must release their share)");
    }
}
