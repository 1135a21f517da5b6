package org.finres.stix.convert;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.finres.stix.StixValidator;
import org.finres.stix.Tlp;
import org.finres.stix.pattern.PatternParser;

/**
 * Arbitrary text is converted or refused with {@link ConversionRefusedException} only; whatever is converted
 * validates and every pattern parses.
 */
class CsvIndicatorsFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void convertsOrRefusesWithOurExceptionOnly(FuzzedDataProvider data) {
        Tlp tlp = Tlp.values()[data.consumeInt(0, Tlp.values().length - 1)];
        String text = data.consumeRemainingAsString();
        try {
            check(CsvIndicators.decode(text, tlp));
            check(CsvIndicators.decode("type,value,tlp,confidence,valid_from,valid_until,labels,name,description\n" + text, tlp));
        } catch (ConversionRefusedException e) {
            // documented refusal
        }
    }

    static void check(Conversion c) {
        var problems = new StixValidator().validate(c.bundle());
        if (!problems.isEmpty()) throw new IllegalStateException("converted objects do not validate: " + problems);
        c.bundle().objects().stream().filter(o -> o.type().equals("indicator"))
                .forEach(o -> PatternParser.parse(o.json().tree().get("pattern").asString()));
    }
}
