package org.finres.coredata;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.ByteArrayInputStream;

/**
 * Arbitrary bytes read as each CSV and JSON Lines source file: every row becomes a valid record or the file is
 * refused with this module's exceptions only (never a Jackson, parse or runtime exception from inside).
 */
class CsvImportFuzzTest {

    private static final SourceLayout LAYOUT = new SourceLayout(Fixtures.PSEUDONYMS);

    @FuzzTest(maxDuration = "60s")
    void readsOrRejectsWithOurExceptionsOnly(FuzzedDataProvider data) {
        Entity entity = Entity.values()[data.consumeInt(0, Entity.values().length - 1)];
        byte[] bytes = data.consumeRemainingAsBytes();
        try {
            CsvSource.read("fuzz.csv", new ByteArrayInputStream(bytes), SourceLayout.REQUIRED.get(entity),
                    SourceLayout.OPTIONAL.get(entity), (row, line) -> toRecord(entity, row, line));
        } catch (CoreDataException expected) {
            // the documented outcome
        }
        try {
            JsonLinesSource.read("fuzz.jsonl", new ByteArrayInputStream(bytes), SourceLayout.REQUIRED.get(entity),
                    SourceLayout.OPTIONAL.get(entity), (row, line) -> toRecord(entity, row, line));
        } catch (CoreDataException expected) {
            // the documented outcome
        }
        try {
            RecordJson.read(entity, new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException expected) {
            // a dataset line the validator reports as MALFORMED_RECORD
        }
    }

    private static void toRecord(Entity entity, SourceLayout.Row row, long line) {
        CoreRecord record;
        try {
            record = LAYOUT.record(entity, row);
        } catch (IllegalArgumentException e) {
            throw new MalformedInputException("fuzz", "line " + line, e.getMessage());
        }
        // Whatever was accepted must write and read back as the same record.
        java.io.StringWriter out = new java.io.StringWriter();
        try (tools.jackson.core.JsonGenerator g = RecordJson.MAPPER.createGenerator(out)) {
            RecordJson.write(record, g);
        }
        CoreRecord back = RecordJson.read(entity, out.toString().strip());
        if (!back.equals(record)) {
            throw new IllegalStateException("record did not survive the round trip: " + record + " / " + back);
        }
    }
}
