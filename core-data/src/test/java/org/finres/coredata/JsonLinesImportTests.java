package org.finres.coredata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonLinesImportTests {

    @TempDir
    Path tmp;

    private ImportResult importJsonl(Path source, String target) {
        return new CoreDataImport(Fixtures.options(), ProgressListener.NONE).fromJsonLines(source, tmp.resolve(target));
    }

    @Test
    void importsTheSameRecordsAsTheEquivalentCsvFolder() throws Exception {
        ImportResult jsonl = importJsonl(Fixtures.copy("jsonl/good", tmp.resolve("src")), "from-jsonl");
        ImportResult csv = new CoreDataImport(Fixtures.options(), null)
                .fromCsv(Fixtures.copy("csv/good", tmp.resolve("csv")), tmp.resolve("from-csv"));

        assertThat(jsonl.report().discrepancies()).isEmpty();
        assertThat(jsonl.report().controlTotals()).isEqualTo(csv.report().controlTotals());
        for (Entity e : Entity.values()) {
            assertThat(Files.readString(jsonl.dataset().resolve(e.datasetFile())))
                    .isEqualTo(Files.readString(csv.dataset().resolve(e.datasetFile())));
        }
    }

    @Test
    void aNumericAmountIsRefusedSoNoFloatingPointTouchesIt() {
        Path src = Fixtures.copy("jsonl/good", tmp.resolve("src"));
        Fixtures.replace(src.resolve("transactions.jsonl"), "\"amount\":\"50000.50\"", "\"amount\":50000.50");
        assertThatThrownBy(() -> importJsonl(src, "d")).isInstanceOfSatisfying(MalformedInputException.class, e -> {
            assertThat(e.file()).isEqualTo("transactions.jsonl");
            assertThat(e.location()).isEqualTo("line 2");
            assertThat(e.problem()).contains("\"amount\" must be a string");
        });
    }

    @Test
    void brokenJsonAndDuplicateKeysAreNamedWithTheirLine() {
        Path src = Fixtures.copy("jsonl/good", tmp.resolve("src"));
        Fixtures.replace(src.resolve("accounts.jsonl"), "\"opened\":\"2019-11-20\"}", "\"opened\":\"2019-11-20\"");
        assertThatThrownBy(() -> importJsonl(src, "d")).isInstanceOfSatisfying(MalformedInputException.class, e -> {
            assertThat(e.file()).isEqualTo("accounts.jsonl");
            assertThat(e.location()).isEqualTo("line 2");
            assertThat(e.problem()).startsWith("not a JSON object");
        });

        Path src2 = Fixtures.copy("jsonl/good", tmp.resolve("src2"));
        Fixtures.replace(src2.resolve("balances.jsonl"), "\"currency\":\"USD\"", "\"currency\":\"USD\",\"currency\":\"TWD\"");
        assertThatThrownBy(() -> importJsonl(src2, "d2")).isInstanceOfSatisfying(MalformedInputException.class, e -> {
            assertThat(e.location()).isEqualTo("line 3");
            assertThat(e.problem()).contains("Duplicate");
        });
    }

    @Test
    void declaredTotalsInControlTotalsJsonAreChecked() {
        Path src = Fixtures.copy("jsonl/good", tmp.resolve("src"));
        Fixtures.replace(src.resolve("control_totals.json"), "\"credits.TWD\":\"50000.50\"", "\"credits.TWD\":\"5.00\"");
        assertThatThrownBy(() -> importJsonl(src, "d")).isInstanceOfSatisfying(DatasetRejectedException.class, e ->
                assertThat(e.report().discrepancies()).singleElement().satisfies(d -> {
                    assertThat(d.file()).isEqualTo("control_totals.json");
                    assertThat(d.recordId()).isEqualTo("credits.TWD");
                }));
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() throws Exception {
        Path src = Fixtures.copy("jsonl/good", tmp.resolve("src"));
        byte[] bytes = Files.readAllBytes(src.resolve("customers.jsonl"));
        bytes[30] = (byte) 0xC3;
        bytes[31] = (byte) 0x28;
        Files.write(src.resolve("customers.jsonl"), bytes);
        assertThatThrownBy(() -> importJsonl(src, "d")).isInstanceOfSatisfying(MalformedInputException.class,
                e -> assertThat(e.problem()).contains("not valid UTF-8"));
    }
}
