package org.finres.events.internal.grading;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.finres.core.InstitutionKind;
import org.finres.core.SizeTier;
import org.finres.events.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GradingPolicyTests {

    private final GradingPolicy defaults = GradingPolicy.defaults();

    @Test
    void telemetryGetsTheSeverityBaseAndNoIncidentLevel() {
        Grade grade = defaults.grade(new GradingInput(1, 1007, 1, Severity.LOW, InstitutionKind.BANK, SizeTier.SMALL));
        assertThat(grade).isEqualTo(new Grade(20, null));
    }

    @Test
    void criticalFindingAtALargeBankSuggestsLevelThree() {
        Grade grade = defaults.grade(new GradingInput(2, 2004, 1, Severity.CRITICAL, InstitutionKind.BANK, SizeTier.LARGE));
        assertThat(grade.incidentLevel()).isEqualTo(3);
        assertThat(grade.priority()).isEqualTo(100);
    }

    @Test
    void criticalFindingAtASmallInstitutionSuggestsLevelTwo() {
        Grade grade = defaults.grade(new GradingInput(2, 2004, 1, Severity.CRITICAL, InstitutionKind.CREDIT_COOPERATIVE,
                SizeTier.SMALL));
        assertThat(grade).isEqualTo(new Grade(95, 2));
    }

    @Test
    void policyFromDataReplacesTheDefaults() {
        GradingPolicy policy = parse("""
                severity_base: {high: 60}
                rules:
                  - name: any authentication
                    classes: [3002]
                    boost: 30
                    incident_level: 4
                """);
        assertThat(policy.grade(new GradingInput(3, 3002, 1, Severity.HIGH, InstitutionKind.PAYMENT, SizeTier.SMALL)))
                .isEqualTo(new Grade(90, 4));
    }

    @Test
    void mistakesInThePolicyAreNamed() {
        assertThatThrownBy(() -> parse("severity_base: {high: 60}\nrules:\n  - name: x\n    incident_level: 5\n"))
                .hasMessageContaining("rule 1 (x) incident_level must be 1 to 4");
        assertThatThrownBy(() -> parse("severity_base: {high: 60}\nrules:\n  - name: x\n    min_severity: huge\n"))
                .hasMessageContaining("min_severity 'huge' is not a severity");
        assertThatThrownBy(() -> parse("severity_base: {high: 60}\nrules:\n  - name: x\n    classs: [1]\n"))
                .hasMessageContaining("unknown field 'classs'");
        assertThatThrownBy(() -> parse("severity_base: {high: 600}\n")).hasMessageContaining("between 0 and 100");
        assertThatThrownBy(() -> parse("severity_base: {high: 60}\nrules:\n  - institution_kinds: [casino]\n"))
                .hasMessageContaining("unknown kind 'casino'");
        assertThatThrownBy(() -> parse("rules: [")).hasMessageContaining("not valid YAML");
    }

    private static GradingPolicy parse(String yaml) {
        return GradingPolicy.parse("test.yml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
