package org.finres.coredata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetValidatorTests {

    static final CurrencyCode TWD = CurrencyCode.of("TWD");
    static final CurrencyCode USD = CurrencyCode.of("USD");
    static final LocalDate DAY1 = LocalDate.of(2026, 3, 2);
    static final LocalDate DAY2 = LocalDate.of(2026, 3, 3);

    @TempDir
    Path tmp;

    static BigDecimal twd(String s) {
        return TWD.amount(s);
    }

    static Customer customer(String id) {
        return new Customer(id, "Name " + id, ContactChannel.PHONE, "+886", "retail", KycStatus.VERIFIED, DAY1);
    }

    static Account account(String id, String customer, CurrencyCode currency) {
        return new Account(id, customer, AccountType.SAVINGS, currency, AccountStatus.ACTIVE,
                LocalDate.of(2020, 1, 1));
    }

    static Balance balance(String account, LocalDate date, String opening, String closing) {
        return new Balance(account, date, twd(opening), twd(closing), twd(closing), TWD);
    }

    static Transaction txn(String id, String account, LocalDate date, String amount, Direction direction) {
        return new Transaction(id, account, date, date, twd(amount), direction, TWD, "CP", "desc");
    }

    /** A consistent day: two customers, two TWD accounts, balances and three entries that add up. */
    static List<CoreRecord> consistentDay() {
        List<CoreRecord> r = new ArrayList<>();
        r.add(customer("cu-1"));
        r.add(customer("cu-2"));
        r.add(account("A1", "cu-1", TWD));
        r.add(account("A2", "cu-2", TWD));
        r.add(balance("A1", DAY1, "1000.00", "1150.00"));
        r.add(balance("A2", DAY1, "500.00", "450.00"));
        r.add(txn("T1", "A1", DAY1, "200.00", Direction.CREDIT));
        r.add(txn("T2", "A1", DAY1, "50.00", Direction.DEBIT));
        r.add(txn("T3", "A2", DAY1, "50.00", Direction.DEBIT));
        return r;
    }

    Path write(String name, LocalDate date, List<CoreRecord> records) {
        try (DatasetWriter w = DatasetWriter.create(tmp.resolve(name), "bank-a", date)) {
            records.forEach(w::write);
            return w.publish();
        }
    }

    ValidationReport validate(Path dataset) {
        return new DatasetValidator().validate(dataset, Optional.empty());
    }

    static List<CoreRecord> with(List<CoreRecord> records, Consumer<List<CoreRecord>> change) {
        List<CoreRecord> copy = new ArrayList<>(records);
        change.accept(copy);
        return copy;
    }

    @Test
    void aConsistentDatasetHasNoDiscrepanciesAndRecomputedTotals() {
        ValidationReport report = validate(write("d", DAY1, consistentDay()));
        assertThat(report.discrepancies()).isEmpty();
        assertThat(report.valid()).isTrue();
        assertThat(report.recordCounts()).containsEntry("customers", 2L).containsEntry("accounts", 2L)
                .containsEntry("balances", 2L).containsEntry("transactions", 3L);
        assertThat(report.controlTotals()).containsEntry("closing_balance.TWD", "1600.00")
                .containsEntry("opening_balance.TWD", "1500.00").containsEntry("debits.TWD", "100.00")
                .containsEntry("credits.TWD", "200.00");
        assertThat(report.institution()).isEqualTo("bank-a");
        assertThat(report.businessDate()).isEqualTo(DAY1);
    }

    @Test
    void aBalanceThatDoesNotAddUpIsNamedWithItsNumbers() {
        Path d = write("d", DAY1, with(consistentDay(), r -> r.set(5, balance("A2", DAY1, "500.00", "460.00"))));
        assertThat(validate(d).discrepancies()).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(DiscrepancyKind.BALANCE_DOES_NOT_ADD_UP);
            assertThat(x.file()).isEqualTo("balances.jsonl");
            assertThat(x.line()).isEqualTo(2);
            assertThat(x.recordId()).isEqualTo("A2");
            assertThat(x.expected()).isEqualTo("450.00");
            assertThat(x.found()).isEqualTo("460.00");
            assertThat(x.toString()).contains("balances.jsonl line 2 [A2]: BALANCE_DOES_NOT_ADD_UP");
        });
    }

    @Test
    void aTamperedAmountIsCaughtByChecksumTotalsAndArithmetic() throws Exception {
        Path d = write("d", DAY1, consistentDay());
        Fixtures.replace(d.resolve("transactions.jsonl"), "\"amount\":\"200.00\"", "\"amount\":\"210.00\"");
        ValidationReport report = validate(d);
        assertThat(report.discrepancies()).extracting(Discrepancy::kind).containsExactlyInAnyOrder(
                DiscrepancyKind.BALANCE_DOES_NOT_ADD_UP, DiscrepancyKind.CONTROL_TOTAL_MISMATCH,
                DiscrepancyKind.FILE_CHECKSUM_MISMATCH);
        assertThat(report.discrepancies(DiscrepancyKind.CONTROL_TOTAL_MISMATCH)).singleElement().satisfies(x -> {
            assertThat(x.recordId()).isEqualTo("credits.TWD");
            assertThat(x.expected()).isEqualTo("210.00");
            assertThat(x.found()).isEqualTo("200.00");
        });
        assertThat(report.discrepancies(DiscrepancyKind.FILE_CHECKSUM_MISMATCH).getFirst().file())
                .isEqualTo("transactions.jsonl");
    }

    @Test
    void aChangedRecordCountInTheManifestIsReported() throws Exception {
        Path d = write("d", DAY1, consistentDay());
        Fixtures.replace(d.resolve("dataset.json"), "\"transactions\" : 3", "\"transactions\" : 4");
        assertThat(validate(d).discrepancies()).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(DiscrepancyKind.RECORD_COUNT_MISMATCH);
            assertThat(x.file()).isEqualTo("dataset.json");
            assertThat(x.expected()).isEqualTo("4");
            assertThat(x.found()).isEqualTo("3");
        });
    }

    @Test
    void malformedLinesAreReportedAndReadingGoesOn() throws Exception {
        Path d = write("d", DAY1, consistentDay());
        Fixtures.replace(d.resolve("customers.jsonl"), "\"kycStatus\":\"VERIFIED\"", "\"kycStatus\":\"MAYBE\"");
        Fixtures.replace(d.resolve("transactions.jsonl"), "\"amount\":\"50.00\"", "\"amount\":50.0");
        ValidationReport report = validate(d);
        assertThat(report.discrepancies(DiscrepancyKind.MALFORMED_RECORD)).extracting(Discrepancy::file,
                Discrepancy::line).containsExactly(org.assertj.core.groups.Tuple.tuple("customers.jsonl", 1L),
                org.assertj.core.groups.Tuple.tuple("transactions.jsonl", 2L));
        assertThat(report.discrepancies(DiscrepancyKind.MALFORMED_RECORD).get(1).detail())
                .contains("amount").contains("must be a string");
        assertThat(report.recordCounts()).containsEntry("transactions", 3L);
    }

    @Test
    void referentialIntegrityDuplicatesCurrencyAndDateAreEachReported() {
        List<CoreRecord> records = with(consistentDay(), r -> {
            r.add(account("A3", "cu-404", TWD));                       // unknown customer, and no balance
            r.add(txn("T9", "A404", DAY1, "1.00", Direction.CREDIT));   // unknown account
            r.add(txn("T1", "A1", DAY1, "200.00", Direction.CREDIT));   // duplicate transaction id
            r.add(customer("cu-1"));                                    // duplicate customer
            r.add(new Transaction("T10", "A2", DAY1, DAY1, USD.amount("1.00"), Direction.CREDIT, USD, "", ""));
            r.add(txn("T11", "A2", DAY2, "1.00", Direction.CREDIT));   // booked on another date
        });
        ValidationReport report = validate(write("d", DAY1, records));
        assertThat(report.discrepancies()).extracting(Discrepancy::kind, Discrepancy::recordId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(DiscrepancyKind.UNKNOWN_CUSTOMER, "A3"),
                        org.assertj.core.groups.Tuple.tuple(DiscrepancyKind.MISSING_BALANCE, "A3"),
                        org.assertj.core.groups.Tuple.tuple(DiscrepancyKind.UNKNOWN_ACCOUNT, "T9"),
                        org.assertj.core.groups.Tuple.tuple(DiscrepancyKind.DUPLICATE_RECORD, "T1"),
                        org.assertj.core.groups.Tuple.tuple(DiscrepancyKind.DUPLICATE_RECORD, "cu-1"),
                        org.assertj.core.groups.Tuple.tuple(DiscrepancyKind.CURRENCY_MISMATCH, "T10"),
                        org.assertj.core.groups.Tuple.tuple(DiscrepancyKind.WRONG_BUSINESS_DATE, "T11"));
        assertThat(report.countsByKind()).containsEntry(DiscrepancyKind.DUPLICATE_RECORD, 2L);
    }

    @Test
    void aSecondBalanceAndABalanceOfAnotherDateAreReported() {
        List<CoreRecord> records = with(consistentDay(), r -> {
            r.set(5, balance("A2", DAY2, "500.00", "450.00"));
            r.add(balance("A1", DAY1, "1000.00", "1150.00"));
        });
        assertThat(validate(write("d", DAY1, records)).discrepancies()).extracting(Discrepancy::kind, Discrepancy::line)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(DiscrepancyKind.WRONG_BUSINESS_DATE, 2L),
                        org.assertj.core.groups.Tuple.tuple(DiscrepancyKind.DUPLICATE_RECORD, 3L));
    }

    @Test
    void continuityWithThePreviousDayIsChecked() {
        Path day1 = write("day1", DAY1, with(consistentDay(), r -> {
            r.add(account("A9", "cu-2", TWD));
            r.add(balance("A9", DAY1, "0.00", "0.00"));
            r.add(new Account("A8", "cu-2", AccountType.CURRENT, TWD, AccountStatus.CLOSED, DAY1));
            r.add(balance("A8", DAY1, "0.00", "0.00"));
        }));
        List<CoreRecord> day2 = new ArrayList<>();
        day2.add(customer("cu-1"));
        day2.add(customer("cu-2"));
        day2.add(account("A1", "cu-1", TWD));
        day2.add(account("A2", "cu-2", TWD));
        day2.add(new Account("A5", "cu-2", AccountType.CURRENT, TWD, AccountStatus.ACTIVE, DAY2)); // new, fine
        day2.add(account("A6", "cu-2", TWD));                                  // new but opened in 2020
        day2.add(balance("A1", DAY2, "1150.00", "1150.00"));                   // continues
        day2.add(balance("A2", DAY2, "440.00", "440.00"));                     // yesterday closed 450.00
        day2.add(balance("A5", DAY2, "0.00", "0.00"));
        day2.add(balance("A6", DAY2, "70.00", "70.00"));
        // A9 vanished (was ACTIVE); A8 was CLOSED and may leave.
        Path today = write("day2", DAY2, day2);

        ValidationReport report = new DatasetValidator().validate(today, Optional.of(day1));
        assertThat(report.previousBusinessDate()).contains(DAY1);
        assertThat(report.discrepancies()).extracting(Discrepancy::kind, Discrepancy::recordId, Discrepancy::expected,
                Discrepancy::found).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(DiscrepancyKind.OPENING_DIFFERS_FROM_PREVIOUS_CLOSING, "A2",
                        "450.00", "440.00"),
                org.assertj.core.groups.Tuple.tuple(DiscrepancyKind.ACCOUNT_VANISHED, "A9", "present", "missing"),
                org.assertj.core.groups.Tuple.tuple(DiscrepancyKind.ACCOUNT_APPEARED_WITHOUT_OPENING, "A6",
                        "opened after 2026-03-02 with opening 0", "opened 2020-01-01, opening 70.00"));
    }

    @Test
    void aPreviousDatasetOfTheSameOrALaterDateIsRefused() {
        Path a = write("a", DAY1, consistentDay());
        Path b = write("b", DAY1, consistentDay());
        assertThat(new DatasetValidator().validate(b, Optional.of(a)).discrepancies()).singleElement()
                .extracting(Discrepancy::kind).isEqualTo(DiscrepancyKind.PREVIOUS_DATASET_MISMATCH);
    }

    @Test
    void aMissingRecordFileIsReported() throws Exception {
        Path d = write("d", DAY1, consistentDay());
        Files.delete(d.resolve("balances.jsonl"));
        ValidationReport report = validate(d);
        assertThat(report.discrepancies(DiscrepancyKind.FILE_CHECKSUM_MISMATCH)).singleElement()
                .satisfies(x -> assertThat(x.file()).isEqualTo("balances.jsonl"));
        assertThat(report.discrepancies(DiscrepancyKind.MISSING_BALANCE)).hasSize(2);
    }

    @Test
    void aFolderWithoutManifestIsNotADataset() throws Exception {
        Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> validate(tmp.resolve("empty"))).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("no dataset.json");
    }

    @Test
    void anUnknownFormatVersionIsRefused() throws Exception {
        Path d = write("d", DAY1, consistentDay());
        Fixtures.replace(d.resolve("dataset.json"), "\"version\" : 1", "\"version\" : 7");
        assertThatThrownBy(() -> validate(d)).isInstanceOfSatisfying(MalformedInputException.class,
                e -> assertThat(e.problem()).contains("version 7 is not supported"));
    }

    @Test
    void anUnpublishedWriterLeavesNothingBehind() throws Exception {
        try (DatasetWriter w = DatasetWriter.create(tmp.resolve("d"), "bank-a", DAY1)) {
            consistentDay().forEach(w::write);
            w.seal();
        }
        try (var s = Files.list(tmp)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void aLineWithoutEndIsReportedWithoutReadingItIntoMemory() throws Exception {
        Path d = write("d", DAY1, consistentDay());
        Files.writeString(d.resolve("customers.jsonl"), "x".repeat(LineReader.MAX_LINE + 10),
                java.nio.file.StandardOpenOption.APPEND);
        ValidationReport report = validate(d);
        assertThat(report.discrepancies(DiscrepancyKind.MALFORMED_RECORD)).singleElement().satisfies(x -> {
            assertThat(x.file()).isEqualTo("customers.jsonl");
            assertThat(x.line()).isEqualTo(3);
            assertThat(x.detail()).contains("longer than");
        });
        assertThat(report.discrepancies(DiscrepancyKind.FILE_CHECKSUM_MISMATCH)).hasSize(1);
    }

    @Test
    void theStrictReaderStopsAtTheFirstMalformedLine() throws Exception {
        Path d = write("d", DAY1, consistentDay());
        Fixtures.replace(d.resolve("accounts.jsonl"), "\"status\":\"ACTIVE\",",
                "\"status\":\"ACTIVE\",\"extra\":\"x\",");
        assertThatThrownBy(() -> DatasetReader.forEach(d, Entity.ACCOUNTS, (l, r) -> { }))
                .isInstanceOfSatisfying(MalformedInputException.class, e -> {
                    assertThat(e.location()).isEqualTo("line 1");
                    assertThat(e.problem()).contains("unknown field \"extra\"");
                });
    }

    @Test
    void validationReportsProgressPerFile() {
        Path d = write("d", DAY1, consistentDay());
        List<ProgressListener.Progress> seen = new ArrayList<>();
        new DatasetValidator(seen::add).validate(d, Optional.empty());
        assertThat(seen).extracting(ProgressListener.Progress::file).containsExactly("customers.jsonl",
                "accounts.jsonl", "balances.jsonl", "transactions.jsonl");
        assertThat(seen.getLast().records()).isEqualTo(9);
    }

    @Test
    void aBalanceInAnotherCurrencyThanItsAccountIsReported() {
        List<CoreRecord> records = with(consistentDay(), r -> r.set(5, new Balance("A2", DAY1, USD.amount("500"),
                USD.amount("450"), USD.amount("450"), USD)));
        assertThat(validate(write("d", DAY1, records)).discrepancies(DiscrepancyKind.CURRENCY_MISMATCH))
                .singleElement().satisfies(x -> {
                    assertThat(x.file()).isEqualTo("balances.jsonl");
                    assertThat(x.expected()).isEqualTo("TWD");
                    assertThat(x.found()).isEqualTo("USD");
                });
    }

    @Test
    void aPreviousDatasetOfAnotherInstitutionIsRefused() {
        Path other;
        try (DatasetWriter w = DatasetWriter.create(tmp.resolve("other"), "bank-b", DAY1)) {
            consistentDay().forEach(w::write);
            other = w.publish();
        }
        Path today = write("today", DAY2, List.of());
        assertThat(new DatasetValidator().validate(today, Optional.of(other)).discrepancies()).singleElement()
                .satisfies(x -> {
                    assertThat(x.kind()).isEqualTo(DiscrepancyKind.PREVIOUS_DATASET_MISMATCH);
                    assertThat(x.expected()).isEqualTo("bank-a");
                    assertThat(x.found()).isEqualTo("bank-b");
                });
    }
}
