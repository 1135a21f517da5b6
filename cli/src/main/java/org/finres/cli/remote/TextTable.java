package org.finres.cli.remote;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows aligned in columns for a terminal. Widths count East Asian wide characters as two columns, because the
 * hub's institution names are mostly Chinese and would otherwise push every later column out of line.
 *
 * @param headings column headings; none for a table without a heading line
 * @param rows     cells, one list per row, all of the same length (that of the headings, if any)
 */
public record TextTable(List<String> headings, List<List<String>> rows) {

    private static final String GAP = "  ";

    public TextTable {
        headings = List.copyOf(headings);
        rows = rows.stream().map(List::copyOf).toList();
        int columns = headings.isEmpty() && !rows.isEmpty() ? rows.getFirst().size() : headings.size();
        for (List<String> row : rows) {
            if (row.size() != columns) {
                throw new IllegalArgumentException("a row has " + row.size() + " cells for " + columns + " columns");
            }
        }
    }

    public void printTo(PrintWriter out) {
        List<List<String>> lines = new ArrayList<>();
        if (!headings.isEmpty()) {
            lines.add(headings);
        }
        rows.forEach(row -> lines.add(row.stream().map(Output::printable).toList()));
        if (lines.isEmpty()) {
            return;
        }
        int[] widths = new int[lines.getFirst().size()];
        for (List<String> line : lines) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], displayWidth(line.get(c)));
            }
        }
        for (List<String> line : lines) {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < widths.length; c++) {
                String cell = line.get(c);
                text.append(cell);
                if (c < widths.length - 1) {
                    text.append(" ".repeat(widths[c] - displayWidth(cell))).append(GAP);
                }
            }
            out.println(text.toString().stripTrailing());
        }
    }

    /** Terminal columns the text takes: two for wide characters, none for combining marks, one otherwise. */
    static int displayWidth(String text) {
        return text.codePoints().map(TextTable::columns).sum();
    }

    private static int columns(int codePoint) {
        int type = Character.getType(codePoint);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
            return 0;
        }
        return wide(codePoint) ? 2 : 1;
    }

    /** The ranges of East Asian Width W and F (Unicode UAX #11) that occur in practice. */
    private static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF)
                || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF)
                || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F)
                || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F)
                || (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
