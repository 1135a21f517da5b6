package org.finres.stix.pattern;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.time.Instant;
import java.util.Map;

/** Arbitrary pattern text parses (and evaluates) or fails with {@link PatternSyntaxException} inside the text. */
class PatternParserFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parsesOrRejectsWithOurExceptionOnly(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            StixPattern p = PatternParser.parse(text);
            new PatternMatcher().matches(p, new Observation(Instant.EPOCH, Map.of()));
        } catch (PatternSyntaxException e) {
            if (e.column() < 1 || e.column() > text.length() + 1) throw new IllegalStateException("column outside the text: " + e);
        }
    }
}
