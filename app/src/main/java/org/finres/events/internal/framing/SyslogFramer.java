package org.finres.events.internal.framing;

import org.finres.events.EventInputException;

import java.util.List;

/**
 * Cuts a syslog byte stream into messages, whatever the sizes of the reads that deliver it: a frame split across two
 * reads comes out whole once its last byte arrives. A framer keeps state per connection and is not thread-safe.
 * Broken framing throws {@link EventInputException}, after which the framer refuses further input, because a stream
 * whose frame boundaries are lost cannot be trusted again and the connection should be closed.
 */
public sealed interface SyslogFramer permits OctetCountingFramer, NonTransparentFramer {

    /** Feeds bytes; answers the messages completed by them, in order. */
    List<byte[]> push(byte[] data, int offset, int length);

    default List<byte[]> push(byte[] data) {
        return push(data, 0, data.length);
    }

    /** The stream has ended; answers a last message if one is pending, or throws if a frame was cut short. */
    List<byte[]> finish();

    /**
     * The framer RFC 6587 says a receiver should use for a stream starting with this byte: a digit begins an octet
     * count, anything else (usually {@code <}) a newline-terminated message.
     */
    static SyslogFramer forFirstByte(byte first, int maxMessageBytes) {
        return first >= '1' && first <= '9' ? new OctetCountingFramer(maxMessageBytes)
                : new NonTransparentFramer(maxMessageBytes);
    }
}
