package org.finres.coredata;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads UTF-8 lines ("\n" or "\r\n") with a length limit, so a file without newlines cannot exhaust memory, and
 * refuses bytes that are not UTF-8 instead of turning them into replacement characters.
 */
final class LineReader implements AutoCloseable {

    static final int MAX_LINE = 1 << 20;

    private final Reader in;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int end;
    private long line;
    private final StringBuilder sb = new StringBuilder(256);

    LineReader(InputStream in) {
        this.in = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** The number of the line last returned (1-based). */
    long lineNumber() {
        return line;
    }

    /** The next line without its terminator, or null at the end. */
    String next() throws IOException {
        sb.setLength(0);
        boolean any = false;
        while (true) {
            if (pos == end) {
                try {
                    end = in.read(buf, 0, buf.length);
                } catch (CharacterCodingException e) {
                    line++;
                    throw new IOException("line " + line + " is not valid UTF-8");
                }
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    if (!any) {
                        return null;
                    }
                    line++;
                    return sb.toString();
                }
            }
            any = true;
            int start = pos;
            while (pos < end && buf[pos] != '\n') {
                pos++;
            }
            sb.append(buf, start, pos - start);
            if (sb.length() > MAX_LINE) {
                line++;
                throw new IOException("line " + line + " is longer than " + MAX_LINE + " characters");
            }
            if (pos < end) {
                pos++;
                line++;
                int n = sb.length();
                if (n > 0 && sb.charAt(n - 1) == '\r') {
                    sb.setLength(n - 1);
                }
                return sb.toString();
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
