package org.finres.events.internal.framing;

import org.finres.events.EventInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * Octet-counted framing, {@code MSG-LEN SP SYSLOG-MSG} (RFC 5425 section 4.3, RFC 6587 section 3.4.1): the length is
 * a decimal without leading zero, at most {@code maxMessageBytes}. A length that is not such a number, or is too large,
 * is refused, since there is no way to find the next frame after it. Line ends between frames, which some senders
 * add, are skipped.
 */
public final class OctetCountingFramer implements SyslogFramer {

    private static final int MAX_DIGITS = 10;

    private final int maxMessageBytes;
    private long length = -1;      // -1 while reading the length
    private int digits;
    private byte[] message;
    private int filled;
    private boolean failed;

    public OctetCountingFramer(int maxMessageBytes) {
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
        int i = offset;
        int end = offset + count;
        while (i < end) {
            if (message == null) {
                byte b = data[i++];
                if (b == ' ' && digits > 0) {
                    if (length > maxMessageBytes) {
                        fail("frame length " + length + " exceeds the limit of " + maxMessageBytes);
                    }
                    message = new byte[(int) length];
                    filled = 0;
                    if (length == 0) {
                        fail("frame length must not be 0");
                    }
                } else if ((b == '\n' || b == '\r') && digits == 0) {
                    continue;
                } else if (b >= '0' && b <= '9') {
                    if (digits == 0 && b == '0') {
                        fail("frame length must not start with 0");
                    }
                    if (++digits > MAX_DIGITS) {
                        fail("frame length has more than " + MAX_DIGITS + " digits");
                    }
                    length = (digits == 1 ? 0 : length) * 10 + (b - '0');
                } else {
                    fail(String.format("frame length must be digits followed by a space, found byte 0x%02x", b & 0xff));
                }
            } else {
                int take = Math.min(end - i, message.length - filled);
                System.arraycopy(data, i, message, filled, take);
                filled += take;
                i += take;
                if (filled == message.length) {
                    messages.add(message);
                    message = null;
                    digits = 0;
                    length = -1;
                }
            }
        }
        return messages;
    }

    @Override
    public List<byte[]> finish() {
        if (failed) {
            throw new EventInputException("the stream's framing already failed");
        }
        if (message != null || digits > 0) {
            failed = true;
            throw new EventInputException("stream ended inside a frame (" + (message == null ? 0 : filled) + " of "
                    + (message == null ? "?" : String.valueOf(message.length)) + " bytes)");
        }
        return List.of();
    }

    private void fail(String reason) {
        failed = true;
        message = null;
        throw new EventInputException(reason);
    }

    @Override
    public String toString() {
        return "OctetCountingFramer" + (failed ? "[failed]" : message == null ? "[between frames]"
                : "[" + filled + "/" + message.length + "]");
    }
}
