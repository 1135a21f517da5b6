package org.finres.coredata;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;

/**
 * Arbitrary bytes read as a camt.053 file: statements become records or the file is refused with this module's
 * exceptions only; an XML parser exception, a NumberFormatException or a DateTimeException never escapes.
 */
class Camt053ImportFuzzTest {

    private static final Path ROOT;

    static {
        try {
            ROOT = Files.createTempDirectory("camt053-fuzz");
            ROOT.toFile().deleteOnExit();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void readsOrRejectsWithOurExceptionsOnly(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        try (DatasetWriter writer = DatasetWriter.create(ROOT.resolve("d"), "bank-a", LocalDate.of(2026, 3, 2))) {
            Camt053Source.read("fuzz.xml", new ByteArrayInputStream(bytes), new Camt053Mapping("fuzz.xml", writer,
                    Fixtures.PSEUDONYMS, new ArrayList<>(), new HashSet<>(), () -> { }));
        } catch (CoreDataException expected) {
            // the documented outcome
        }
    }
}
