package org.finres.credit.internal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.finres.credit.ScoringRules;
import org.finres.credit.ScoringRulesException;

/**
 * A rules file is operator input: parsing it must only ever give rules or a refusal that names its problems, never
 * another exception (replayed in every build; JAZZER_FUZZ=1 fuzzes).
 */
class ScoringRulesFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void parsesOrRefusesNeverFails(FuzzedDataProvider data) {
        try {
            ScoringRules rules = ScoringRules.parse(data.consumeRemainingAsString(), "fuzz.yml");
            if (rules.points().size() != ScoringRules.scoredKinds().size()) {
                throw new IllegalStateException("accepted rules without every kind: " + rules);
            }
        } catch (ScoringRulesException expected) {
            if (expected.problems().isEmpty()) throw new IllegalStateException("a refusal without a reason");
        }
    }
}
