package org.finres.coredata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceFormatTests {

    @TempDir
    Path tmp;

    @Test
    void detectsEachSourceByItsFilesAndImportsIt() throws Exception {
        Path csv = Fixtures.copy("csv/good", tmp.resolve("csv"));
        Path jsonl = Fixtures.copy("jsonl/good", tmp.resolve("jsonl"));
        Path camt = tmp.resolve("camt");
        Files.createDirectories(camt);
        Files.copy(Path.of(getClass().getResource("/camt053/statement-v08.xml").toURI()), camt.resolve("b.xml"));
        Files.copy(Path.of(getClass().getResource("/camt053/statement-v02.xml").toURI()), camt.resolve("a.xml"));

        assertThat(SourceFormat.detect(csv)).isEqualTo(SourceFormat.CSV);
        assertThat(SourceFormat.detect(jsonl)).isEqualTo(SourceFormat.JSON_LINES);
        assertThat(SourceFormat.detect(camt)).isEqualTo(SourceFormat.CAMT053);
        assertThat(SourceFormat.detect(camt.resolve("a.xml"))).isEqualTo(SourceFormat.CAMT053);

        CoreDataImport importer = new CoreDataImport(Fixtures.options(), null);
        assertThat(importer.from(SourceFormat.detect(camt), camt, tmp.resolve("d")).report().recordCounts())
                .containsEntry("accounts", 3L);
        assertThat(importer.from(SourceFormat.CSV, csv, tmp.resolve("e")).report().valid()).isTrue();
    }

    @Test
    void anythingElseIsNamed() throws Exception {
        Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> SourceFormat.detect(tmp.resolve("empty"))).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("not a core-data source");
        assertThat(SourceFormat.parse("camt.053")).isEqualTo(SourceFormat.CAMT053);
        assertThat(SourceFormat.parse("JSONL")).isEqualTo(SourceFormat.JSON_LINES);
        assertThatThrownBy(() -> SourceFormat.parse("xlsx")).hasMessageContaining("csv, jsonl or camt053");
    }
}
