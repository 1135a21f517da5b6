package org.finres.credit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The ranking CSV's cells: RFC 4180 quoting, and no text Excel would run as a formula. */
class RankingCsvTests {

    @Test
    void quotesWhatMustBeQuotedAndDefusesFormulas() {
        assertThat(SharingCredit.cell("Plain Bank")).isEqualTo("Plain Bank");
        assertThat(SharingCredit.cell("Bank, Ltd.")).isEqualTo("\"Bank, Ltd.\"");
        assertThat(SharingCredit.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(SharingCredit.cell("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
        assertThat(SharingCredit.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(SharingCredit.cell("-15")).as("a negative number stays a number").isEqualTo("-15");
        assertThat(SharingCredit.cell("+cmd")).isEqualTo("'+cmd");
        assertThat(SharingCredit.cell("")).isEmpty();
    }
}
