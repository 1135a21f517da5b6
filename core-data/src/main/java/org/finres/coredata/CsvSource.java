package org.finres.coredata;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.dataformat.csv.CsvFactory;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one CSV source file (RFC 4180: comma separated, double-quote quoting, a header line naming the columns)
 * with jackson-dataformat-csv, row by row, handing each row to a consumer with the line it starts on.
 */
final class CsvSource {

    /** A field longer than this (e.g. an unclosed quote swallowing the file) is refused before it fills memory. */
    static final int MAX_FIELD = 1 << 20;

    private static final CsvMapper MAPPER = CsvMapper.builder(CsvFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_FIELD).build())
                    .build())
            .enable(CsvReadFeature.SKIP_EMPTY_LINES)
            .build();

    /** Receives a row and the 1-based line it starts on. */
    interface RowConsumer {
        void row(SourceLayout.Row row, long line);
    }

    private CsvSource() {
    }

    /**
     * Reads {@code in} as CSV. The header must contain {@code required} columns; columns outside
     * {@code required} and {@code optional} are ignored. Malformed CSV is reported with file and line.
     */
    static void read(String file, InputStream in, List<String> required, List<String> optional, RowConsumer consumer) {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        long line = 0;
        boolean rowStarted = false;
        try (JsonParser p = MAPPER.readerFor(String[].class).with(CsvSchema.emptySchema()).createParser(reader)) {
            Header columns = null;
            List<String> values = new ArrayList<>();
            long lastRowLine = 0;
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                if (token != JsonToken.START_ARRAY) {
                    throw new MalformedInputException(file, "line " + lineOf(p.currentTokenLocation()),
                            "unexpected CSV structure");
                }
                // The row's START_ARRAY sits where the previous row ended; its first value is on its own line,
                // and until that is read the row starts where the previous one's terminator left off.
                line = Math.max(1, lastRowLine);
                rowStarted = true;
                values.clear();
                while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (token == null) {
                        throw new MalformedInputException(file, "line " + line, "the file ends inside a row");
                    }
                    if (values.isEmpty()) {
                        line = lineOf(p.currentTokenLocation());
                    }
                    values.add(p.getString());
                }
                lastRowLine = lineOf(p.currentLocation());
                rowStarted = false;
                if (columns == null) {
                    columns = header(file, line, values, required);
                    continue;
                }
                if (values.size() != columns.count()) {
                    throw new MalformedInputException(file, "line " + line, "the row has " + values.size()
                            + " field" + (values.size() == 1 ? "" : "s") + ", the header " + columns.count());
                }
                List<String> row = List.copyOf(values);
                Map<String, Integer> cols = columns.index();
                consumer.row(column -> {
                    Integer i = cols.get(column);
                    if (i == null) {
                        return null;
                    }
                    String v = row.get(i);
                    return v.isEmpty() ? null : v;
                }, line);
            }
            if (columns == null) {
                throw new MalformedInputException(file, "line 1", "the file is empty; a header line naming the "
                        + "columns " + String.join(",", required) + " is required");
            }
        } catch (JacksonException e) {
            // Inside a row (an unclosed quote runs to the end of the file) the row's first line is the useful one.
            long at = rowStarted || e.getLocation() == null ? line : lineOf(e.getLocation());
            throw new MalformedInputException(file, "line " + Math.max(at, 1), "malformed CSV: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static long lineOf(TokenStreamLocation location) {
        return location == null ? 0 : location.getLineNr();
    }

    /** Column name to position, and the number of fields every row must have. */
    private record Header(Map<String, Integer> index, int count) {
    }

    private static Header header(String file, long line, List<String> names, List<String> required) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1); // a byte order mark some spreadsheet exports put first
            }
            if (columns.put(name, i) != null) {
                throw new MalformedInputException(file, "line " + line, "the header names column " + name + " twice");
            }
        }
        List<String> missing = required.stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new MalformedInputException(file, "line " + line, "the header lacks the column"
                    + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing) + " (expected "
                    + String.join(",", required) + ")");
        }
        return new Header(Map.copyOf(columns), names.size());
    }
}
