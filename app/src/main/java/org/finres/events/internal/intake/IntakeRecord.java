package org.finres.events.internal.intake;

import org.finres.events.InputFormat;

/**
 * One unit of input as a transport received it: an NDJSON line, a JSON array element, a syslog frame, a Kafka
 * record. {@code format} is null when the intake should sniff it.
 */
public record IntakeRecord(byte[] bytes, InputFormat format) {
    public IntakeRecord {
        if (bytes == null) {
            throw new IllegalArgumentException("bytes are required");
        }
    }

    public static IntakeRecord sniffed(byte[] bytes) {
        return new IntakeRecord(bytes, null);
    }
}
