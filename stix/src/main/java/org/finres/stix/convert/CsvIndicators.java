package org.finres.stix.convert;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.finres.stix.Tlp;
import org.finres.stix.model.StixTimestamp;

/**
 * Reads a CSV of indicators (RFC 4180: comma separated, fields in double quotes may hold commas, quotes doubled
 * and line breaks) into a STIX bundle. The first line that is not blank and does not start with {@code #} is the
 * header; {@code type} and {@code value} are required, the other columns optional and in any order:
 * <pre>
 * type        ipv4-addr, ipv6-addr, domain-name (or hostname), url, email-addr, md5, sha1, sha256, filename
 * value       the observable value
 * tlp         clear, green, amber, amber+strict, red (empty: the default given to the decoder)
 * confidence  0..100
 * valid_from  STIX timestamp or yyyy-mm-dd (empty: now)
 * valid_until STIX timestamp or yyyy-mm-dd, after valid_from
 * labels      separated by ;
 * name, description free text
 * </pre>
 * Row problems leave that row out and are named by line and column; the good rows are still converted, as a
 * TAXII POST keeps the good objects of a bundle. The whole file is refused only when it cannot be read as this
 * CSV at all: no header, an unknown or repeated column, a missing required column, an unterminated quote, or no
 * data rows.
 */
public final class CsvIndicators {

    /** The columns a header may name. */
    public static final List<String> COLUMNS = List.of("type", "value", "tlp", "confidence", "valid_from",
            "valid_until", "labels", "name", "description");

    /** More rows than this are refused: one upload is one analyst's list, not a feed dump. */
    public static final int MAX_ROWS = 100_000;

    private CsvIndicators() {
    }

    /** A record of the file and the line it starts on. */
    private record Row(int line, List<String> fields) {
    }

    public static Conversion decode(String text, Tlp defaultTlp) {
        return decode(text, defaultTlp, Instant.now());
    }

    static Conversion decode(String text, Tlp defaultTlp, Instant now) {
        List<Row> rows = rows(text.startsWith("\uFEFF") ? text.substring(1) : text);
        if (rows.isEmpty()) throw new ConversionRefusedException("line 1", "no header: the first line must name the columns ("
                + String.join(",", COLUMNS) + "), type and value being required");
        Row header = rows.getFirst();
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String name = header.fields().get(i).strip().toLowerCase(Locale.ROOT);
            String where = "line " + header.line() + ", column " + (i + 1);
            if (name.isEmpty()) throw new ConversionRefusedException(where, "the header has an empty column name");
            if (!COLUMNS.contains(name)) {
                String hint = ObservableKind.ofCsvName(name).isPresent() || name.contains(".") || name.contains(":")
                        ? " (this looks like data: the first line must be the header)" : "";
                throw new ConversionRefusedException(where, "unknown column '" + name + "'; the columns are "
                        + String.join(", ", COLUMNS) + hint);
            }
            if (columns.putIfAbsent(name, i) != null) throw new ConversionRefusedException(where, "column '" + name + "' appears twice");
        }
        for (String required : List.of("type", "value")) {
            if (!columns.containsKey(required)) throw new ConversionRefusedException("line " + header.line(),
                    "the header has no '" + required + "' column (type and value are required)");
        }
        if (rows.size() == 1) throw new ConversionRefusedException("line " + (header.line() + 1), "no indicator rows after the header");
        if (rows.size() - 1 > MAX_ROWS) throw new ConversionRefusedException("line " + rows.get(MAX_ROWS + 1).line(),
                "more than " + MAX_ROWS + " rows; split the file");

        BundleAssembly assembly = new BundleAssembly(now);
        List<ConversionProblem> problems = new ArrayList<>();
        int converted = 0;
        for (Row row : rows.subList(1, rows.size())) {
            if (row.fields().size() != header.fields().size()) {
                problems.add(new ConversionProblem("line " + row.line(), "has " + row.fields().size() + " fields, the header "
                        + header.fields().size()));
                continue;
            }
            List<ConversionProblem> rowProblems = new ArrayList<>();
            Optional<BundleAssembly.Draft> draft = draft(row, columns, defaultTlp, rowProblems);
            if (draft.isPresent()) {
                try {
                    assembly.add(draft.get());
                    converted++;
                } catch (IllegalArgumentException e) {
                    rowProblems.add(new ConversionProblem("line " + row.line() + ", column value", e.getMessage()));
                }
            }
            problems.addAll(rowProblems);
        }
        return new Conversion(assembly.bundle(), converted, problems);
    }

    private static Optional<BundleAssembly.Draft> draft(Row row, Map<String, Integer> columns, Tlp defaultTlp,
                                                        List<ConversionProblem> problems) {
        int before = problems.size();
        String typeText = field(row, columns, "type");
        Optional<ObservableKind> kind = ObservableKind.ofCsvName(typeText);
        if (kind.isEmpty()) problems.add(problem(row, "type", typeText.isBlank() ? "the type is empty; one of " + ObservableKind.csvNames()
                : "unknown type '" + typeText.strip() + "'; one of " + ObservableKind.csvNames()));
        String value = null;
        if (kind.isPresent()) {
            try {
                value = kind.get().normalise(field(row, columns, "value"));
            } catch (IllegalArgumentException e) {
                problems.add(problem(row, "value", e.getMessage()));
            }
        }
        Tlp tlp = defaultTlp;
        String tlpText = field(row, columns, "tlp");
        if (!tlpText.isBlank()) {
            Optional<Tlp> t = TlpNames.parse(tlpText);
            if (t.isEmpty()) problems.add(problem(row, "tlp", "unknown TLP '" + tlpText.strip() + "'; one of " + TlpNames.ACCEPTED));
            else tlp = t.get();
        }
        Integer confidence = null;
        String confidenceText = field(row, columns, "confidence").strip();
        if (!confidenceText.isEmpty()) {
            try {
                confidence = Integer.parseInt(confidenceText);
                if (confidence < 0 || confidence > 100) {
                    problems.add(problem(row, "confidence", "confidence " + confidence + " is not within 0..100"));
                }
            } catch (NumberFormatException e) {
                problems.add(problem(row, "confidence", "'" + confidenceText + "' is not a whole number 0..100"));
            }
        }
        StixTimestamp validFrom = time(row, columns, "valid_from", problems);
        StixTimestamp validUntil = time(row, columns, "valid_until", problems);
        List<String> labels = Arrays.stream(field(row, columns, "labels").split(";")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        if (problems.size() > before) return Optional.empty();
        return Optional.of(new BundleAssembly.Draft(List.of(new BundleAssembly.Value(kind.get(), value)), tlp, confidence,
                validFrom, validUntil, labels, emptyToNull(field(row, columns, "name")),
                emptyToNull(field(row, columns, "description")), null, null, true));
    }

    private static StixTimestamp time(Row row, Map<String, Integer> columns, String column, List<ConversionProblem> problems) {
        String text = field(row, columns, column).strip();
        if (text.isEmpty()) return null;
        StixTimestamp t = StixTimestamp.parseOrNull(text);
        if (t != null) return t;
        try {
            Instant day = LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            return StixTimestamp.ofMillis(day);
        } catch (DateTimeParseException e) {
            problems.add(problem(row, column, "'" + text + "' is neither a STIX timestamp (2026-01-31T08:00:00Z) nor a date (2026-01-31)"));
            return null;
        }
    }

    private static String emptyToNull(String s) {
        return s.isBlank() ? null : s.strip();
    }

    private static String field(Row row, Map<String, Integer> columns, String name) {
        Integer i = columns.get(name);
        return i == null ? "" : row.fields().get(i);
    }

    private static ConversionProblem problem(Row row, String column, String message) {
        return new ConversionProblem("line " + row.line() + ", column " + column, message);
    }

    /** Splits the text into records, skipping blank lines and lines starting with {@code #} outside quotes. */
    private static List<Row> rows(String text) {
        List<Row> rows = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int start = line;
            // A blank or comment line outside any record.
            int eol = lineEnd(text, i);
            String raw = text.substring(i, eol);
            if (raw.isBlank() || raw.stripLeading().startsWith("#")) {
                i = next(text, eol);
                line++;
                continue;
            }
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            while (true) {
                if (i >= n) {
                    if (quoted) throw new ConversionRefusedException("line " + start, "a quoted field is never closed");
                    break;
                }
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                        } else {
                            quoted = false;
                            i++;
                        }
                    } else {
                        if (c == '\n') line++;
                        field.append(c);
                        i++;
                    }
                    continue;
                }
                if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                    i++;
                } else if (c == '"' && field.toString().isBlank() && !wasQuoted) {
                    field.setLength(0);
                    quoted = true;
                    wasQuoted = true;
                    i++;
                } else if (c == '\r' || c == '\n') {
                    break;
                } else {
                    field.append(c);
                    i++;
                }
            }
            fields.add(field.toString());
            rows.add(new Row(start, fields));
            if (i < n) {
                i = next(text, i);
            }
            line++;
        }
        return rows;
    }

    private static int lineEnd(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') i++;
        return i;
    }

    /** The index after the line break at {@code eol}. */
    private static int next(String text, int eol) {
        if (eol < text.length() && text.charAt(eol) == '\r') eol++;
        if (eol < text.length() && text.charAt(eol) == '\n') eol++;
        return eol;
    }
}
