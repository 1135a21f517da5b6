package org.finres.vault.engine.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.finres.vault.engine.WrongKeyException;
import org.junit.jupiter.api.Test;

class HybridSealTests {

    private static final byte[] AAD = "repository-1".getBytes(StandardCharsets.US_ASCII);
    private final CustodianKeyPair alice = CustodyTestKeys.pair(0);
    private final CustodianKeyPair bob = CustodyTestKeys.pair(1);

    @Test
    void sealedBytesOpenWithTheRecipientsKeyAndAad() {
        byte[] sealed = HybridSeal.seal(alice.publicKey(), AAD, "share".getBytes(StandardCharsets.US_ASCII));
        assertThat(sealed).hasSize(HybridSeal.OVERHEAD + 5);
        assertThat(new String(HybridSeal.open(alice, AAD, sealed, "t"), StandardCharsets.US_ASCII)).isEqualTo("share");
    }

    @Test
    void twoSealsOfTheSameValueDiffer() {
        byte[] p = new byte[32];
        assertThat(HybridSeal.seal(alice.publicKey(), AAD, p)).isNotEqualTo(HybridSeal.seal(alice.publicKey(), AAD, p));
    }

    @Test
    void anotherKeyOrAnotherAadDoesNotOpen() {
        byte[] sealed = HybridSeal.seal(alice.publicKey(), AAD, new byte[32]);
        assertThatThrownBy(() -> HybridSeal.open(bob, AAD, sealed, "the share"))
                .isInstanceOf(WrongKeyException.class).hasMessageContaining("the share does not open with key "
                        + bob.publicKey().fingerprintHex());
        assertThatThrownBy(() -> HybridSeal.open(alice, "repository-2".getBytes(StandardCharsets.US_ASCII), sealed,
                "t")).isInstanceOfSatisfying(CustodyRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(CustodyRefusedException.Reason.TAMPERED));
    }

    @Test
    void aFlippedBitInEitherKemCiphertextTheNonceOrTheBodyIsRefused() {
        byte[] sealed = HybridSeal.seal(alice.publicKey(), AAD, new byte[32]);
        // ephemeral X25519 key, ML-KEM ciphertext (start and end), nonce, AES-GCM body, tag
        for (int at : new int[] {5, 36, 37, 5 + 32 + 1087, 5 + 32 + 1088, 5 + 32 + 1088 + 12, sealed.length - 1}) {
            byte[] bad = sealed.clone();
            bad[at] ^= 0x01;
            assertThatThrownBy(() -> HybridSeal.open(alice, AAD, bad, "t")).as("bit at %d", at)
                    .isInstanceOfSatisfying(CustodyRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(CustodyRefusedException.Reason.TAMPERED));
        }
        byte[] truncated = java.util.Arrays.copyOf(sealed, HybridSeal.OVERHEAD - 1);
        assertThatThrownBy(() -> HybridSeal.open(alice, AAD, truncated, "the share"))
                .hasMessageContaining("not a version 1 hybrid seal");
    }

    @Test
    void publicKeysEncodeAndDecodeAndAreNamedByTheirFingerprint() {
        byte[] encoded = alice.publicKey().encode();
        assertThat(encoded).hasSize(CustodianPublicKey.ENCODED_LENGTH).startsWith("FRCP\u0001".getBytes());
        CustodianPublicKey back = CustodianPublicKey.decode(encoded);
        assertThat(back).isEqualTo(alice.publicKey());
        assertThat(back.fingerprintHex()).isEqualTo(alice.publicKey().fingerprintHex()).hasSize(64)
                .isNotEqualTo(bob.publicKey().fingerprintHex());
        assertThatThrownBy(() -> CustodianPublicKey.decode(java.util.Arrays.copyOf(encoded, encoded.length - 1)))
                .hasMessageContaining("custodian public key ends early");
    }

    @Test
    void aPrivateKeyFileOpensOnlyWithItsPassphrase() {
        byte[] file = alice.encrypt("correct horse".toCharArray(), CustodyTestKeys.CHEAP);
        CustodianKeyPair back = CustodianKeyPair.decrypt(file, "correct horse".toCharArray());
        assertThat(back.publicKey()).isEqualTo(alice.publicKey());
        byte[] sealed = HybridSeal.seal(alice.publicKey(), AAD, new byte[] {7});
        assertThat(HybridSeal.open(back, AAD, sealed, "t")).containsExactly(7);
        assertThat(CustodianKeyPair.PrivateKeyFile.decode(file).publicKey()).isEqualTo(alice.publicKey());

        assertThatThrownBy(() -> CustodianKeyPair.decrypt(file, "wrong horse".toCharArray()))
                .isInstanceOfSatisfying(CustodyRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(CustodyRefusedException.Reason.WRONG_PASSPHRASE))
                .hasMessageContaining(alice.publicKey().fingerprintHex());
    }

    @Test
    void aPrivateKeyFileWhosePublicKeyOrCostWasChangedDoesNotOpen() {
        byte[] file = alice.encrypt("pw".toCharArray(), CustodyTestKeys.CHEAP);
        byte[] otherPublic = file.clone();
        otherPublic[5 + 1 + 4 + 4 + 1 + 16 + 4 + 10] ^= 1; // inside the X25519 public key
        assertThatThrownBy(() -> CustodianKeyPair.decrypt(otherPublic, "pw".toCharArray()))
                .isInstanceOf(CustodyRefusedException.class);
        byte[] hostileCost = file.clone();
        hostileCost[6] = 0x7f; // memory 2 GiB
        assertThatThrownBy(() -> CustodianKeyPair.PrivateKeyFile.decode(hostileCost))
                .hasMessageContaining("above its limit");
    }
}
