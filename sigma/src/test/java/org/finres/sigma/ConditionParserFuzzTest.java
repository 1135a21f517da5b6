package org.finres.sigma;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.finres.sigma.rule.ConditionParser;
import org.finres.sigma.rule.SigmaRuleException;

/** Arbitrary condition text parses or fails with {@link SigmaRuleException} carrying a column inside the text. */
class ConditionParserFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parsesOrRejectsWithOurExceptionOnly(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            ConditionParser.parse("fuzz", text);
        } catch (SigmaRuleException e) {
            if (e.column() > text.length() + 1) throw new IllegalStateException("column outside the text: " + e);
        }
    }
}
