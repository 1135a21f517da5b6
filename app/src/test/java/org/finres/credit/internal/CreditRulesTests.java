package org.finres.credit.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.finres.credit.CreditKind;
import org.finres.credit.ScoringRulesException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the hub starts with: the shipped rules, a replacement file, or a refusal naming the bad line. */
class CreditRulesTests {

    @Test
    void theShippedRulesAreValid() {
        CreditRules rules = new CreditRules(new CreditProperties("", false));
        assertThat(rules.current().pointsFor(CreditKind.FIRST_REPORT)).isEqualTo(10);
        assertThat(rules.current().reverseSightingAwards()).isTrue();
    }

    @Test
    void aReplacementFileIsUsedAndABadOneStopsTheStartWithItsLine(@TempDir Path dir) throws Exception {
        String shipped = new String(CreditRules.class.getClassLoader().getResourceAsStream(CreditRules.SHIPPED).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        Path good = dir.resolve("good.yml");
        Files.writeString(good, shipped.replace("first-report: 10", "first-report: 12"));
        CreditRules replaced = new CreditRules(new CreditProperties(good.toString(), false));
        assertThat(replaced.current().pointsFor(CreditKind.FIRST_REPORT)).isEqualTo(12);
        assertThat(replaced.current().version()).isNotEqualTo(CreditRules.shipped().version());

        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, shipped.replace("corroboration: 4", "corroboration: lots"));
        assertThatThrownBy(() -> new CreditRules(new CreditProperties(bad.toString(), false)))
                .isInstanceOf(ScoringRulesException.class)
                .hasMessageContaining(bad.toString()).hasMessageContaining("line 6: points.corroboration must be a whole number");
    }
}
