package org.finres.cli.vault;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;

import org.finres.vault.engine.AesGcmKeyWrapping;
import org.finres.vault.engine.KeyWrapping;
import org.finres.vault.engine.WrongKeyException;
import org.finres.vault.engine.custody.CustodianKeyPair.Argon2id;

/**
 * The institution's own way into its repository: the data key wrapped under a key derived from a passphrase with
 * Argon2id. The cost and salt travel in the key file, in the clear and authenticated, so a passphrase set today still
 * opens the repository after the default cost is raised:
 * <pre>"FRPW" 0x01 | memoryKiB u32 | iterations u32 | parallelism u8 | salt 16
 * | AES-256-GCM-KW/v1 under Argon2id(passphrase UTF-8, salt), aad context = repository id || every byte before</pre>
 * (ADR 021). Every {@link #wrap} draws a new salt.
 */
final class PassphraseKeyWrapping implements KeyWrapping {

    static final String ALGORITHM = "Argon2id+AES-256-GCM-KW/v1";
    private static final byte[] MAGIC = {'F', 'R', 'P', 'W', 1};
    private static final int HEADER = MAGIC.length + 4 + 4 + 1 + 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final char[] passphrase;
    private final Argon2id cost;

    PassphraseKeyWrapping(char[] passphrase, Argon2id cost) {
        this.passphrase = passphrase.clone();
        this.cost = cost;
    }

    PassphraseKeyWrapping(char[] passphrase) {
        this(passphrase, Argon2id.DEFAULT);
    }

    @Override
    public String algorithm() {
        return ALGORITHM;
    }

    @Override
    public byte[] wrap(byte[] dataKey, byte[] context) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] header = ByteBuffer.allocate(HEADER).put(MAGIC).putInt(cost.memoryKiB()).putInt(cost.iterations())
                .put((byte) cost.parallelism()).put(salt).array();
        byte[] kek = derive(cost, salt);
        try {
            byte[] sealed = new AesGcmKeyWrapping(kek).wrap(dataKey, aad(context, header));
            byte[] out = Arrays.copyOf(header, HEADER + sealed.length);
            System.arraycopy(sealed, 0, out, HEADER, sealed.length);
            return out;
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    @Override
    public byte[] unwrap(byte[] wrapped, byte[] context) {
        if (wrapped.length < HEADER + 12 + 16 || !Arrays.equals(wrapped, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new WrongKeyException("not a passphrase key file (" + wrapped.length + " bytes, no FRPW header)");
        }
        ByteBuffer in = ByteBuffer.wrap(wrapped, MAGIC.length, HEADER - MAGIC.length);
        Argon2id fileCost;
        try {
            // The cost is read before any work: a changed file must not make us allocate gigabytes.
            fileCost = new Argon2id(in.getInt(), in.getInt(), in.get() & 0xff);
        } catch (WrongKeyException e) {
            throw new WrongKeyException("the passphrase key file declares an unacceptable Argon2id cost: "
                    + e.getMessage());
        }
        byte[] salt = new byte[16];
        in.get(salt);
        byte[] kek = derive(fileCost, salt);
        try {
            return new AesGcmKeyWrapping(kek).unwrap(Arrays.copyOfRange(wrapped, HEADER, wrapped.length),
                    aad(context, Arrays.copyOf(wrapped, HEADER)));
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    private byte[] derive(Argon2id cost, byte[] salt) {
        return cost.derive(passphrase, salt);
    }

    private static byte[] aad(byte[] context, byte[] header) {
        byte[] aad = Arrays.copyOf(context, context.length + header.length);
        System.arraycopy(header, 0, aad, context.length, header.length);
        return aad;
    }
}
