package org.finres.stix.attack;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Arbitrary bytes read as an ATT&CK bundle give a catalogue or {@link AttackBundleException}, nothing else. */
class AttackBundleReaderFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void readsOrRejectsWithOurExceptionOnly(FuzzedDataProvider data) {
        try {
            AttackCatalogue c = AttackBundleReader.read(data.consumeRemainingAsBytes());
            for (Technique t : c.techniques()) {
                c.displayName(t.id());
                c.tacticsOf(t);
            }
        } catch (AttackBundleException e) {
            // documented rejection
        }
    }
}
