package org.finres.vault.engine.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.finres.vault.engine.MalformedAttestationException;
import org.finres.vault.engine.SignatureRefusedException;
import org.finres.vault.engine.signing.SigningKeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignedAttestationTests {

    static final SigningKeyPair KEY = SigningKeyPair.generate(false);

    static VaultAttestation attestation() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("transactions", 1_200_000L);
        counts.put("accounts", 50_000L);
        Map<String, String> totals = new LinkedHashMap<>();
        totals.put("closing_balance.TWD", "987654321.50");
        totals.put("debits.TWD", "-1234.00");
        return new VaultAttestation("taipei-first-bank", "0123456789abcdef0123456789abcdef", "a".repeat(64),
                LocalDate.of(2026, 12, 1), Instant.parse("2026-12-01T22:05:00Z"), 5, 1_073_741_824L, counts,
                totals, "b".repeat(64));
    }

    @Test
    void theCanonicalFormHasSortedKeysNoSpacesAndAmountsAsStrings() {
        String json = new String(attestation().canonicalJson(), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"businessDate\":\"2026-12-01\",\"bytes\":1073741824,\"controlTotals\":"
                + "{\"closing_balance.TWD\":\"987654321.50\",\"debits.TWD\":\"-1234.00\"},\"files\":5,"
                + "\"institution\":\"taipei-first-bank\",\"manifestSha256\":\"" + "b".repeat(64) + "\","
                + "\"recordCounts\":{\"accounts\":50000,\"transactions\":1200000},\"repositoryId\":"
                + "\"0123456789abcdef0123456789abcdef\",\"snapshotId\":\"" + "a".repeat(64) + "\",\"vaultedAt\":"
                + "\"2026-12-01T22:05:00Z\"}");
    }

    @Test
    void aSignedAttestationSurvivesTheWireAndVerifies() {
        SignedAttestation signed = SignedAttestation.sign(attestation(), KEY);

        SignedAttestation read = SignedAttestation.parse(signed.toJson());
        assertThat(read.attestation()).isEqualTo(signed.attestation());
        assertThat(read.signer()).isEqualTo(KEY.publicKey());
        assertThat(read.verifies()).isTrue();
        read.verify();
    }

    @Test
    void reformattedJsonStillVerifiesBecauseTheValuesAreWhatIsSigned() {
        String json = SignedAttestation.sign(attestation(), KEY).toJson().replace(",", " ,\n  ");

        assertThat(SignedAttestation.parse(json).verifies()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"987654321.50\"|\"987654321.51\"",
        "\"files\":5|\"files\":6",
        "\"transactions\":1200000|\"transactions\":1200001",
        "2026-12-01\"|2026-11-30\"",
        "taipei-first-bank|harbour-city-bank"})
    void everyChangedValueBreaksTheSignature(String from, String to) {
        String json = SignedAttestation.sign(attestation(), KEY).toJson();
        assertThat(json).contains(from);

        SignedAttestation changed = SignedAttestation.parse(json.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to)));
        assertThat(changed.verifies()).isFalse();
        assertThatThrownBy(changed::verify).isInstanceOf(SignatureRefusedException.class)
                .hasMessageContaining(KEY.publicKey().fingerprintHex());
    }

    @Test
    void anAttestationResignedByAnotherKeyVerifiesOnlyForThatKey() {
        SigningKeyPair mallory = SigningKeyPair.generate(false);
        SignedAttestation forged = SignedAttestation.sign(attestation(), mallory);

        assertThat(forged.verifies()).isTrue();
        assertThat(forged.signer()).as("the hub must check the signer is registered to the institution")
                .isNotEqualTo(KEY.publicKey());
        assertThat(KEY.publicKey().verifies(SignedAttestation.CONTEXT, forged.signedBytes(), forged.signature()))
                .isFalse();
    }

    @Test
    void aManifestSignatureIsNoAttestationSignature() {
        VaultAttestation a = attestation();
        SignedAttestation crossed = new SignedAttestation(a, KEY.publicKey(),
                KEY.sign("manifest-chain/v1", a.canonicalJson()));

        assertThat(crossed.verifies()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json|not valid JSON",
        "[]|the signed attestation must be a JSON object",
        "{\"attestation\":{},\"signer\":\"\",\"signature\":\"\",\"x\":1}|unknown field 'x'",
        "{\"signer\":\"\",\"signature\":\"\"}|lacks the field attestation"})
    void malformedEnvelopesAreRefusedNamingWhatIsWrong(String json, String message) {
        assertThatThrownBy(() -> SignedAttestation.parse(json)).isInstanceOf(MalformedAttestationException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"files\":5|\"files\":5.5|files must be a whole number",
        "\"files\":5|\"files\":-5|files must be a count >= 0",
        "\"987654321.50\"|987654321.50|controlTotals.closing_balance.TWD must be a decimal string",
        "\"987654321.50\"|\"9.9e8\"|controlTotals.closing_balance.TWD must be a plain decimal string",
        "\"2026-12-01\"|\"2026-13-01\"|businessDate must be a date",
        "\"2026-12-01T22:05:00Z\"|\"yesterday\"|vaultedAt must be a UTC instant",
        "\"taipei-first-bank\"|\"Taipei First\"|institution must be a tenant slug",
        "\"files\":5|\"files\":5,\"files\":6|Duplicate",
        "\"institution\":\"taipei-first-bank\",|\"|lacks the field institution"})
    void malformedFieldsAreRefusedNamingTheField(String from, String to, String message) {
        String json = SignedAttestation.sign(attestation(), KEY).toJson();
        String bad = from.equals("\"institution\":\"taipei-first-bank\",") ? json.replace(from, "")
                : json.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));

        assertThatThrownBy(() -> SignedAttestation.parse(bad)).isInstanceOf(MalformedAttestationException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aBrokenSignerEncodingIsRefusedAsMalformed() {
        String json = SignedAttestation.sign(attestation(), KEY).toJson();
        String bad = json.replaceFirst("\"signer\":\"[^\"]+\"", "\"signer\":\"AAAA\"");

        assertThatThrownBy(() -> SignedAttestation.parse(bad)).isInstanceOf(MalformedAttestationException.class)
                .hasMessageContaining("not a signing public key");
    }
}
