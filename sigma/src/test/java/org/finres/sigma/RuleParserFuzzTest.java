package org.finres.sigma;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.finres.sigma.mapping.Pipeline;
import org.finres.sigma.rule.RuleParser;
import org.finres.sigma.rule.SigmaRuleException;

/**
 * Arbitrary text must either parse or be rejected with {@link SigmaRuleException}; loading it through the engine
 * (parse, link, compile, index) and evaluating an event must not throw at all. Replays the seeds in the normal build;
 * fuzzes with JAZZER_FUZZ=1.
 */
class RuleParserFuzzTest {

    private static final String EVENT = "{\"Image\": \"C:\\\\x\\\\cmd.exe\", \"CommandLine\": \"a -b /c\", \"EventID\": 1,"
            + " \"Ip\": \"10.1.2.3\", \"@timestamp\": \"2024-01-01T00:00:00Z\"}";

    @FuzzTest(maxDuration = "60s")
    void parsesOrRejectsWithOurExceptionOnly(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            RuleParser.parse("fuzz.yml", text);
        } catch (SigmaRuleException expected) {
            // the documented outcome for bad input
        }
        SigmaEngine engine = SigmaEngine.builder().pipeline(Pipeline.none()).ruleText("fuzz.yml", text).build();
        engine.evaluate(TestRules.event(EVENT), "fuzz", 0);
        engine.flush();
    }
}
