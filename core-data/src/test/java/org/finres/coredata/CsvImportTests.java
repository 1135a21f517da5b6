package org.finres.coredata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvImportTests {

    @TempDir
    Path tmp;

    private ImportResult importGood(Path source) {
        return new CoreDataImport(Fixtures.options(), ProgressListener.NONE).fromCsv(source, tmp.resolve("dataset"));
    }

    @Test
    void importsAConsistentFolderIntoAValidDatasetWithRecomputedTotals() throws Exception {
        List<ProgressListener.Progress> seen = new ArrayList<>();
        ImportResult result = new CoreDataImport(Fixtures.options(), seen::add)
                .fromCsv(Fixtures.copy("csv/good", tmp.resolve("src")), tmp.resolve("dataset"));

        assertThat(result.report().discrepancies()).isEmpty();
        assertThat(result.report().valid()).isTrue();
        assertThat(result.report().recordCounts()).containsEntry("customers", 3L).containsEntry("accounts", 4L)
                .containsEntry("balances", 4L).containsEntry("transactions", 2L);
        assertThat(result.report().controlTotals())
                .containsEntry("closing_balance.TWD", "309850.50")
                .containsEntry("opening_balance.TWD", "260000.00")
                .containsEntry("available_balance.TWD", "308850.50")
                .containsEntry("debits.TWD", "150.00")
                .containsEntry("credits.TWD", "50000.50")
                .containsEntry("closing_balance.JPY", "50000")
                .containsEntry("debits.USD", "0.00");
        assertThat(result.manifest().currencies()).extracting(CurrencyCode::value).containsExactly("JPY", "TWD", "USD");
        assertThat(result.dataset()).isEqualTo(tmp.resolve("dataset").toAbsolutePath());
        assertThat(seen).extracting(ProgressListener.Progress::phase).contains(ProgressListener.Phase.IMPORTING,
                ProgressListener.Phase.VALIDATING, ProgressListener.Phase.PUBLISHED);
        assertThat(siblingsOf(result.dataset())).containsExactlyInAnyOrder("dataset", "src");
    }

    @Test
    void customerReferencesArePseudonymisedAndNeverWritten() throws Exception {
        ImportResult result = importGood(Fixtures.copy("csv/good", tmp.resolve("src")));
        String customers = Files.readString(result.dataset().resolve("customers.jsonl"));
        String accounts = Files.readString(result.dataset().resolve("accounts.jsonl"));
        String id = Fixtures.PSEUDONYMS.pseudonym("A123456789");

        assertThat(id).matches("cu-[0-9a-f]{32}");
        assertThat(customers + accounts).doesNotContain("A123456789").contains(id);
        assertThat(new CustomerPseudonymiser("another-institution-secret-32-bytes".getBytes()).pseudonym("A123456789"))
                .isNotEqualTo(id);
        assertThat(Fixtures.PSEUDONYMS.pseudonym(" a123456789 ")).isEqualTo(id);
    }

    @Test
    void readsQuotedFieldsWithCommas() throws Exception {
        ImportResult result = importGood(Fixtures.copy("csv/good", tmp.resolve("src")));
        List<Customer> customers = new ArrayList<>();
        DatasetReader.forEach(result.dataset(), Entity.CUSTOMERS, (line, r) -> customers.add((Customer) r));
        assertThat(customers).extracting(Customer::displayName).contains("Lin, Mei-Hua");
        assertThat(customers.get(2).opened()).isNull();
        assertThat(customers.get(2).contact()).isEqualTo("No. 1, Science Park Rd, Hsinchu");
    }

    @Test
    void anUnclosedQuoteIsMalformedAtItsLineAndNothingIsPublished() {
        Path src = Fixtures.copy("csv/good", tmp.resolve("src"));
        Fixtures.replace(src.resolve("transactions.csv"), "\"SALARY ACME, MARCH\"", "\"SALARY ACME, MARCH");

        assertThatThrownBy(() -> importGood(src)).isInstanceOfSatisfying(MalformedInputException.class, e -> {
            assertThat(e.file()).isEqualTo("transactions.csv");
            assertThat(e.location()).isEqualTo("line 3");
            assertThat(e.problem()).contains("malformed CSV");
        });
        assertThat(siblingsOf(tmp.resolve("dataset"))).containsExactly("src");
    }

    @Test
    void anAmountWithMoreDecimalsThanTheCurrencyIsRefusedWithItsLine() {
        Path src = Fixtures.copy("csv/good", tmp.resolve("src"));
        Fixtures.replace(src.resolve("balances.csv"), "JP-0004,2026-03-02,50000,", "JP-0004,2026-03-02,50000.5,");

        assertThatThrownBy(() -> importGood(src)).isInstanceOfSatisfying(MalformedInputException.class, e -> {
            assertThat(e.file()).isEqualTo("balances.csv");
            assertThat(e.location()).isEqualTo("line 5");
            assertThat(e.problem()).contains("opening").contains("0 decimal places of JPY");
        });
    }

    @Test
    void exponentNotationAndNegativeTransactionAmountsAreRefused() {
        Path src = Fixtures.copy("csv/good", tmp.resolve("src"));
        Fixtures.replace(src.resolve("transactions.csv"), ",150.00,DEBIT", ",1.5E2,DEBIT");
        assertThatThrownBy(() -> importGood(src)).isInstanceOfSatisfying(MalformedInputException.class,
                e -> assertThat(e.problem()).contains("not a plain decimal number"));

        Path src2 = Fixtures.copy("csv/good", tmp.resolve("src2"));
        Fixtures.replace(src2.resolve("transactions.csv"), ",150.00,DEBIT", ",-150.00,DEBIT");
        assertThatThrownBy(() -> new CoreDataImport(Fixtures.options(), null).fromCsv(src2, tmp.resolve("d2")))
                .isInstanceOfSatisfying(MalformedInputException.class,
                        e -> assertThat(e.problem()).contains("negative"));
    }

    @Test
    void aMissingColumnAndAShortRowAreNamed() {
        Path src = Fixtures.copy("csv/good", tmp.resolve("src"));
        Fixtures.replace(src.resolve("accounts.csv"), "account_id,customer_ref,type,", "account_id,customer,type,");
        assertThatThrownBy(() -> importGood(src)).isInstanceOfSatisfying(MalformedInputException.class, e -> {
            assertThat(e.file()).isEqualTo("accounts.csv");
            assertThat(e.location()).isEqualTo("line 1");
            assertThat(e.problem()).contains("lacks the column customer_ref");
        });

        Path src2 = Fixtures.copy("csv/good", tmp.resolve("src2"));
        Fixtures.replace(src2.resolve("accounts.csv"), "US-0003,B234567890,SAVINGS,USD,ACTIVE,2020-01-15",
                "US-0003,B234567890,SAVINGS,USD");
        assertThatThrownBy(() -> new CoreDataImport(Fixtures.options(), null).fromCsv(src2, tmp.resolve("d2")))
                .isInstanceOfSatisfying(MalformedInputException.class, e -> {
                    assertThat(e.location()).isEqualTo("line 4");
                    assertThat(e.problem()).contains("4 fields, the header 6");
                });
    }

    @Test
    void aMissingSourceFileIsNamed() throws Exception {
        Path src = Fixtures.copy("csv/good", tmp.resolve("src"));
        Files.delete(src.resolve("balances.csv"));
        assertThatThrownBy(() -> importGood(src)).isInstanceOfSatisfying(MalformedInputException.class,
                e -> assertThat(e.file()).isEqualTo("balances.csv"));
    }

    @Test
    void aBalanceThatDoesNotAddUpRejectsTheImportNamingTheSourceLine() {
        Path src = Fixtures.copy("csv/good", tmp.resolve("src"));
        Fixtures.replace(src.resolve("balances.csv"), "TW-0001,2026-03-02,10000.00,9850.00",
                "TW-0001,2026-03-02,10000.00,9860.00");
        Fixtures.replace(src.resolve("control_totals.csv"), "closing_balance.TWD,309850.50",
                "closing_balance.TWD,309860.50");

        assertThatThrownBy(() -> importGood(src)).isInstanceOfSatisfying(DatasetRejectedException.class, e -> {
            assertThat(e.report().discrepancies()).singleElement().satisfies(d -> {
                assertThat(d.kind()).isEqualTo(DiscrepancyKind.BALANCE_DOES_NOT_ADD_UP);
                assertThat(d.file()).isEqualTo("balances.jsonl");
                assertThat(d.line()).isEqualTo(1);
                assertThat(d.recordId()).isEqualTo("TW-0001");
                assertThat(d.expected()).isEqualTo("9850.00");
                assertThat(d.found()).isEqualTo("9860.00");
                assertThat(d.source()).isEqualTo("balances.csv line 2");
            });
        });
        assertThat(siblingsOf(tmp.resolve("dataset"))).containsExactly("src");
    }

    @Test
    void declaredSourceTotalsThatDifferAreReportedAgainstTheControlFile() {
        Path src = Fixtures.copy("csv/good", tmp.resolve("src"));
        Fixtures.replace(src.resolve("control_totals.csv"), "debits.TWD,150.00", "debits.TWD,151.00");
        Fixtures.replace(src.resolve("control_totals.csv"), "records.customers,3", "records.customers,4");

        assertThatThrownBy(() -> importGood(src)).isInstanceOfSatisfying(DatasetRejectedException.class, e ->
                assertThat(e.report().discrepancies()).extracting(Discrepancy::kind, Discrepancy::file,
                        Discrepancy::recordId, Discrepancy::expected, Discrepancy::found).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(DiscrepancyKind.CONTROL_TOTAL_MISMATCH,
                                "control_totals.csv", "debits.TWD", "151.00", "150.00"),
                        org.assertj.core.groups.Tuple.tuple(DiscrepancyKind.RECORD_COUNT_MISMATCH,
                                "control_totals.csv", "records.customers", "4", "3")));
    }

    @Test
    void anImportMayBePublishedWithDiscrepanciesWhenAskedTo() {
        Path src = Fixtures.copy("csv/good", tmp.resolve("src"));
        Fixtures.replace(src.resolve("control_totals.csv"), "debits.TWD,150.00", "debits.TWD,151.00");
        ImportResult result = new CoreDataImport(Fixtures.options().publishingWithDiscrepancies(), null)
                .fromCsv(src, tmp.resolve("dataset"));
        assertThat(result.report().discrepancyCount()).isEqualTo(1);
        assertThat(Files.exists(result.dataset().resolve("dataset.json"))).isTrue();
    }

    @Test
    void neverOverwritesAnExistingDataset() throws Exception {
        Path src = Fixtures.copy("csv/good", tmp.resolve("src"));
        Files.createDirectories(tmp.resolve("dataset"));
        assertThatThrownBy(() -> importGood(src)).isInstanceOf(DatasetStorageException.class)
                .hasMessageContaining("already exists");
    }

    private static List<String> siblingsOf(Path p) {
        try (var s = Files.list(p.getParent())) {
            return s.map(f -> f.getFileName().toString()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unclosed-quote|transactions.csv|line 3|malformed CSV",
            "missing-column|accounts.csv|line 1|lacks the column customer_ref",
            "short-row|balances.csv|line 4|3 fields, the header 6",
            "exponent-amount|transactions.csv|line 2|not a plain decimal number",
            "impossible-date|accounts.csv|line 4|is not a date",
            "duplicate-header|customers.csv|line 1|names column segment twice",
            "unknown-kyc-status|customers.csv|line 3|is not one of VERIFIED, PENDING, EXPIRED, REJECTED",
            "bad-currency|accounts.csv|line 5|unknown ISO 4217 currency \"YEN\""})
    void eachMalformedFixtureIsRefusedWithFileLineAndProblem(String fixture, String file, String line, String problem)
            throws Exception {
        Path src = Fixtures.copy("csv/good", tmp.resolve("src"));
        Path broken = Path.of(getClass().getResource("/csv/malformed/" + fixture + "/" + file).toURI());
        Files.copy(broken, src.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> importGood(src)).isInstanceOfSatisfying(MalformedInputException.class, e -> {
            assertThat(e.file()).isEqualTo(file);
            assertThat(e.location()).isEqualTo(line);
            assertThat(e.problem()).contains(problem);
        });
        assertThat(siblingsOf(tmp.resolve("dataset"))).containsExactly("src");
    }
}
