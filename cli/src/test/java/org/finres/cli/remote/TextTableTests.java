package org.finres.cli.remote;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextTableTests {

    private static String render(TextTable table) {
        StringWriter text = new StringWriter();
        table.printTo(new PrintWriter(text, true));
        return text.toString();
    }

    @Test
    void alignsColumnsCountingChineseCharactersAsTwoColumnsWide() {
        String text = render(new TextTable(List.of("ID", "NAME", "KIND"), List.of(
                List.of("swiftpay", "迅付電子支付", "payment"),
                List.of("bank-a", "Bank A", "bank"))));

        assertThat(text).isEqualTo("""
                ID        NAME          KIND
                swiftpay  迅付電子支付  payment
                bank-a    Bank A        bank
                """);
    }

    @Test
    void leavesNoTrailingSpacesAfterAnEmptyLastCell() {
        String text = render(new TextTable(List.of("A", "LAST"), List.of(List.of("value", ""))));

        assertThat(text.lines()).allSatisfy(line -> assertThat(line).doesNotEndWith(" "));
    }

    @Test
    void tableWithoutHeadingsPrintsOnlyItsRows() {
        String text = render(new TextTable(List.of(), List.of(List.of("id:", "x"), List.of("name:", "y"))));

        assertThat(text).isEqualTo("id:    x\nname:  y\n");
    }

    @Test
    void replacesControlAndBidiCharactersInCells() {
        String text = render(new TextTable(List.of("NAME"), List.of(List.of("a\u001b[31mb\nc\u202ed"))));

        assertThat(text).isEqualTo("NAME\na\uFFFD[31mb\uFFFDc\uFFFDd\n");
    }

    @Test
    void refusesRowsOfTheWrongLength() {
        assertThatThrownBy(() -> new TextTable(List.of("A", "B"), List.of(List.of("only one"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void displayWidthCountsWideCharactersTwiceAndCombiningMarksNotAtAll() {
        assertThat(TextTable.displayWidth("abc")).isEqualTo(3);
        assertThat(TextTable.displayWidth("銀行")).isEqualTo(4);
        assertThat(TextTable.displayWidth("e\u0301")).isEqualTo(1);
        assertThat(TextTable.displayWidth("ＡＢ")).isEqualTo(4);
    }
}
