package org.finres.vault.engine.custody;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shamir's M-of-N secret sharing over GF(2^8) (AES polynomial x^8+x^4+x^3+x+1), byte-wise: share {@code x} holds
 * {@code f_j(x)} for one random polynomial of degree M-1 per secret byte, {@code f_j(0)} = byte j. Every share of one
 * split carries the split's random id, M, N and a key check {@code HMAC-SHA-256(secret, label || splitId)}, so a
 * combination of wrong, mixed, duplicate or too few shares fails instead of giving a wrong secret.
 */
public final class ShamirSharing {

    private static final byte[] CHECK_LABEL = "finres-custody/v1/shamir-check".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int[] EXP = new int[510];
    private static final int[] LOG = new int[256];

    static {
        int x = 1;
        for (int i = 0; i < 255; i++) {
            EXP[i] = x;
            EXP[i + 255] = x;
            LOG[x] = i;
            x ^= (x << 1) ^ ((x & 0x80) != 0 ? 0x11b : 0); // multiply by the generator 3
            x &= 0xff;
        }
    }

    private ShamirSharing() {
    }

    /** One share: x = {@code index} (1..N), y = {@code value}, and what identifies its split. */
    public record Share(byte[] splitId, int threshold, int total, int index, byte[] value, byte[] check) {

        static final byte[] MAGIC = "FRSS\u0001".getBytes(StandardCharsets.US_ASCII);

        public Share {
            if (splitId.length != 16 || check.length != 32 || value.length < 1 || value.length > 255) {
                throw CustodyRefusedException.malformed("a share has a 16-byte split id, a 32-byte check and 1..255 "
                        + "value bytes, not " + splitId.length + ", " + check.length + " and " + value.length);
            }
            if (threshold < 1 || threshold > total || total > 255 || index < 1 || index > total) {
                throw CustodyRefusedException.malformed("share " + index + " of a " + threshold + "-of-" + total
                        + " split is out of range");
            }
            splitId = splitId.clone();
            value = value.clone();
            check = check.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public byte[] splitId() {
            return splitId.clone();
        }

        @Override
        public byte[] check() {
            return check.clone();
        }

        /** {@code "FRSS" 0x01 | splitId 16 | M u8 | N u8 | index u8 | length u8 | value | check 32} */
        public byte[] encode() {
            return ByteBuffer.allocate(MAGIC.length + 16 + 4 + value.length + 32).put(MAGIC).put(splitId)
                    .put((byte) threshold).put((byte) total).put((byte) index).put((byte) value.length).put(value)
                    .put(check).array();
        }

        public static Share decode(byte[] encoded) {
            CustodyReader in = new CustodyReader(encoded, MAGIC, "Shamir share");
            byte[] id = in.bytes(16);
            int m = in.u8();
            int n = in.u8();
            int index = in.u8();
            byte[] value = in.bytes(in.u8());
            byte[] check = in.bytes(32);
            in.end();
            return new Share(id, m, n, index, value, check);
        }

        /** SHA-256 of the encoding: committed in the escrow key file so a changed share is named precisely. */
        byte[] commitment() {
            return CustodianPublicKey.sha256(encode());
        }
    }

    public static List<Share> split(byte[] secret, int threshold, int total) {
        if (threshold < 1 || threshold > total || total > 255) {
            throw new IllegalArgumentException("a split needs 1 <= M <= N <= 255, not " + threshold + " of " + total);
        }
        if (secret.length < 1 || secret.length > 255) {
            throw new IllegalArgumentException("a secret to split has 1..255 bytes, not " + secret.length);
        }
        byte[] splitId = new byte[16];
        RANDOM.nextBytes(splitId);
        byte[] check = check(secret, splitId);
        byte[][] values = new byte[total][secret.length];
        byte[] coefficients = new byte[threshold];
        for (int j = 0; j < secret.length; j++) {
            coefficients[0] = secret[j];
            byte[] random = new byte[threshold - 1];
            RANDOM.nextBytes(random);
            System.arraycopy(random, 0, coefficients, 1, threshold - 1);
            for (int x = 1; x <= total; x++) {
                int y = 0;
                for (int k = threshold - 1; k >= 0; k--) { // Horner
                    y = mul(y, x) ^ (coefficients[k] & 0xff);
                }
                values[x - 1][j] = (byte) y;
            }
        }
        Arrays.fill(coefficients, (byte) 0);
        List<Share> shares = new ArrayList<>(total);
        for (int x = 1; x <= total; x++) {
            shares.add(new Share(splitId, threshold, total, x, values[x - 1], check));
            Arrays.fill(values[x - 1], (byte) 0);
        }
        return shares;
    }

    /**
     * Lagrange interpolation at 0 over the first M shares, then the key check.
     *
     * @throws CustodyRefusedException INSUFFICIENT_APPROVALS, DUPLICATE_CUSTODIAN, OTHER_KEY_FILE (mixed splits) or
     *     TAMPERED (the result fails the check)
     */
    public static byte[] combine(List<Share> shares) {
        if (shares.isEmpty()) {
            throw new CustodyRefusedException(CustodyRefusedException.Reason.INSUFFICIENT_APPROVALS, "no shares");
        }
        Share first = shares.getFirst();
        Set<Integer> seen = new HashSet<>();
        for (Share s : shares) {
            if (!Arrays.equals(s.splitId, first.splitId) || s.threshold != first.threshold || s.total != first.total
                    || s.value.length != first.value.length || !Arrays.equals(s.check, first.check)) {
                throw new CustodyRefusedException(CustodyRefusedException.Reason.OTHER_KEY_FILE, "share " + s.index
                        + " belongs to another split than share " + first.index);
            }
            if (!seen.add(s.index)) {
                throw new CustodyRefusedException(CustodyRefusedException.Reason.DUPLICATE_CUSTODIAN,
                        "share " + s.index + " is given twice");
            }
        }
        if (shares.size() < first.threshold) {
            throw new CustodyRefusedException(CustodyRefusedException.Reason.INSUFFICIENT_APPROVALS, shares.size()
                    + " of the " + first.threshold + " required shares");
        }
        List<Share> used = shares.subList(0, first.threshold);
        byte[] secret = new byte[first.value.length];
        for (Share s : used) {
            // Lagrange basis at 0: prod over other x_k of x_k / (x_k - x_i); minus is xor in GF(2^8).
            int basis = 1;
            for (Share o : used) {
                if (o != s) {
                    basis = mul(basis, div(o.index, o.index ^ s.index));
                }
            }
            for (int j = 0; j < secret.length; j++) {
                secret[j] ^= (byte) mul(s.value[j] & 0xff, basis);
            }
        }
        if (!MessageDigest.isEqual(check(secret, first.splitId), first.check)) {
            Arrays.fill(secret, (byte) 0);
            throw CustodyRefusedException.tampered("the shares " + used.stream().map(s -> String.valueOf(s.index))
                    .toList() + " do not combine to the key their check names (a share is changed)");
        }
        return secret;
    }

    static byte[] check(byte[] secret, byte[] splitId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(CHECK_LABEL);
            return mac.doFinal(splitId);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every JDK", e);
        }
    }

    static int mul(int a, int b) {
        return a == 0 || b == 0 ? 0 : EXP[LOG[a] + LOG[b]];
    }

    static int div(int a, int b) {
        return a == 0 ? 0 : EXP[LOG[a] + 255 - LOG[b]];
    }
}
