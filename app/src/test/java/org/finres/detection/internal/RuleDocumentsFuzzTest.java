package org.finres.detection.internal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.finres.core.InstitutionId;
import org.finres.detection.RuleScope;

/**
 * Uploaded rule files are outside input: splitting them and rewriting them for scope must only ever report
 * problems, never fail with another exception (replayed in every build; JAZZER_FUZZ=1 fuzzes).
 */
class RuleDocumentsFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void splitAndTransformNeverThrow(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        RuleDocuments.Split split = RuleDocuments.split("fuzz.yml", text);
        for (RuleDocuments.Parsed p : split.parsed()) {
            RuleTransform.forEngine(p.text(), RuleScope.INSTITUTION, InstitutionId.of("bank-a"));
            RuleTransform.forEngine(p.text(), RuleScope.HUB, null);
        }
    }
}
