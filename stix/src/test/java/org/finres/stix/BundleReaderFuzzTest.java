package org.finres.stix;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.finres.stix.model.StixFormatException;

import java.io.ByteArrayInputStream;

/** Arbitrary bytes read as a bundle (whole and streamed) or fail with {@link StixFormatException} only. */
class BundleReaderFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void readsOrRejectsWithOurExceptionOnly(FuzzedDataProvider data) {
        byte[] input = data.consumeRemainingAsBytes();
        try {
            StixBundle b = StixBundleReader.read(input);
            if (!java.util.Arrays.equals(StixBundleWriter.toJson(b).getBytes(java.nio.charset.StandardCharsets.UTF_8), input))
                throw new IllegalStateException("a read bundle did not write back unchanged");
            new StixValidator().validate(b);
        } catch (StixFormatException e) {
            // documented rejection
        }
        try {
            StixBundleReader.stream(new ByteArrayInputStream(input), o -> { });
        } catch (StixFormatException e) {
            // documented rejection
        }
    }
}
