package org.finres.sigma;

import org.finres.sigma.mapping.Pipeline;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Loads every SigmaHQ rule of the shared corpus: all valid rules must load; anything else is listed with its reason. */
class RuleCorpusLoadTests {

    @Test
    void everySigmaHqRuleLoadsOrIsReportedWithItsReason() {
        SigmaEngine engine = SigmaEngine.builder().pipeline(Pipeline.windows())
                .rules(SharedCorpus.require(SharedCorpus.RULES)).build();
        LoadReport r = engine.report();
        System.out.println("SigmaHQ corpus: " + r.summary());
        System.out.println("  rule index: " + engine.index().size() + " variants, " + engine.index().indexedByLiteral()
                + " reached through required literals");
        r.failed().forEach(p -> System.out.println("  FAILED " + p));
        r.unsupported().forEach(p -> System.out.println("  UNSUPPORTED " + p));
        assertThat(r.files()).isGreaterThan(3000);
        assertThat(r.failed()).isEmpty();
        // Placeholder rules need environment values (the specification says to reject them without); nothing else.
        assertThat(r.unsupported()).allSatisfy(p -> assertThat(p.reason()).contains("placeholder"));
    }
}
