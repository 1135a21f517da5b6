package org.finres.vault.engine.custody;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.MLKEMKeyPairGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.MLKEMKeyGenerationParameters;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * A custodian's key pair: X25519 private key (32 bytes) and ML-KEM-768 seed (64 bytes, FIPS 203 {@code d || z}),
 * from which the public key is derived. Stored only encrypted under a passphrase ({@link #encrypt}):
 * <pre>"FRCK" 0x01 | kdf 0x01 (Argon2id v1.3) | memoryKiB u32 | iterations u32 | parallelism u8 | salt 16
 * | public key u32 length + encoding | nonce 12 | AES-256-GCM(argon2id(passphrase), x25519 32 | seed 64) | tag 16</pre>
 * with every byte before the nonce as the AAD, so the public key and the KDF parameters cannot be changed.
 */
public final class CustodianKeyPair {

    static final byte[] MAGIC = "FRCK\u0001".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AAD_LABEL = "finres-custody/v1/private-key".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Argon2id cost; bounded on read so a hostile file cannot ask for unbounded memory or time. */
    public record Argon2id(int memoryKiB, int iterations, int parallelism) {
        /** OWASP's first recommended setting raised to 64 MiB: about 0.3 s on one core. */
        public static final Argon2id DEFAULT = new Argon2id(64 * 1024, 3, 1);
        static final int MAX_MEMORY_KIB = 1024 * 1024;

        public Argon2id {
            if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB || iterations < 1 || iterations > 64
                    || parallelism < 1 || parallelism > 16) {
                throw CustodyRefusedException.malformed("Argon2id cost out of range: " + memoryKiB + " KiB, "
                        + iterations + " iterations, " + parallelism + " lanes (allowed 8 KiB x lanes..1 GiB, 1..64, "
                        + "1..16)");
            }
        }

        /** The 32-byte key this cost derives from {@code passphrase} and {@code salt} (RFC 9106, version 1.3). */
        public byte[] derive(char[] passphrase, byte[] salt) {
            ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
            byte[] pass = Arrays.copyOf(utf8.array(), utf8.limit());
            Arrays.fill(utf8.array(), (byte) 0);
            Argon2BytesGenerator g = new Argon2BytesGenerator();
            g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(memoryKiB)
                    .withIterations(iterations).withParallelism(parallelism).build());
            byte[] key = new byte[32];
            g.generateBytes(pass, key);
            Arrays.fill(pass, (byte) 0);
            return key;
        }
    }

    private final X25519PrivateKeyParameters x25519;
    private final MLKEMPrivateKeyParameters mlKem;
    private final CustodianPublicKey publicKey;

    private CustodianKeyPair(byte[] x25519Private, byte[] mlKemSeed) {
        this.x25519 = new X25519PrivateKeyParameters(x25519Private);
        this.mlKem = new MLKEMPrivateKeyParameters(MLKEMParameters.ml_kem_768, mlKemSeed);
        this.publicKey = new CustodianPublicKey(x25519.generatePublicKey().getEncoded(),
                mlKem.getPublicKeyParameters().getEncoded());
    }

    public static CustodianKeyPair generate() {
        MLKEMKeyPairGenerator g = new MLKEMKeyPairGenerator();
        g.init(new MLKEMKeyGenerationParameters(RANDOM, MLKEMParameters.ml_kem_768));
        AsymmetricCipherKeyPair ml = g.generateKeyPair();
        byte[] seed = ((MLKEMPrivateKeyParameters) ml.getPrivate()).getSeed();
        return new CustodianKeyPair(new X25519PrivateKeyParameters(RANDOM).getEncoded(), seed);
    }

    public CustodianPublicKey publicKey() {
        return publicKey;
    }

    X25519PrivateKeyParameters x25519Private() {
        return x25519;
    }

    MLKEMPrivateKeyParameters mlKemPrivate() {
        return mlKem;
    }

    /** The private key file, encrypted under {@code passphrase} with Argon2id at {@code cost}. */
    public byte[] encrypt(char[] passphrase, Argon2id cost) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] header = header(cost, salt, publicKey.encode());
        byte[] secret = ByteBuffer.allocate(96).put(x25519.getEncoded()).put(mlKem.getSeed()).array();
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        byte[] key = argon2id(passphrase, salt, cost);
        byte[] sealed = HybridSeal.gcm(javax.crypto.Cipher.ENCRYPT_MODE, key, nonce, aad(header), secret, 0, 96);
        Arrays.fill(secret, (byte) 0);
        Arrays.fill(key, (byte) 0);
        return ByteBuffer.allocate(header.length + 12 + sealed.length).put(header).put(nonce).put(sealed).array();
    }

    /** What a private key file says before the passphrase is tried: its public key and Argon2id cost. */
    public record PrivateKeyFile(Argon2id cost, byte[] salt, CustodianPublicKey publicKey, byte[] nonce,
            byte[] sealed) {

        public static PrivateKeyFile decode(byte[] file) {
            CustodyReader in = new CustodyReader(file, MAGIC, "custodian private key file");
            int kdf = in.u8();
            if (kdf != 1) {
                throw CustodyRefusedException.malformed("custodian private key file names key derivation " + kdf
                        + "; version 1 knows only 1 (Argon2id)");
            }
            int memory = in.u32(Argon2id.MAX_MEMORY_KIB);
            int iterations = in.u32(64);
            Argon2id cost = new Argon2id(memory, iterations, in.u8());
            byte[] salt = in.bytes(16);
            CustodianPublicKey pub = CustodianPublicKey.decode(in.bytes(in.u32(CustodianPublicKey.ENCODED_LENGTH)));
            byte[] nonce = in.bytes(12);
            byte[] sealed = in.bytes(96 + 16);
            in.end();
            return new PrivateKeyFile(cost, salt, pub, nonce, sealed);
        }

        /** @throws CustodyRefusedException WRONG_PASSPHRASE, or TAMPERED when the keys inside do not match */
        public CustodianKeyPair unlock(char[] passphrase) {
            byte[] key = argon2id(passphrase, salt, cost);
            byte[] secret;
            try {
                secret = HybridSeal.gcm(javax.crypto.Cipher.DECRYPT_MODE, key, nonce,
                        aad(header(cost, salt, publicKey.encode())), sealed, 0, sealed.length);
            } catch (HybridSeal.SealRefused e) {
                throw new CustodyRefusedException(CustodyRefusedException.Reason.WRONG_PASSPHRASE, "the passphrase "
                        + "does not unlock the private key of " + publicKey.fingerprintHex()
                        + " (wrong passphrase, or the file was changed)");
            } finally {
                Arrays.fill(key, (byte) 0);
            }
            CustodianKeyPair pair = new CustodianKeyPair(Arrays.copyOf(secret, 32), Arrays.copyOfRange(secret, 32, 96));
            Arrays.fill(secret, (byte) 0);
            if (!pair.publicKey.equals(publicKey)) {
                throw CustodyRefusedException.tampered("the private key inside does not belong to public key "
                        + publicKey.fingerprintHex());
            }
            return pair;
        }
    }

    /** Decodes and unlocks a private key file in one step. */
    public static CustodianKeyPair decrypt(byte[] file, char[] passphrase) {
        return PrivateKeyFile.decode(file).unlock(passphrase);
    }

    private static byte[] header(Argon2id cost, byte[] salt, byte[] pub) {
        return ByteBuffer.allocate(MAGIC.length + 1 + 4 + 4 + 1 + 16 + 4 + pub.length).put(MAGIC).put((byte) 1)
                .putInt(cost.memoryKiB()).putInt(cost.iterations()).put((byte) cost.parallelism()).put(salt)
                .putInt(pub.length).put(pub).array();
    }

    private static byte[] aad(byte[] header) {
        return ByteBuffer.allocate(AAD_LABEL.length + header.length).put(AAD_LABEL).put(header).array();
    }

    private static byte[] argon2id(char[] passphrase, byte[] salt, Argon2id cost) {
        return cost.derive(passphrase, salt);
    }
}
