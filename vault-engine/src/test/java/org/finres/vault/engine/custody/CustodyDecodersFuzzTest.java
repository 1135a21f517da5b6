package org.finres.vault.engine.custody;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Escrow key files, released shares, Shamir shares and custodian key encodings as an attacker could hand them over:
 * arbitrary bytes, or a valid encoding with fuzzer-chosen bytes changed (so the checks behind the parsers are
 * reached). Every decoder reads or rejects with {@link CustodyRefusedException} only, and a changed key file or
 * released share never unwraps to anything but the true data key.
 */
class CustodyDecodersFuzzTest {

    private static final byte[] CONTEXT = "fuzz-repository!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] DATA_KEY = new byte[32];
    private static final CustodianKeyPair RESTORER = CustodyTestKeys.pair(2);
    private static final byte[] KEY_FILE;
    private static final List<byte[]> RELEASED = new ArrayList<>();
    private static final byte[] PRIVATE_KEY = RESTORER.encrypt("pw".toCharArray(), CustodyTestKeys.CHEAP);

    static {
        Arrays.fill(DATA_KEY, (byte) 0x5a);
        List<Custodian> three = List.of(new Custodian(CustodianRole.INSTITUTION, "A", CustodyTestKeys.pair(0)
                .publicKey()), new Custodian(CustodianRole.REGULATOR, "R", CustodyTestKeys.pair(1).publicKey()),
                new Custodian(CustodianRole.RESTORING_INSTITUTION, "B", RESTORER.publicKey()));
        KEY_FILE = EscrowKeyWrapping.forCustodians(2, three).wrap(DATA_KEY, CONTEXT);
        EscrowKeyFile file = EscrowKeyFile.decode(KEY_FILE);
        for (int i = 0; i < 2; i++) {
            RELEASED.add(ReleasedShare.release(file, CustodyTestKeys.pair(i), RESTORER.publicKey()).encode());
        }
    }

    @FuzzTest(maxDuration = "30s")
    void readsOrRejectsWithOurExceptionOnly(FuzzedDataProvider data) {
        int structure = data.consumeInt(0, 5);
        boolean mutate = data.consumeBoolean();
        byte[] valid = switch (structure) {
            case 0 -> KEY_FILE;
            case 1, 2 -> RELEASED.get(structure - 1);
            case 3 -> RESTORER.publicKey().encode();
            case 4 -> PRIVATE_KEY;
            default -> ShamirSharing.split(DATA_KEY, 2, 3).getFirst().encode();
        };
        byte[] bytes;
        if (mutate) {
            bytes = valid.clone();
            int changes = data.consumeInt(1, 4);
            for (int i = 0; i < changes; i++) {
                bytes[data.consumeInt(0, bytes.length - 1)] ^= data.consumeByte();
            }
            if (data.consumeBoolean()) {
                bytes = Arrays.copyOf(bytes, data.consumeInt(0, bytes.length));
            }
        } else {
            bytes = data.consumeRemainingAsBytes();
        }
        try {
            switch (structure) {
                case 0 -> {
                    EscrowKeyFile.decode(bytes);
                    unwrapsToTheTrueKeyOrRefuses(bytes, RELEASED);
                }
                case 1, 2 -> {
                    ReleasedShare.decode(bytes);
                    List<byte[]> released = new ArrayList<>(RELEASED);
                    released.set(structure - 1, bytes);
                    unwrapsToTheTrueKeyOrRefuses(KEY_FILE, released);
                }
                case 3 -> CustodianPublicKey.decode(bytes).fingerprint();
                case 4 -> {
                    CustodianKeyPair.PrivateKeyFile file = CustodianKeyPair.PrivateKeyFile.decode(bytes);
                    if (file.cost().memoryKiB() <= 256 && file.cost().iterations() <= 2) {
                        file.unlock("pw".toCharArray());
                    }
                }
                default -> ShamirSharing.Share.decode(bytes);
            }
        } catch (CustodyRefusedException expected) {
            // the documented outcome
        }
    }

    private static void unwrapsToTheTrueKeyOrRefuses(byte[] keyFile, List<byte[]> released) {
        List<ReleasedShare> shares = released.stream().map(ReleasedShare::decode).toList();
        byte[] key = EscrowKeyWrapping.forRestore(RESTORER, shares).unwrap(keyFile, CONTEXT);
        if (!Arrays.equals(key, DATA_KEY)) {
            throw new IllegalStateException("a changed key file or released share unwrapped to a wrong key");
        }
    }
}
