package org.finres.cli.events;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Arrays;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Splits an input into one record per line, the shape the hub's NDJSON intake takes. Text lines (CEF, LEEF,
 * syslog, JSON Lines) are passed on byte for byte; a JSON array or concatenated (pretty-printed) JSON objects are
 * re-read with Jackson's streaming parser and written one compact object per line, holding one event at a time.
 */
final class RecordReader implements AutoCloseable {

    /** How the input is laid out, decided from its first bytes. */
    enum Layout { LINES, JSON_ARRAY, CONCATENATED_JSON }

    /**
     * One record.
     *
     * @param bytes     the record, without line terminator
     * @param endOffset decoded bytes of the input up to the end of this record
     * @param endEvents records of the input up to and including this one
     */
    record Record(byte[] bytes, long endOffset, long endEvents) {
    }

    /** A single line longer than this is a binary file or a mistake, not an event; the hub caps requests anyway. */
    static final int MAX_LINE = 8 << 20;

    // One value is read at a time out of a longer stream: what follows it is the next record, not an error.
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final InputStream in;
    private final Layout layout;
    private final JsonParser parser;
    private final long baseOffset;
    private long offset;
    private long events;
    private final byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private boolean arrayClosed;

    /**
     * @param in          the decoded input, positioned at {@code offset}
     * @param layout      from {@link #detect}
     * @param offset      bytes already skipped (not used for JSON arrays, which are skipped by {@code skipEvents})
     * @param skipEvents  records to read and drop first (only for JSON arrays: their elements cannot be found by seeking)
     * @param events      records before the first one this reader returns
     */
    RecordReader(InputStream in, Layout layout, long offset, long skipEvents, long events) throws IOException {
        this.in = in;
        this.layout = layout;
        this.baseOffset = offset;
        this.offset = offset;
        this.events = events - skipEvents;
        if (layout == Layout.LINES) {
            this.parser = null;
        } else {
            this.parser = JSON.createParser(in);
            if (layout == Layout.JSON_ARRAY) {
                JsonToken first = token();
                if (first != JsonToken.START_ARRAY) {
                    throw new IOException("expected a JSON array");
                }
            }
        }
        for (long i = 0; i < skipEvents && next() != null; i++) {
            // dropped: acknowledged by an earlier run
        }
    }

    /**
     * The layout from the first bytes: '[' is a JSON array; '{' is JSON Lines when the first line is a whole object,
     * else concatenated objects; anything else is text lines. A text {@code format} forces lines.
     */
    static Layout detect(InputStream in, String format) throws IOException {
        // The caller resets the stream afterwards (stdin cannot be opened twice), so this reads at most MAX_LINE bytes.
        if (format != null && !(format.equals("ocsf") || format.equals("ecs") || format.equals("windows")
                || format.equals("json"))) {
            return Layout.LINES;
        }
        PushbackInputStream peek = new PushbackInputStream(in, 1);
        int b;
        do {
            b = peek.read();
        } while (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0xEF || b == 0xBB || b == 0xBF);
        if (b == '[') {
            return Layout.JSON_ARRAY;
        }
        if (b != '{') {
            return Layout.LINES;
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.write(b);
        while ((b = peek.read()) != -1 && b != '\n' && line.size() < MAX_LINE) {
            line.write(b);
        }
        try {
            JsonNode node = JSON.readTree(line.toByteArray());
            return node != null && node.isObject() ? Layout.LINES : Layout.CONCATENATED_JSON;
        } catch (JacksonException incomplete) {
            return Layout.CONCATENATED_JSON;
        }
    }

    Layout layout() {
        return layout;
    }

    /** Decoded bytes consumed so far, for progress. */
    long position() {
        return parser == null ? offset : baseOffset + Math.max(0, parser.currentLocation().getByteOffset());
    }

    /** The next record, or null at the end of the input. */
    Record next() throws IOException {
        return parser == null ? nextLine() : nextJson();
    }

    private Record nextLine() throws IOException {
        while (true) {
            ByteArrayOutputStream longLine = null;
            while (true) {
                for (int i = start; i < end; i++) {
                    if (buffer[i] == '\n') {
                        byte[] line = take(longLine, i);
                        offset += 1;
                        start = i + 1;
                        Record record = record(line);
                        if (record != null) {
                            return record;
                        }
                        longLine = null;
                        i = start - 1;
                    }
                }
                if (end > start) {
                    if (longLine == null) {
                        longLine = new ByteArrayOutputStream();
                    }
                    longLine.write(buffer, start, end - start);
                    offset += end - start;
                    if (longLine.size() > MAX_LINE) {
                        throw new IOException("a line is longer than " + (MAX_LINE >> 20) + " MB: not an event file?");
                    }
                }
                start = 0;
                end = in.read(buffer, 0, buffer.length);
                if (end <= 0) {
                    end = 0;
                    if (longLine == null) {
                        return null;
                    }
                    return record(trim(longLine.toByteArray()));
                }
            }
        }
    }

    private byte[] take(ByteArrayOutputStream longLine, int newline) {
        offset += newline - start;
        if (longLine == null) {
            return trim(Arrays.copyOfRange(buffer, start, newline));
        }
        longLine.write(buffer, start, newline - start);
        return trim(longLine.toByteArray());
    }

    /** Without a Windows line end; blank lines are no records. */
    private Record record(byte[] line) {
        if (line.length == 0 || isBlank(line)) {
            return null;
        }
        events++;
        return new Record(line, offset, events);
    }

    private static byte[] trim(byte[] line) {
        int length = line.length;
        while (length > 0 && (line[length - 1] == '\r')) {
            length--;
        }
        return length == line.length ? line : Arrays.copyOf(line, length);
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private Record nextJson() throws IOException {
        if (arrayClosed) {
            return null;
        }
        JsonToken token = token();
        if (token == null) {
            return null;
        }
        if (layout == Layout.JSON_ARRAY && token == JsonToken.END_ARRAY) {
            arrayClosed = true;
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(parser);
        } catch (JacksonException e) {
            throw new IOException("malformed JSON: " + e.getOriginalMessage() + " at byte "
                    + (baseOffset + e.getLocation().getByteOffset()), e);
        }
        events++;
        return new Record(JSON.writeValueAsBytes(node), position(), events);
    }

    private JsonToken token() throws IOException {
        try {
            return parser.nextToken();
        } catch (JacksonException e) {
            throw new IOException("malformed JSON: " + e.getOriginalMessage() + " at byte "
                    + (baseOffset + e.getLocation().getByteOffset()), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (parser != null) {
            parser.close();
        }
        in.close();
    }
}
