package org.finres.resilience.engine.format;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.finres.resilience.engine.Register;
import org.finres.resilience.engine.RegisterFormatException;
import org.finres.resilience.engine.analysis.ResilienceAnalysis;

/**
 * Arbitrary bytes read as a register or fail with {@link RegisterFormatException} only; a register that reads writes
 * back (YAML and JSON) to an equal one, and the sweep runs on it.
 */
class RegisterReaderFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void readsOrRejectsWithOurExceptionOnly(FuzzedDataProvider data) {
        byte[] input = data.consumeRemainingAsBytes();
        Register r;
        try {
            r = RegisterReader.read(input);
        } catch (RegisterFormatException e) {
            if (e.problems().isEmpty()) {
                throw new IllegalStateException("a rejection without a problem", e);
            }
            return;
        }
        if (!RegisterReader.read(RegisterWriter.toYaml(r)).equals(r)
                || !RegisterReader.read(RegisterWriter.toJson(r)).equals(r)) {
            throw new IllegalStateException("a read register did not write back to an equal one");
        }
        if (r.elements().size() <= 200) {
            new ResilienceAnalysis(r).sweep();
        }
    }
}
