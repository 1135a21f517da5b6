package org.finres.coredata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetGeneratorTests {

    static final LocalDate DAY1 = LocalDate.of(2026, 3, 2);
    static final LocalDate DAY2 = LocalDate.of(2026, 3, 3);

    @TempDir
    Path tmp;

    private DatasetGenerator generator(long seed) {
        return new DatasetGenerator(new DatasetGenerator.Spec("bank-a", DAY1, 300, 3, 4, seed), Fixtures.PSEUDONYMS);
    }

    @Test
    void aGeneratedDayAndItsNextDayValidateWithoutDiscrepancies() {
        DatasetGenerator g = generator(42);
        Path day1 = g.write(tmp.resolve("day1"), ProgressListener.NONE);
        Path day2 = g.writeNextDay(DAY2, 0.05, tmp.resolve("day2"), ProgressListener.NONE);

        ValidationReport r1 = new DatasetValidator().validate(day1, Optional.empty());
        ValidationReport r2 = new DatasetValidator().validate(day2, Optional.of(day1));
        assertThat(r1.discrepancies()).isEmpty();
        assertThat(r2.discrepancies()).isEmpty();
        assertThat(r1.recordCounts().get("customers")).isEqualTo(300L);
        assertThat(r1.recordCounts().get("accounts")).isEqualTo(g.accounts()).isBetween(300L, 900L);
        assertThat(r1.recordCounts().get("transactions")).isGreaterThan(500L);
        assertThat(r2.recordCounts().get("accounts")).isGreaterThan(r1.recordCounts().get("accounts"));
        assertThat(r1.controlTotals()).containsKeys("closing_balance.TWD", "closing_balance.USD", "debits.TWD");
    }

    @Test
    void aboutTheChangeRateOfAccountsMoveOnTheNextDay() {
        DatasetGenerator g = generator(7);
        Path day1 = g.write(tmp.resolve("day1"), ProgressListener.NONE);
        Path day2 = g.writeNextDay(DAY2, 0.2, tmp.resolve("day2"), ProgressListener.NONE);
        Map<String, Balance> before = new HashMap<>();
        DatasetReader.forEach(day1, Entity.BALANCES, (l, r) -> before.put(((Balance) r).accountId(), (Balance) r));
        int[] moved = {0, 0};
        DatasetReader.forEach(day2, Entity.BALANCES, (l, r) -> {
            Balance b = (Balance) r;
            if (before.containsKey(b.accountId())) {
                moved[1]++;
                if (b.closing().compareTo(b.opening()) != 0) {
                    moved[0]++;
                }
            }
        });
        assertThat((double) moved[0] / moved[1]).isBetween(0.1, 0.3);
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOtherData() throws Exception {
        Path a = generator(1).write(tmp.resolve("a"), ProgressListener.NONE);
        Path b = generator(1).write(tmp.resolve("b"), ProgressListener.NONE);
        Path c = generator(2).write(tmp.resolve("c"), ProgressListener.NONE);
        assertThat(Files.readString(a.resolve("dataset.json"))).isEqualTo(Files.readString(b.resolve("dataset.json")));
        assertThat(DatasetReader.manifest(a).files()).isNotEqualTo(DatasetReader.manifest(c).files());
    }

    @Test
    void theGeneratedCsvSourceImportsIntoTheSameDatasetAsTheDirectOne() {
        DatasetGenerator g = generator(5);
        Path direct = g.write(tmp.resolve("direct"), ProgressListener.NONE);
        Path directDay2 = g.writeNextDay(DAY2, 0.05, tmp.resolve("direct2"), ProgressListener.NONE);
        ImportResult imported = new CoreDataImport(ImportOptions.of("bank-a", DAY1, Fixtures.PSEUDONYMS), null)
                .fromCsv(g.writeCsvSource(tmp.resolve("csv1")), tmp.resolve("imported"));
        ImportResult imported2 = new CoreDataImport(ImportOptions.of("bank-a", DAY2, Fixtures.PSEUDONYMS)
                .withPreviousDataset(imported.dataset()), null)
                .fromCsv(g.writeCsvSourceNextDay(DAY2, 0.05, tmp.resolve("csv2")), tmp.resolve("imported2"));

        assertThat(imported.manifest().files()).isEqualTo(DatasetReader.manifest(direct).files());
        assertThat(imported2.manifest().files()).isEqualTo(DatasetReader.manifest(directDay2).files());
        assertThat(imported2.report().discrepancies()).isEmpty();
    }

    @Test
    void aTamperedAmountInAGeneratedDatasetIsFound() throws Exception {
        Path day = generator(9).write(tmp.resolve("d"), ProgressListener.NONE);
        Path txns = day.resolve("transactions.jsonl");
        String first = Files.readAllLines(txns).get(10);
        Transaction t = (Transaction) RecordJson.read(Entity.TRANSACTIONS, first);
        String changed = first.replace("\"amount\":\"" + t.currency().format(t.amount()) + "\"",
                "\"amount\":\"" + t.currency().format(t.amount().add(java.math.BigDecimal.ONE)) + "\"");
        Fixtures.replace(txns, first, changed);

        ValidationReport report = new DatasetValidator().validate(day, Optional.empty());
        assertThat(report.discrepancies(DiscrepancyKind.BALANCE_DOES_NOT_ADD_UP)).singleElement()
                .satisfies(d -> assertThat(d.recordId()).isEqualTo(t.accountId()));
        assertThat(report.discrepancies(DiscrepancyKind.FILE_CHECKSUM_MISMATCH)).hasSize(1);
        assertThat(report.discrepancies(DiscrepancyKind.CONTROL_TOTAL_MISMATCH)).singleElement()
                .satisfies(d -> assertThat(d.recordId()).isEqualTo(
                        (t.direction() == Direction.DEBIT ? "debits." : "credits.") + t.currency()));
    }
}
