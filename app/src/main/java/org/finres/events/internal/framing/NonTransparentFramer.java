package org.finres.events.internal.framing;

import org.finres.events.EventInputException;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Non-transparent framing (RFC 6587 section 3.4.2): each message ends with LF; a CR before it and empty lines are
 * dropped. A message longer than {@code maxMessageBytes} without a line end is refused, since a sender that never
 * ends its lines would otherwise make us buffer without bound.
 */
public final class NonTransparentFramer implements SyslogFramer {

    private final int maxMessageBytes;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean failed;

    public NonTransparentFramer(int maxMessageBytes) {
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive");
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public List<byte[]> push(byte[] data, int offset, int count) {
        if (failed) {
            throw new EventInputException("the stream's framing already failed; close the connection");
        }
        List<byte[]> messages = new ArrayList<>();
        int start = offset;
        int end = offset + count;
        for (int i = offset; i < end; i++) {
            if (data[i] == '\n') {
                append(data, start, i - start);
                emit(messages);
                start = i + 1;
            }
        }
        append(data, start, end - start);
        return messages;
    }

    @Override
    public List<byte[]> finish() {
        if (failed) {
            throw new EventInputException("the stream's framing already failed");
        }
        List<byte[]> messages = new ArrayList<>();
        emit(messages);
        return messages;
    }

    private void append(byte[] data, int offset, int count) {
        if (pending.size() + count > maxMessageBytes) {
            failed = true;
            pending.reset();
            throw new EventInputException("message exceeds " + maxMessageBytes + " bytes without a line end");
        }
        pending.write(data, offset, count);
    }

    private void emit(List<byte[]> messages) {
        byte[] line = pending.toByteArray();
        pending.reset();
        int length = line.length;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (length > 0) {
            messages.add(length == line.length ? line : java.util.Arrays.copyOf(line, length));
        }
    }
}
