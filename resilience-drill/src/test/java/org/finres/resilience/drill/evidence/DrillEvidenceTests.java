package org.finres.resilience.drill.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.finres.vault.engine.signing.SigningKeyPair;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class DrillEvidenceTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void signedEvidenceVerifiesAndReadsBackEqual() {
        DrillEvidence e = SampleEvidence.signed();
        DrillEvidence back = DrillEvidence.parse(e.toJson());
        assertThat(back.verify(SampleEvidence.KEY.publicKey())).isInstanceOf(EvidenceVerification.Valid.class);
        assertThat(back.content()).isEqualTo(e.content());
        assertThat(back.content().canonicalJson()).isEqualTo(e.content().canonicalJson());
    }

    @Test
    void verifiesWhateverTheSpacingAndKeyOrder() {
        ObjectNode n = tree(SampleEvidence.signed());
        String compact = JSON.writeValueAsString(n);
        assertThat(DrillEvidence.parse(compact).verify(SampleEvidence.KEY.publicKey()).valid()).isTrue();
    }

    @Test
    void changedTimelineEntryIsNamed() {
        ObjectNode n = tree(SampleEvidence.signed());
        ((ObjectNode) n.get("timeline").get(3)).put("detail", "front-health up: HTTP 200");
        EvidenceVerification v = DrillEvidence.parse(bytes(n)).verify(SampleEvidence.KEY.publicKey());
        assertThat(v).isEqualTo(new EvidenceVerification.BrokenLink(3,
                "its hash does not match its content (the entry was changed)"));
        assertThat(v.describe()).startsWith("timeline broken at entry 3");
    }

    @Test
    void changedEntryWithRecomputedHashBreaksTheNextLink() {
        ObjectNode n = tree(SampleEvidence.signed());
        ObjectNode e = (ObjectNode) n.get("timeline").get(3);
        e.put("detail", "nothing happened");
        e.put("hash", TimelineEntry.computeHash(3, java.time.Instant.parse(e.get("at").asString()), EntryKind.PROBE,
                "nothing happened", e.get("prev").asString()));
        EvidenceVerification v = DrillEvidence.parse(bytes(n)).verify(SampleEvidence.KEY.publicKey());
        assertThat(v).isInstanceOf(EvidenceVerification.BrokenLink.class);
        assertThat(((EvidenceVerification.BrokenLink) v).seq()).isEqualTo(4);
    }

    @Test
    void droppedEntryIsNamed() {
        ObjectNode n = tree(SampleEvidence.signed());
        ((ArrayNode) n.get("timeline")).remove(2);
        EvidenceVerification v = DrillEvidence.parse(bytes(n)).verify(SampleEvidence.KEY.publicKey());
        assertThat(v).isInstanceOf(EvidenceVerification.BrokenLink.class);
        assertThat(((EvidenceVerification.BrokenLink) v).seq()).isEqualTo(2);
        assertThat(v.describe()).contains("seq 3 where 2 was expected");
    }

    @Test
    void droppedLastEntryFailsTheSignature() {
        ObjectNode n = tree(SampleEvidence.signed());
        ArrayNode t = (ArrayNode) n.get("timeline");
        t.remove(t.size() - 1);
        assertThat(DrillEvidence.parse(bytes(n)).verify(SampleEvidence.KEY.publicKey()))
                .isInstanceOf(EvidenceVerification.BadSignature.class);
    }

    @Test
    void changedOutcomeFailsTheSignature() {
        DrillEvidence failed = DrillEvidence.sign(SampleEvidence.content(new DrillOutcome.Failed(List.of(
                new Breach("rto", "recovery took 3m, the RTO is 1m")))), SampleEvidence.KEY);
        ObjectNode n = tree(failed);
        n.putObject("outcome").put("status", "passed");
        EvidenceVerification v = DrillEvidence.parse(bytes(n)).verify(SampleEvidence.KEY.publicKey());
        assertThat(v).isInstanceOf(EvidenceVerification.BadSignature.class);
        assertThat(v.describe()).contains("changed after it was signed");
    }

    @Test
    void changedMeasurementFailsTheSignature() {
        ObjectNode n = tree(SampleEvidence.signed());
        ((ObjectNode) n.get("measured")).put("switchover", "PT0.5S");
        assertThat(DrillEvidence.parse(bytes(n)).verify(SampleEvidence.KEY.publicKey()).valid()).isFalse();
    }

    @Test
    void wrongKeyIsNamed() {
        SigningKeyPair other = SigningKeyPair.generate(false);
        EvidenceVerification v = SampleEvidence.signed().verify(other.publicKey());
        assertThat(v).isEqualTo(new EvidenceVerification.WrongSigner(other.publicKey().fingerprintHex(),
                SampleEvidence.KEY.publicKey().fingerprintHex()));
    }

    @Test
    void resignedByAnotherKeyIsTheWrongSigner() {
        SigningKeyPair other = SigningKeyPair.generate(false);
        DrillEvidence forged = DrillEvidence.sign(SampleEvidence.content(new DrillOutcome.Passed()), other);
        assertThat(forged.verify(SampleEvidence.KEY.publicKey()))
                .isInstanceOf(EvidenceVerification.WrongSigner.class);
    }

    @Test
    void postQuantumSignedEvidenceVerifies() {
        SigningKeyPair pq = SigningKeyPair.generate(true);
        DrillEvidence e = DrillEvidence.sign(SampleEvidence.content(new DrillOutcome.Aborted("steady state did not "
                + "hold")), pq);
        assertThat(DrillEvidence.parse(e.toJson()).verify(pq.publicKey()).valid()).isTrue();
    }

    @Test
    void rejectsMalformedEvidenceNamingTheField() {
        assertRejected("not json", "not valid JSON");
        assertRejected("[]", "drill evidence must be a JSON object");
        ObjectNode n = tree(SampleEvidence.signed());
        n.put("extra", 1);
        assertRejected(JSON.writeValueAsString(n), "unknown field 'extra'");
        n = tree(SampleEvidence.signed());
        n.remove("outcome");
        assertRejected(JSON.writeValueAsString(n), "lacks the field outcome");
        n = tree(SampleEvidence.signed());
        n.put("format", "finres-drill-evidence/9");
        assertRejected(JSON.writeValueAsString(n), "format must be finres-drill-evidence/1");
        n = tree(SampleEvidence.signed());
        ((ObjectNode) n.get("measured")).put("detection", "-PT1S");
        assertRejected(JSON.writeValueAsString(n), "measured detection must be a duration >= 0");
        n = tree(SampleEvidence.signed());
        ((ObjectNode) n.get("timeline").get(0)).put("kind", "coffee");
        assertRejected(JSON.writeValueAsString(n), "timeline kind must be one of");
        n = tree(SampleEvidence.signed());
        n.put("signer", "!!");
        assertRejected(JSON.writeValueAsString(n), "signer is not base64");
        n = tree(SampleEvidence.signed());
        n.putObject("outcome").put("status", "failed");
        assertRejected(JSON.writeValueAsString(n), "outcome lacks the field breaches");
        assertRejected("{\"format\":1,\"format\":2}", "Duplicate");
    }

    private static void assertRejected(String json, String message) {
        assertThatThrownBy(() -> DrillEvidence.parse(json)).isInstanceOf(MalformedEvidenceException.class)
                .hasMessageContaining(message);
    }

    private static ObjectNode tree(DrillEvidence e) {
        return (ObjectNode) JSON.readTree(e.toJson());
    }

    private static byte[] bytes(ObjectNode n) {
        return JSON.writeValueAsString(n).getBytes(StandardCharsets.UTF_8);
    }
}
