package org.finres.cli.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.finres.cli.ExitStatus;
import org.finres.cli.testing.CliRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** camt.053 statements through {@code finres vault import}: a good one becomes a dataset, a broken one is named. */
class ImportCommandTests {

    /** One account, opening 10000.00, one debit of 150.00 and one credit of 2000.50: closing 11850.50. */
    private static final String STATEMENT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
              <BkToCstmrStmt>
                <GrpHdr><MsgId>STMT-20261201-001</MsgId><CreDtTm>2026-12-01T23:10:00+08:00</CreDtTm></GrpHdr>
                <Stmt>
                  <Id>S-0001-20261201</Id>
                  <CreDtTm>2026-12-01T23:10:00+08:00</CreDtTm>
                  <Acct>
                    <Id><IBAN>TW12008100000000040000001</IBAN></Id>
                    <Tp><Cd>SVGS</Cd></Tp>
                    <Ccy>TWD</Ccy>
                    <Ownr><Nm>Wang Xiao-Ming</Nm><Id><PrvtId><Othr><Id>A123456789</Id></Othr></PrvtId></Id></Ownr>
                  </Acct>
                  <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="TWD">10000.00</Amt>
                    <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-12-01</Dt></Dt></Bal>
                  <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="TWD">11850.50</Amt>
                    <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-12-01</Dt></Dt></Bal>
                  <Ntry>
                    <NtryRef>1</NtryRef><Amt Ccy="TWD">150.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
                    <BookgDt><Dt>2026-12-01</Dt></BookgDt><ValDt><Dt>2026-12-01</Dt></ValDt>
                    <AcctSvcrRef>FISC-20261201-000001</AcctSvcrRef>
                    <AddtlNtryInf>7-ELEVEN TAIPEI XINYI</AddtlNtryInf>
                  </Ntry>
                  <Ntry>
                    <NtryRef>2</NtryRef><Amt Ccy="TWD">2000.50</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
                    <BookgDt><Dt>2026-12-01</Dt></BookgDt><ValDt><Dt>2026-12-01</Dt></ValDt>
                    <AcctSvcrRef>FISC-20261201-000002</AcctSvcrRef>
                    <AddtlNtryInf>SALARY ACME</AddtlNtryInf>
                  </Ntry>
                </Stmt>
              </BkToCstmrStmt>
            </Document>
            """;

    @TempDir
    Path tmp;

    VaultFixture f;
    Path secret;

    @BeforeEach
    void fixture() throws Exception {
        f = new VaultFixture(tmp);
        secret = tmp.resolve("secret");
        Files.write(secret, VaultFixture.SECRET);
    }

    private CliRun importCamt(Path out, Path... files) {
        String[] args = new String[12 + files.length];
        String[] head = {"import", "--format", "camt053", "--institution", "bank-a", "--date", "2026-12-01",
                "--secret-file", secret.toString(), "--out", out.toString(), "--allow-discrepancies"};
        System.arraycopy(head, 0, args, 0, head.length);
        for (int i = 0; i < files.length; i++) {
            args[head.length + i] = files[i].toString();
        }
        return f.vault(java.util.Arrays.copyOf(args, head.length + files.length));
    }

    @Test
    void aCamt053StatementBecomesADatasetWithItsControlTotals() {
        Path statement = f.write("camt/statement.xml", STATEMENT);
        Path out = tmp.resolve("dataset");

        CliRun run = importCamt(out, statement.getParent());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("accounts: 1").contains("transactions: 2")
                .contains("closing_balance.TWD = 11850.50").contains("debits.TWD = 150.00")
                .contains("credits.TWD = 2000.50").doesNotContain("WITH");
        assertThat(out.resolve("dataset.json")).exists();
        // the customer's national id never reaches the dataset: it is pseudonymised
        assertThat(VaultFixture.files(out).values()).noneMatch(b -> new String(b).contains("A123456789"));
    }

    @Test
    void aMalformedCamt053IsRefusedNamingTheFileAndNothingIsMade() {
        Path statement = f.write("camt/broken.xml", STATEMENT.replace("</Stmt>", ""));
        Path out = tmp.resolve("dataset");

        CliRun run = importCamt(out, statement);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitStatus.INVALID_DATA.code());
        assertThat(run.err()).contains("malformed input, nothing imported").contains("broken.xml");
        assertThat(out).doesNotExist();
    }

    @Test
    void aStatementWhoseEntriesDoNotAddUpToItsClosingBalanceIsNotPublished() {
        Path statement = f.write("camt/wrong.xml", STATEMENT.replace("11850.50", "11850.00"));
        Path out = tmp.resolve("dataset");

        CliRun run = f.vault("import", "--format", "camt053", "--institution", "bank-a", "--date", "2026-12-01",
                "--secret-file", secret.toString(), "--out", out.toString(), statement.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitStatus.INVALID_DATA.code());
        assertThat(run.err()).contains("does not add up").contains("11850.00").contains("nothing was published");
        assertThat(out).doesNotExist();
    }
}
