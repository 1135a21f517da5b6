package org.finres.detection.internal.indicator;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the indicator lists analysts upload (see {@link ListFormat}) record by record: a bad record becomes a
 * {@link LineError} and reading goes on. Blank lines and lines starting with {@code #} are skipped in every format; a
 * byte order mark is ignored. Never throws for any content: every defect is a line error.
 */
public final class IndicatorListParser {

    /** Longer lines are refused: no canonical indicator comes near, and a runaway line must not fill the heap. */
    public static final int MAX_LINE = 65_536;
    public static final int MAX_LABEL = 1_024;
    /** A quoted CSV field may span lines (RFC 4180), but not more than this many. */
    public static final int MAX_RECORD_LINES = 64;
    public static final int MAX_LISTED_ERRORS = 1_000;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final String content;
    private final List<ListedIndicator> indicators = new ArrayList<>();
    private final List<LineError> errors = new ArrayList<>();
    private int unlistedErrors;
    private int position;
    private int lineNumber;

    private IndicatorListParser(String content) {
        this.content = content.startsWith("\uFEFF") ? content.substring(1) : content;
    }

    /** Reads {@code content}, telling its format from its first record (see {@link #detect}). */
    public static IndicatorList parse(String content) {
        return parse(content, detect(content));
    }

    public static IndicatorList parse(String content, ListFormat format) {
        IndicatorListParser parser = new IndicatorListParser(content == null ? "" : content);
        switch (format) {
            case CSV -> parser.readCsv();
            case JSON_LINES -> parser.readJsonLines();
            case VALUES -> parser.readValues();
        }
        return new IndicatorList(format, parser.indicators, parser.errors, parser.unlistedErrors);
    }

    /** Reads everything from {@code reader} (the caller bounds the upload's size), then as {@link #parse(String)}. */
    public static IndicatorList read(Reader reader, ListFormat format) throws IOException {
        StringBuilder content = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n; (n = reader.read(buffer)) >= 0; ) {
            content.append(buffer, 0, n);
        }
        return format == null ? parse(content.toString()) : parse(content.toString(), format);
    }

    /**
     * The format of a list by its first significant line: a {@code {} starts JSON Lines; several fields whose first
     * is a type code, {@code type} or {@code value} make CSV; anything else is a list of bare values.
     */
    public static ListFormat detect(String content) {
        IndicatorListParser probe = new IndicatorListParser(content == null ? "" : content);
        String line;
        while ((line = probe.nextLine()) != null) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (text.startsWith("{")) {
                return ListFormat.JSON_LINES;
            }
            List<String> fields = new ArrayList<>();
            String first = splitCsv(line, fields) instanceof Split.Complete && fields.size() >= 2
                    ? fields.getFirst() : "";
            String name = first.toLowerCase(Locale.ROOT);
            return name.equals("type") || name.equals("value") || (!name.isEmpty() && IndicatorType.isCode(name))
                    ? ListFormat.CSV : ListFormat.VALUES;
        }
        return ListFormat.VALUES;
    }

    private void readValues() {
        String line;
        while ((line = nextLine()) != null) {
            String text = line.strip();
            if (isSkipped(text)) {
                continue;
            }
            int comment = inlineComment(text);
            if (comment >= 0) {
                text = text.substring(0, comment).strip();
            }
            add(lineNumber, null, text, null);
        }
    }

    /** A {@code #} after whitespace starts a comment, as blocklists write them; no value contains a space. */
    private static int inlineComment(String text) {
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i) == '#' && Character.isWhitespace(text.charAt(i - 1))) {
                return i;
            }
        }
        return -1;
    }

    private void readJsonLines() {
        String line;
        while ((line = nextLine()) != null) {
            String text = line.strip();
            if (isSkipped(text)) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JacksonException e) {
                error(lineNumber, "not valid JSON: " + firstLine(e.getOriginalMessage()));
                continue;
            }
            if (node == null || !node.isObject()) {
                error(lineNumber, "expected a JSON object with \"type\" and \"value\"");
                continue;
            }
            String wrong = firstNonString(node, "type", "value", "label");
            if (wrong != null) {
                error(lineNumber, "\"" + wrong + "\" must be a string");
            } else if (jsonString(node, "value") == null) {
                error(lineNumber, "no \"value\"");
            } else {
                add(lineNumber, jsonString(node, "type"), jsonString(node, "value"), jsonString(node, "label"));
            }
        }
    }

    private static String firstNonString(JsonNode object, String... names) {
        for (String name : names) {
            JsonNode field = object.get(name);
            if (field != null && !field.isNull() && !field.isString()) {
                return name;
            }
        }
        return null;
    }

    private static String jsonString(JsonNode object, String name) {
        JsonNode field = object.get(name);
        return field == null || field.isNull() ? null : field.asString();
    }

    private void readCsv() {
        int typeColumn = 0;
        int valueColumn = 1;
        int labelColumn = 2;
        boolean positional = true;
        int headerFields = 0;
        boolean first = true;
        List<String> fields = new ArrayList<>();
        String line;
        while ((line = nextLine()) != null) {
            if (isSkipped(line.strip())) {
                continue;
            }
            int startLine = lineNumber;
            int resume = position;
            String record = line;
            Split split = splitCsv(record, fields);
            int extraLines = 0;
            while (split instanceof Split.Unclosed && extraLines < MAX_RECORD_LINES && record.length() < MAX_LINE) {
                String more = nextLine();
                if (more == null) {
                    break;
                }
                record = record + "\n" + more;
                extraLines++;
                split = splitCsv(record, fields);
            }
            String problem = switch (split) {
                case Split.Complete complete -> null;
                case Split.Malformed malformed -> malformed.reason();
                case Split.Unclosed unclosed -> {
                    // Take back the lines the open quote swallowed, so that only this record is lost.
                    position = resume;
                    lineNumber = startLine;
                    yield "a quoted field is never closed";
                }
            };
            if (problem != null) {
                error(startLine, problem);
                first = false;
                continue;
            }
            if (first) {
                first = false;
                String name = fields.getFirst().toLowerCase(Locale.ROOT);
                if (name.equals("type") || name.equals("value")) {
                    typeColumn = column(fields, "type");
                    valueColumn = column(fields, "value", "indicator");
                    labelColumn = column(fields, "label", "description");
                    positional = false;
                    headerFields = fields.size();
                    if (valueColumn < 0) {
                        error(startLine, "the header has no \"value\" column");
                        return;
                    }
                    continue;
                }
            }
            if (positional) {
                if (fields.size() > 3) {
                    error(startLine, "expected type,value[,label], got " + fields.size() + " fields (quote values "
                            + "that contain commas)");
                    continue;
                }
                if (fields.size() == 1) {
                    add(startLine, null, fields.getFirst(), null);
                } else {
                    add(startLine, fields.get(0), fields.get(1), fields.size() > 2 ? fields.get(2) : null);
                }
            } else if (fields.size() > headerFields) {
                error(startLine, "the record has " + fields.size() + " fields, the header " + headerFields
                        + " (quote values that contain commas)");
            } else {
                add(startLine, field(fields, typeColumn), field(fields, valueColumn), field(fields, labelColumn));
            }
        }
    }

    private static int column(List<String> header, String... names) {
        for (int i = 0; i < header.size(); i++) {
            for (String name : names) {
                if (header.get(i).equalsIgnoreCase(name)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String field(List<String> fields, int column) {
        return column >= 0 && column < fields.size() ? fields.get(column) : null;
    }

    /** How splitting a CSV record went. */
    private sealed interface Split {
        record Complete() implements Split {
        }

        /** A quoted field runs past the end: the record may go on on the next line. */
        record Unclosed() implements Split {
        }

        record Malformed(String reason) implements Split {
        }
    }

    private static final Split COMPLETE = new Split.Complete();
    private static final Split UNCLOSED = new Split.Unclosed();

    /**
     * Splits one CSV record into {@code fields} (RFC 4180: {@code ""} is a quote inside a quoted field, which may
     * hold commas and line breaks; spaces around fields are dropped).
     */
    private static Split splitCsv(String record, List<String> fields) {
        fields.clear();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = record.length();
        while (true) {
            while (i < n && (record.charAt(i) == ' ' || record.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && record.charAt(i) == '"') {
                i++;
                field.setLength(0);
                while (true) {
                    if (i >= n) {
                        return UNCLOSED;
                    }
                    char c = record.charAt(i++);
                    if (c == '"') {
                        if (i < n && record.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                fields.add(field.toString());
                while (i < n && (record.charAt(i) == ' ' || record.charAt(i) == '\t')) {
                    i++;
                }
                if (i < n && record.charAt(i) != ',') {
                    return new Split.Malformed("text after the closing quote of field " + fields.size());
                }
            } else {
                int start = i;
                while (i < n && record.charAt(i) != ',') {
                    if (record.charAt(i) == '"') {
                        return new Split.Malformed("a quote inside unquoted field " + (fields.size() + 1)
                                + " (quote the whole field and double the quote)");
                    }
                    i++;
                }
                fields.add(record.substring(start, i).strip());
            }
            if (i >= n) {
                return COMPLETE;
            }
            i++; // the comma
        }
    }

    private void add(int line, String type, String value, String label) {
        String cleanLabel = label == null || label.isBlank() ? null : label.strip();
        if (cleanLabel != null && cleanLabel.length() > MAX_LABEL) {
            error(line, "label is " + cleanLabel.length() + " characters long, more than " + MAX_LABEL);
            return;
        }
        try {
            IndicatorValue parsed = type == null || type.isBlank() ? IndicatorValue.parseInferred(value)
                    : IndicatorValue.parse(type, value);
            indicators.add(new ListedIndicator(line, parsed, cleanLabel));
        } catch (IndicatorFormatException e) {
            error(line, e.getMessage());
        }
    }

    private void error(int line, String reason) {
        if (errors.size() < MAX_LISTED_ERRORS) {
            errors.add(new LineError(line, reason));
        } else {
            unlistedErrors++;
        }
    }

    private static boolean isSkipped(String text) {
        return text.isEmpty() || text.startsWith("#");
    }

    private static String firstLine(String message) {
        String text = message == null ? "unreadable" : message;
        int end = text.indexOf('\n');
        return IndicatorSyntax.quote(end < 0 ? text : text.substring(0, end));
    }

    /**
     * The next physical line (ended by LF, CRLF or CR) without its terminator, or null at the end; a line longer
     * than {@link #MAX_LINE} is recorded as an error and skipped.
     */
    private String nextLine() {
        while (position < content.length()) {
            int start = position;
            int end = start;
            while (end < content.length() && content.charAt(end) != '\n' && content.charAt(end) != '\r') {
                end++;
            }
            position = end;
            if (position < content.length()) {
                position += content.charAt(position) == '\r' && position + 1 < content.length()
                        && content.charAt(position + 1) == '\n' ? 2 : 1;
            }
            lineNumber++;
            if (end - start > MAX_LINE) {
                error(lineNumber, "line is " + (end - start) + " characters long, more than " + MAX_LINE);
                continue;
            }
            return content.substring(start, end);
        }
        return null;
    }
}
