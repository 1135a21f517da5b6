package org.finres.intel.internal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.finres.core.InvalidInputException;
import org.finres.intel.EnvelopeRejectedException;

/**
 * A POSTed body is hostile input: reading it must only ever yield elements or a 400/422 refusal, never another
 * exception (replayed in every build; JAZZER_FUZZ=1 fuzzes).
 */
class EnvelopeReaderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void readsOrRefusesNeverFails(FuzzedDataProvider data) {
        try {
            EnvelopeReader.read(data.consumeRemainingAsBytes());
        } catch (InvalidInputException | EnvelopeRejectedException expected) {
            // a refusal naming the problem
        }
    }
}
