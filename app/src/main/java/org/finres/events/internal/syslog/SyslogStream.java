package org.finres.events.internal.syslog;

import java.util.ArrayList;
import java.util.List;

import org.finres.events.EventInputException;
import org.finres.events.internal.framing.OctetCountingFramer;
import org.finres.events.internal.framing.SyslogFramer;

/**
 * One connection's byte stream cut into syslog messages, answering the messages completed so far even when the
 * framing breaks.
 *
 * <p>A framer that fails inside a read throws away the messages it had already completed in that same read, and a
 * sender's good frames and its bad one often arrive in one read. So a second framer runs one read behind the first:
 * when the first fails, the second is exactly where the first was before the failing read, and is fed that read a
 * byte at a time to recover every complete message up to the break. This doubles the (cheap) framing work, which is
 * small beside decoding and storing.
 */
final class SyslogStream {

    /** What a read (or the end of the stream) produced. */
    sealed interface Framed {
        List<byte[]> messages();

        record Messages(List<byte[]> messages) implements Framed {
        }

        /** The framing broke; {@code messages} are the complete ones before the break, the rest is lost. */
        record Broken(List<byte[]> messages, String reason) implements Framed {
        }
    }

    private final boolean octetCountingOnly;
    private final int maxMessageBytes;
    private SyslogFramer framer;
    private SyslogFramer behind;

    private SyslogStream(boolean octetCountingOnly, int maxMessageBytes) {
        this.octetCountingOnly = octetCountingOnly;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** RFC 5425: octet counting only. */
    static SyslogStream octetCounting(int maxMessageBytes) {
        return new SyslogStream(true, maxMessageBytes);
    }

    /** RFC 6587: octet counting when the stream starts with a digit, newline framing otherwise. */
    static SyslogStream detected(int maxMessageBytes) {
        return new SyslogStream(false, maxMessageBytes);
    }

    Framed push(byte[] data, int count) {
        if (count <= 0) {
            return new Framed.Messages(List.of());
        }
        if (framer == null) {
            framer = create(data[0]);
            behind = create(data[0]);
        }
        try {
            List<byte[]> messages = framer.push(data, 0, count);
            behind.push(data, 0, count);
            return new Framed.Messages(messages);
        } catch (EventInputException broken) {
            List<byte[]> complete = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    complete.addAll(behind.push(data, i, 1));
                }
            } catch (EventInputException expected) {
                // The same break, reached byte by byte: everything before it is in complete.
            }
            return new Framed.Broken(complete, broken.getMessage());
        }
    }

    /** The stream ended: a last unterminated line, or a break if it ended inside an octet-counted frame. */
    Framed finish() {
        if (framer == null) {
            return new Framed.Messages(List.of());
        }
        try {
            return new Framed.Messages(framer.finish());
        } catch (EventInputException broken) {
            return new Framed.Broken(List.of(), broken.getMessage());
        }
    }

    private SyslogFramer create(byte first) {
        return octetCountingOnly ? new OctetCountingFramer(maxMessageBytes)
                : SyslogFramer.forFirstByte(first, maxMessageBytes);
    }
}
