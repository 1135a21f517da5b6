package org.finres.vault.engine.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.finres.vault.engine.SignatureRefusedException;
import org.finres.vault.engine.WrongKeyException;
import org.finres.vault.engine.custody.CustodianKeyPair.Argon2id;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SigningKeyPairTests {

    static final Argon2id CHEAP = new Argon2id(64, 1, 1);
    private static final byte[] MESSAGE = "manifest 2026-12-01".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aSignatureVerifiesUnderItsKeyAndContextOnly(boolean withMlDsa) {
        SigningKeyPair key = SigningKeyPair.generate(withMlDsa);
        VaultSignature sig = key.sign("manifest-chain/v1", MESSAGE);

        assertThat(sig.hasMlDsa65()).isEqualTo(withMlDsa);
        assertThat(key.publicKey().verifies("manifest-chain/v1", MESSAGE, sig)).isTrue();
        assertThat(key.publicKey().verifies("vault-attestation/v1", MESSAGE, sig)).as("other context").isFalse();
        byte[] changed = MESSAGE.clone();
        changed[3] ^= 1;
        assertThat(key.publicKey().verifies("manifest-chain/v1", changed, sig)).as("changed message").isFalse();
        assertThat(SigningKeyPair.generate(withMlDsa).publicKey().verifies("manifest-chain/v1", MESSAGE, sig))
                .as("another key").isFalse();
    }

    @Test
    void aHybridKeyRefusesASignatureStrippedOfItsMlDsaPart() {
        SigningKeyPair key = SigningKeyPair.generate(true);
        VaultSignature sig = key.sign("c", MESSAGE);
        VaultSignature stripped = new VaultSignature(sig.ed25519(), null);

        assertThat(key.publicKey().verifies("c", MESSAGE, stripped)).isFalse();
        assertThatThrownBy(() -> key.publicKey().verify("c", MESSAGE, stripped))
                .isInstanceOf(SignatureRefusedException.class).hasMessageContaining("no ML-DSA-65 part");
    }

    @Test
    void aChangedMlDsaPartFailsEvenWhenEd25519Holds() {
        SigningKeyPair key = SigningKeyPair.generate(true);
        byte[] ml = key.sign("c", MESSAGE).mlDsa65();
        ml[100] ^= 4;
        VaultSignature forged = new VaultSignature(key.sign("c", MESSAGE).ed25519(), ml);

        assertThat(key.publicKey().verifies("c", MESSAGE, forged)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void keysAndSignaturesRoundTripThroughTheirEncodings(boolean withMlDsa) {
        SigningKeyPair key = SigningKeyPair.generate(withMlDsa);
        VaultSignature sig = key.sign("c", MESSAGE);

        SigningPublicKey pub = SigningPublicKey.decode(key.publicKey().encode());
        assertThat(pub).isEqualTo(key.publicKey());
        assertThat(pub.fingerprintHex()).isEqualTo(key.publicKey().fingerprintHex()).hasSize(64);
        assertThat(VaultSignature.decode(sig.encode())).isEqualTo(sig);
        assertThat(pub.verifies("c", MESSAGE, VaultSignature.decode(sig.encode()))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void thePrivateKeyFileOpensOnlyWithItsPassphrase(boolean withMlDsa) {
        SigningKeyPair key = SigningKeyPair.generate(withMlDsa);
        byte[] file = key.encrypt("correct horse".toCharArray(), CHEAP);

        SigningKeyPair opened = SigningKeyPair.decrypt(file, "correct horse".toCharArray());
        assertThat(opened.publicKey()).isEqualTo(key.publicKey());
        assertThat(key.publicKey().verifies("c", MESSAGE, opened.sign("c", MESSAGE))).isTrue();
        assertThat(SigningKeyPair.publicKeyOf(file)).isEqualTo(key.publicKey());
        assertThatThrownBy(() -> SigningKeyPair.decrypt(file, "wrong".toCharArray()))
                .isInstanceOf(WrongKeyException.class).hasMessageContaining(key.publicKey().fingerprintHex());
    }

    @Test
    void aPrivateKeyFileWithAnotherPublicKeyPutInIsRefused() {
        SigningKeyPair key = SigningKeyPair.generate(false);
        byte[] file = key.encrypt("pw".toCharArray(), CHEAP);
        byte[] other = SigningKeyPair.generate(false).publicKey().encode();
        // The public key sits after magic(5) kdf(1) cost(9) salt(16) length(4).
        byte[] swapped = file.clone();
        System.arraycopy(other, 0, swapped, 35, other.length);

        assertThatThrownBy(() -> SigningKeyPair.decrypt(swapped, "pw".toCharArray()))
                .isInstanceOf(WrongKeyException.class);
    }

    @Test
    void malformedEncodingsAreRefusedNamingTheStructure() {
        byte[] pub = SigningKeyPair.generate(false).publicKey().encode();
        assertThatThrownBy(() -> SigningPublicKey.decode(Arrays.copyOf(pub, 20)))
                .isInstanceOf(SignatureRefusedException.class).hasMessageContaining("signing public key is truncated");
        byte[] extra = Arrays.copyOf(pub, pub.length + 1);
        assertThatThrownBy(() -> SigningPublicKey.decode(extra)).hasMessageContaining("bytes after its end");
        byte[] flags = pub.clone();
        flags[5] = 2;
        assertThatThrownBy(() -> SigningPublicKey.decode(flags)).hasMessageContaining("unknown flags 2");
        assertThatThrownBy(() -> VaultSignature.decode(pub)).hasMessageContaining("not a vault signature");
        assertThatThrownBy(() -> SigningKeyPair.decrypt(pub, "x".toCharArray()))
                .isInstanceOf(SignatureRefusedException.class).hasMessageContaining("signing private key file");
    }
}
