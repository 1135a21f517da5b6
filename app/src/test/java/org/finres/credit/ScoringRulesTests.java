package org.finres.credit;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ScoringRulesTests {

    static final String VALID = """
            points:
              first-report: 10
              corroboration: 4
              sighting-confirms-other: 6
              sighting-reported: 1
              timely-acknowledgement: 3
              late-acknowledgement: 0
              escalated: -2
              false-positive-penalty: -15
            exposure-bonus: 5
            reverse-sighting-awards-on-false-positive: false
            """;

    @Test
    void readsEveryRuleAndVersionsTheTextItWasReadFrom() {
        ScoringRules rules = ScoringRules.parse(VALID, "rules.yml");
        assertThat(rules.pointsFor(CreditKind.FIRST_REPORT)).isEqualTo(10);
        assertThat(rules.pointsFor(CreditKind.FALSE_POSITIVE_PENALTY)).isEqualTo(-15);
        assertThat(rules.exposureBonus()).isEqualTo(5);
        assertThat(rules.reverseSightingAwards()).isFalse();
        assertThat(rules.version()).matches("sha256:[0-9a-f]{16}")
                .isEqualTo(ScoringRules.parse(VALID, "again").version())
                .isNotEqualTo(ScoringRules.parse(VALID.replace("first-report: 10", "first-report: 11"), "x").version());
    }

    @Test
    void namesEveryProblemWithItsLine() {
        String bad = """
                points:
                  first-report: ten
                  corroboration: 4
                  sighting-confirms-other: 6
                  sighting-reported: -1
                  timely-acknowledgement: 3
                  late-acknowledgement: 0
                  escalated: 2
                  false-positive-penalty: -15
                  bonus-for-friends: 100
                exposure-bonus: 5
                exposure-bonus: 6
                colour: blue
                """;
        ScoringRulesException e = catchThrowableOfType(ScoringRulesException.class, () -> ScoringRules.parse(bad, "rules.yml"));
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "line 2: points.first-report must be a whole number, not 'ten'",
                "line 5: points.sighting-reported is an award: it must be 0 or positive, not -1",
                "line 8: points.escalated is a penalty: it must be 0 or negative, not 2",
                "line 10: points.bonus-for-friends is not a scored kind; expected one of first-report, corroboration, "
                        + "sighting-confirms-other, sighting-reported, timely-acknowledgement, late-acknowledgement, escalated, "
                        + "false-positive-penalty",
                "line 12: 'exposure-bonus' is set twice in the file (first on line 11)",
                "line 13: 'colour' is not a setting; expected points, exposure-bonus or reverse-sighting-awards-on-false-positive");
        assertThat(e.getMessage()).startsWith("rules.yml: ");
    }

    @Test
    void aMissingRuleIsNamedAndSoIsTheMappingItBelongsIn() {
        assertThat(catchThrowableOfType(ScoringRulesException.class,
                () -> ScoringRules.parse(VALID.replace("  escalated: -2\n", ""), "r")).problems())
                .containsExactly("line 1: points.escalated is missing");
        assertThat(catchThrowableOfType(ScoringRulesException.class,
                () -> ScoringRules.parse("exposure-bonus: 1\n", "r")).problems()).containsExactly("line 1: points is missing");
        assertThat(catchThrowableOfType(ScoringRulesException.class,
                () -> ScoringRules.parse("points: 3\n", "r")).problems())
                .containsExactly("line 1: points must be a mapping of names to values");
        assertThat(catchThrowableOfType(ScoringRulesException.class,
                () -> ScoringRules.parse("", "r")).problems()).containsExactly("line 1: is empty; it needs a points mapping");
    }

    @Test
    void notYamlAtAllIsRefusedWithTheLine() {
        assertThatThrownBy(() -> ScoringRules.parse("points:\n  first-report: [1,\n", "r"))
                .isInstanceOf(ScoringRulesException.class).hasMessageContaining("line ").hasMessageContaining("not valid YAML");
    }

    @Test
    void anOutsizedRuleIsRefused() {
        assertThat(catchThrowableOfType(ScoringRulesException.class,
                () -> ScoringRules.parse(VALID.replace("first-report: 10", "first-report: 5000"), "r")).problems())
                .containsExactly("line 2: points.first-report must be between -1000 and 1000, not 5000");
    }

    @Test
    void aFileIsReadAsUtf8AndAMissingOneIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yml");
        Files.writeString(file, VALID);
        assertThat(ScoringRules.load(file).pointsFor(CreditKind.CORROBORATION)).isEqualTo(4);
        assertThatThrownBy(() -> ScoringRules.load(dir.resolve("absent.yml")))
                .isInstanceOf(ScoringRulesException.class).hasMessageContaining("absent.yml").hasMessageContaining("cannot be read");
        Files.write(file, new byte[] {'p', ':', (byte) 0xC3, (byte) 0x28});
        assertThatThrownBy(() -> ScoringRules.load(file)).hasMessageContaining("not UTF-8");
    }
}
