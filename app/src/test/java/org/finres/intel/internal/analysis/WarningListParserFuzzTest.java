package org.finres.intel.internal.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * A warning-list file (shipped, or one day uploaded) must only ever yield entries and line errors, never an
 * exception, and every entry read back must itself be a valid entry (replayed in every build; JAZZER_FUZZ=1 fuzzes).
 */
class WarningListParserFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void readsOrNamesTheBadLineNeverFails(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        WarningListParser.Parsed parsed = WarningListParser.parse(text);
        assertThat(parsed.errors()).allMatch(e -> e.startsWith("line "));
        if (parsed.list() != null) {
            for (WarningList.Entry e : parsed.list().entries()) {
                WarningListParser.entry(e.text());
                parsed.list().match("ipv4", "203.0.113.7");
                parsed.list().match("domain", "a.example");
            }
        }
    }
}
