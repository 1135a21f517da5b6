package org.finres.coredata;

/**
 * One thing in a dataset that does not add up or does not fit, located precisely.
 *
 * @param kind     what kind of discrepancy
 * @param file     the dataset file it was found in ("balances.jsonl", "dataset.json"), or a source file
 * @param line     1-based line in that file, or 0 when it concerns the file or dataset as a whole
 * @param recordId the record's key (account id, transaction id, a control-total key), or "" when none
 * @param expected what the numbers or the rules say it should be ("" when not a comparison)
 * @param found    what the dataset says ("" when not a comparison)
 * @param detail   a sentence saying what is wrong, for people
 * @param source   where the record came from before import ("balances.csv line 17"), or ""
 */
public record Discrepancy(DiscrepancyKind kind, String file, long line, String recordId, String expected, String found,
        String detail, String source) {

    public Discrepancy {
        recordId = recordId == null ? "" : recordId;
        expected = expected == null ? "" : expected;
        found = found == null ? "" : found;
        detail = detail == null ? "" : detail;
        source = source == null ? "" : source;
    }

    Discrepancy withSource(String where) {
        return new Discrepancy(kind, file, line, recordId, expected, found, detail, where);
    }

    /** "balances.jsonl line 3 [TW0001]: BALANCE_DOES_NOT_ADD_UP: ... (expected 80.00, found 90.00)". */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file);
        if (line > 0) {
            s.append(" line ").append(line);
        }
        if (!source.isEmpty()) {
            s.append(" (from ").append(source).append(')');
        }
        if (!recordId.isEmpty()) {
            s.append(" [").append(recordId).append(']');
        }
        s.append(": ").append(kind).append(": ").append(detail);
        if (!expected.isEmpty() || !found.isEmpty()) {
            s.append(" (expected ").append(expected.isEmpty() ? "-" : expected).append(", found ")
                    .append(found.isEmpty() ? "-" : found).append(')');
        }
        return s.toString();
    }
}
