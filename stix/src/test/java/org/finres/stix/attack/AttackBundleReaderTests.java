package org.finres.stix.attack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttackBundleReaderTests {

    static byte[] miniBundle() {
        try (InputStream in = AttackBundleReaderTests.class.getResourceAsStream("/attack/mini-enterprise-attack.json")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsTechniquesTacticsAndTheCollection() {
        AttackCatalogue c = AttackBundleReader.read(miniBundle());

        assertThat(c.collections()).containsExactly("Enterprise ATT&CK 16.1");
        assertThat(c.tactics()).extracting(Tactic::id).containsExactly("TA0002", "TA0003", "TA0006");
        assertThat(c.techniques()).hasSize(8);
        assertThat(c.skipped()).as("the CAPEC attack-pattern is not a technique").isEqualTo(1);
        Technique lsass = c.technique(TechniqueId.of("T1003.001")).orElseThrow();
        assertThat(lsass.name()).isEqualTo("LSASS Memory");
        assertThat(lsass.domain()).isEqualTo(AttackDomain.ENTERPRISE);
        assertThat(lsass.url()).isEqualTo("https://attack.mitre.org/techniques/T1003/001");
        assertThat(c.tacticsOf(lsass)).extracting(Tactic::name).containsExactly("Credential Access");
        assertThat(c.tacticsOf(c.technique(TechniqueId.of("T1547")).orElseThrow())).extracting(Tactic::shortName)
                .containsExactly("persistence", "execution");
    }

    @Test
    void namesSubTechniquesWithTheirParentAsAttackDoes() {
        AttackCatalogue c = AttackBundleReader.read(miniBundle());

        assertThat(c.displayName(TechniqueId.of("T1059.001"))).contains("Command and Scripting Interpreter: PowerShell");
        assertThat(c.displayName(TechniqueId.of("T1059"))).contains("Command and Scripting Interpreter");
        assertThat(c.displayName(TechniqueId.of("T9999"))).isEmpty();
    }

    @Test
    void keepsDeprecatedAndRevokedTechniquesFlagged() {
        AttackCatalogue c = AttackBundleReader.read(miniBundle());

        Technique scripting = c.technique(TechniqueId.of("T1064")).orElseThrow();
        assertThat(scripting.deprecated()).isTrue();
        assertThat(scripting.current()).isFalse();
        assertThat(c.technique(TechniqueId.of("T1086")).orElseThrow().revoked()).isTrue();
        assertThat(c.technique(TechniqueId.of("T1059")).orElseThrow().current()).isTrue();
    }

    @Test
    void readsTechniqueIdsFromSigmaTags() {
        assertThat(TechniqueId.fromSigmaTag("attack.t1059.001")).contains(TechniqueId.of("T1059.001"));
        assertThat(TechniqueId.fromSigmaTag("attack.T1003")).contains(TechniqueId.of("T1003"));
        assertThat(TechniqueId.fromSigmaTag("attack.execution")).isEmpty();
        assertThat(TechniqueId.fromSigmaTag("attack.g0016")).isEmpty();
        assertThat(TechniqueId.fromSigmaTag("attack.s0002")).isEmpty();
        assertThat(TechniqueId.fromSigmaTag("cve.2021-44228")).isEmpty();
        assertThat(TechniqueId.fromSigmaTag("attack.t10")).isEmpty();
        assertThat(TechniqueId.of("T1059.001").parent()).isEqualTo(TechniqueId.of("T1059"));
        assertThatThrownBy(() -> TechniqueId.of("T1059.1")).hasMessageContaining("'T1059.1'");
    }

    @Test
    void refusesABundleWithoutAnyTechnique() {
        String bundle = """
                {"type":"bundle","id":"bundle--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d","objects":[
                 {"type":"attack-pattern","spec_version":"2.1","id":"attack-pattern--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4e",
                  "created":"2020-01-01T00:00:00Z","modified":"2020-01-01T00:00:00Z","name":"Phishing (CAPEC)",
                  "external_references":[{"source_name":"capec","external_id":"CAPEC-98"}]}]}""";

        assertThatThrownBy(() -> AttackBundleReader.read(bundle.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AttackBundleException.class)
                .hasMessageContaining("holds no ATT&CK technique")
                .hasMessageContaining("1 other attack-pattern(s) were skipped");
    }

    @Test
    void namesTheObjectWhoseTechniqueIdIsMalformed() {
        String bundle = technique("T12", "Name");

        assertThatThrownBy(() -> AttackBundleReader.read(bundle.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AttackBundleException.class)
                .hasMessageContaining("attack-pattern--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4e")
                .hasMessageContaining("'T12' is not a technique id");
    }

    @Test
    void namesTheTechniqueWithoutAName() {
        String bundle = technique("T1566", "  ");

        assertThatThrownBy(() -> AttackBundleReader.read(bundle.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AttackBundleException.class)
                .hasMessageContaining("(T1566): it has no name");
    }

    @Test
    void refusesWhatIsNotStixWithItsPosition() {
        assertThatThrownBy(() -> AttackBundleReader.read("{\"type\":\"bundle\",".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AttackBundleException.class)
                .hasMessageStartingWith("not a STIX bundle:");
        assertThatThrownBy(() -> AttackBundleReader.read("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AttackBundleException.class)
                .hasMessageContaining("expected a JSON object");
    }

    @Test
    void refusesATacticWithoutItsShortName() {
        String bundle = """
                {"type":"bundle","id":"bundle--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d","objects":[
                 {"type":"x-mitre-tactic","spec_version":"2.1","id":"x-mitre-tactic--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4f",
                  "created":"2020-01-01T00:00:00Z","modified":"2020-01-01T00:00:00Z","name":"Execution",
                  "external_references":[{"source_name":"mitre-attack","external_id":"TA0002"}]}]}""";

        assertThatThrownBy(() -> AttackBundleReader.read(bundle.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AttackBundleException.class)
                .hasMessageContaining("x-mitre-tactic--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4f: x_mitre_shortname is missing");
    }

    private static String technique(String externalId, String name) {
        return """
                {"type":"bundle","id":"bundle--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d","objects":[
                 {"type":"attack-pattern","spec_version":"2.1","id":"attack-pattern--0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4e",
                  "created":"2020-01-01T00:00:00Z","modified":"2020-01-01T00:00:00Z","name":"%s",
                  "external_references":[{"source_name":"mitre-attack","external_id":"%s"}]}]}"""
                .formatted(name, externalId);
    }
}
