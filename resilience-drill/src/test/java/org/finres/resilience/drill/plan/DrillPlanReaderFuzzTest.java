package org.finres.resilience.drill.plan;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Arbitrary bytes read as a drill plan or fail with {@link PlanFormatException} (with problems) only. */
class DrillPlanReaderFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void readsOrRejectsWithOurExceptionOnly(FuzzedDataProvider data) {
        byte[] input = data.consumeRemainingAsBytes();
        try {
            DrillPlan p = DrillPlanReader.read(input, null);
            if (p == null || p.probes().isEmpty() || p.fault() == null) {
                throw new IllegalStateException("an accepted plan without probes or fault");
            }
        } catch (PlanFormatException e) {
            if (e.problems().isEmpty()) {
                throw new IllegalStateException("a rejection without a problem", e);
            }
        }
    }
}
