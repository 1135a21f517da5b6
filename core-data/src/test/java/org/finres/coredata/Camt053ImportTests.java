package org.finres.coredata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Camt053ImportTests {

    @TempDir
    Path tmp;

    private Path resource(String name) {
        try {
            return Path.of(getClass().getResource("/camt053/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private ImportResult importCamt(Path... files) {
        return new CoreDataImport(Fixtures.options(), ProgressListener.NONE).fromCamt053(List.of(files),
                tmp.resolve("dataset"));
    }

    private static <T extends CoreRecord> List<T> records(Path dataset, Entity entity, Class<T> type) {
        List<T> out = new ArrayList<>();
        DatasetReader.forEach(dataset, entity, (line, r) -> out.add(type.cast(r)));
        return out;
    }

    @Test
    void importsStatementsOfVersion02And08IntoAValidDataset() {
        ImportResult result = importCamt(resource("statement-v02.xml"), resource("statement-v08.xml"));

        assertThat(result.report().discrepancies()).isEmpty();
        assertThat(result.report().recordCounts()).containsEntry("customers", 3L).containsEntry("accounts", 3L)
                .containsEntry("balances", 3L).containsEntry("transactions", 4L); // the PDNG entry is not booked
        assertThat(result.report().controlTotals()).containsEntry("closing_balance.TWD", "60850.50")
                .containsEntry("opening_balance.TWD", "8000.00").containsEntry("available_balance.TWD", "59850.50")
                .containsEntry("debits.TWD", "150.00").containsEntry("credits.TWD", "53000.50")
                .containsEntry("opening_balance.USD", "1200.50").containsEntry("closing_balance.USD", "1150.25");

        List<Transaction> txns = records(result.dataset(), Entity.TRANSACTIONS, Transaction.class);
        assertThat(txns).extracting(Transaction::id).containsExactly("FISC-20260302-000001", "FISC-20260302-000002",
                "0081-5000000002:Ntry1", "SWIFT-REF-77");
        assertThat(txns.get(0).counterpartyReference()).isEqualTo("EXT-7ELEVEN");
        assertThat(txns.get(0).description()).isEqualTo("7-ELEVEN TAIPEI XINYI");
        assertThat(txns.get(1).valueDate()).hasToString("2026-03-01");
        assertThat(txns.get(1).counterpartyReference()).isEqualTo("TW99008100000000049999999");
        assertThat(txns.get(2).counterpartyReference()).isEqualTo("Customer Payment Ltd");
        assertThat(txns.get(3).counterpartyReference()).isEqualTo("Amazon Web Services");

        List<Balance> balances = records(result.dataset(), Entity.BALANCES, Balance.class);
        assertThat(balances.get(1).opening()).hasToString("-2000.00"); // PRCD DBIT: a debit balance is negative
        List<Account> accounts = records(result.dataset(), Entity.ACCOUNTS, Account.class);
        assertThat(accounts).extracting(Account::type).containsExactly(AccountType.SAVINGS, AccountType.OTHER,
                AccountType.CURRENT);
        assertThat(accounts.getFirst().customerId()).isEqualTo(Fixtures.PSEUDONYMS.pseudonym("A123456789"));
        List<Customer> customers = records(result.dataset(), Entity.CUSTOMERS, Customer.class);
        assertThat(customers).extracting(Customer::contactChannel).containsExactly(ContactChannel.PHONE,
                ContactChannel.NONE, ContactChannel.EMAIL);
        assertThat(customers.get(1).segment()).isEqualTo("organisation");
    }

    @Test
    void aStatementSummaryThatDisagreesWithItsEntriesRejectsTheImport() throws Exception {
        Path file = tmp.resolve("summary.xml");
        Files.writeString(file, Files.readString(resource("statement-v02.xml"))
                .replace("<Sum>650.00</Sum>", "<Sum>660.00</Sum>"));
        assertThatThrownBy(() -> importCamt(file)).isInstanceOfSatisfying(DatasetRejectedException.class, e ->
                assertThat(e.report().discrepancies()).singleElement().satisfies(d -> {
                    assertThat(d.kind()).isEqualTo(DiscrepancyKind.CONTROL_TOTAL_MISMATCH);
                    assertThat(d.file()).isEqualTo("summary.xml");
                    assertThat(d.line()).isEqualTo(42);
                    assertThat(d.expected()).isEqualTo("660.00");
                    assertThat(d.found()).isEqualTo("650.00");
                    assertThat(d.detail()).contains("TxsSummry/TtlDbtNtries/Sum");
                }));
        assertThat(Files.exists(tmp.resolve("dataset"))).isFalse();
    }

    @Test
    void aClosingBalanceThatDoesNotAddUpIsReportedWithTheStatementLine() throws Exception {
        Path file = tmp.resolve("s.xml");
        Files.writeString(file, Files.readString(resource("statement-v08.xml")).replace(">1150.25<", ">1150.26<"));
        assertThatThrownBy(() -> importCamt(file)).isInstanceOfSatisfying(DatasetRejectedException.class, e ->
                assertThat(e.report().discrepancies()).singleElement().satisfies(d -> {
                    assertThat(d.kind()).isEqualTo(DiscrepancyKind.BALANCE_DOES_NOT_ADD_UP);
                    assertThat(d.source()).isEqualTo("s.xml line 23");
                }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"xxe.xml", "billion-laughs.xml"})
    void doctypesAreRefusedSoNoEntityIsEverResolved(String name) {
        assertThatThrownBy(() -> importCamt(resource("malformed/" + name)))
                .isInstanceOfSatisfying(MalformedInputException.class, e -> {
                    assertThat(e.file()).isEqualTo(name);
                    assertThat(e.problem()).contains("DOCTYPE declarations are not allowed");
                    assertThat(e.getMessage()).doesNotContain("root:");
                });
        assertThat(Files.exists(tmp.resolve("dataset"))).isFalse();
    }

    @Test
    void anotherMessageTypeIsRefusedByNamespace() {
        assertThatThrownBy(() -> importCamt(resource("malformed/wrong-namespace.xml")))
                .isInstanceOfSatisfying(MalformedInputException.class, e -> {
                    assertThat(e.location()).isEqualTo("line 2, /Document");
                    assertThat(e.problem()).contains("camt.052.001.02").contains("not a camt.053 Document");
                });
    }

    @Test
    void brokenXmlIsNamedWithLineAndElementPath() {
        assertThatThrownBy(() -> importCamt(resource("malformed/unclosed.xml")))
                .isInstanceOfSatisfying(MalformedInputException.class, e -> {
                    assertThat(e.location()).startsWith("line 8").endsWith("/Document/BkToCstmrStmt[1]/Stmt[1]");
                    assertThat(e.problem()).startsWith("malformed XML");
                });
    }

    @Test
    void aMalformedAmountNamesItsElement() {
        assertThatThrownBy(() -> importCamt(resource("malformed/bad-amount.xml")))
                .isInstanceOfSatisfying(MalformedInputException.class, e -> {
                    assertThat(e.location()).isEqualTo("line 10, /Document/BkToCstmrStmt[1]/Stmt[1]/Ntry[1]/Amt[1]");
                    assertThat(e.problem()).contains("\"10,00\" is not a plain decimal number");
                });
    }

    @Test
    void aStatementWithoutClosingBalanceIsRefused() {
        assertThatThrownBy(() -> importCamt(resource("malformed/missing-closing.xml")))
                .isInstanceOfSatisfying(MalformedInputException.class, e -> {
                    assertThat(e.location()).endsWith("/Document/BkToCstmrStmt[1]/Stmt[1]");
                    assertThat(e.problem()).contains("closing (CLBD)");
                });
    }

    @Test
    void aSignedOrMisdirectedAmountIsRefused() throws Exception {
        Path file = tmp.resolve("neg.xml");
        Files.writeString(file, Files.readString(resource("statement-v08.xml")).replace(">50.25<", ">-50.25<"));
        assertThatThrownBy(() -> importCamt(file)).isInstanceOfSatisfying(MalformedInputException.class,
                e -> assertThat(e.problem()).contains("unsigned"));
        Path file2 = tmp.resolve("ind.xml");
        Files.writeString(file2, Files.readString(resource("statement-v08.xml")).replace("<CdtDbtInd>DBIT", "<CdtDbtInd>DEBIT"));
        assertThatThrownBy(() -> new CoreDataImport(Fixtures.options(), null).fromCamt053(List.of(file2),
                tmp.resolve("d2"))).isInstanceOfSatisfying(MalformedInputException.class,
                e -> assertThat(e.problem()).contains("CdtDbtInd must be CRDT or DBIT"));
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedWithTheirLine() throws Exception {
        Path file = tmp.resolve("latin1.xml");
        byte[] xml = Files.readAllBytes(resource("statement-v08.xml"));
        String text = new String(xml, java.nio.charset.StandardCharsets.UTF_8).replace("Lin, Mei-Hua", "Lin, M\u00e9i-Hua");
        Files.write(file, text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> importCamt(file)).isInstanceOfSatisfying(MalformedInputException.class, e ->
                assertThat(e.problem()).contains("not valid UTF-8"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"03", "04", "05", "06", "07", "09", "10", "11", "12", "13"})
    void everyVersionFrom02OnIsRecognisedByNamespace(String version) throws Exception {
        Path file = tmp.resolve("v" + version + ".xml");
        Files.writeString(file, Files.readString(resource("statement-v08.xml")).replace("camt.053.001.08",
                "camt.053.001." + version));
        assertThat(importCamt(file).report().recordCounts()).containsEntry("transactions", 1L);
    }

    @Test
    void version01IsRefused() throws Exception {
        Path file = tmp.resolve("v01.xml");
        Files.writeString(file, Files.readString(resource("statement-v08.xml")).replace("camt.053.001.08",
                "camt.053.001.01"));
        assertThatThrownBy(() -> importCamt(file)).isInstanceOfSatisfying(MalformedInputException.class,
                e -> assertThat(e.problem()).contains("camt.053.001.01 is not supported"));
    }
}
