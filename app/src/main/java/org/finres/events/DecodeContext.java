package org.finres.events;

import org.finres.core.InstitutionId;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What a decoder knows besides the bytes: who sent them and when, which time zone the source writes local times in
 * (syslog RFC 3164, CEF and LEEF dates often carry none), whether to keep the raw input, and how much input one call
 * may be handed.
 *
 * @param institution   the sender; becomes {@code metadata.tenant_uid}
 * @param receivedAt    when the hub received the input; {@code metadata.logged_time}, and {@code time} when the source
 *                      has none; also the reference for a year the source left out
 * @param sourceZone    the zone of local times without an offset
 * @param keepRaw       whether each event keeps its source text in {@code raw_data}
 * @param maxInputBytes inputs larger than this are refused as undecodable rather than parsed
 */
public record DecodeContext(InstitutionId institution, Instant receivedAt, ZoneId sourceZone, boolean keepRaw,
                            int maxInputBytes) {

    /** Sector sources log in Taiwan time unless they say otherwise. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Taipei");
    public static final int DEFAULT_MAX_INPUT_BYTES = 4 * 1024 * 1024;

    public DecodeContext {
        Objects.requireNonNull(institution, "institution");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(sourceZone, "sourceZone");
        if (maxInputBytes <= 0) {
            throw new IllegalArgumentException("maxInputBytes must be positive (was " + maxInputBytes + ")");
        }
    }

    public static DecodeContext of(InstitutionId institution, Instant receivedAt) {
        return new DecodeContext(institution, receivedAt, DEFAULT_ZONE, false, DEFAULT_MAX_INPUT_BYTES);
    }

    public DecodeContext keepingRaw(boolean keep) {
        return new DecodeContext(institution, receivedAt, sourceZone, keep, maxInputBytes);
    }

    public DecodeContext inZone(ZoneId zone) {
        return new DecodeContext(institution, receivedAt, zone, keepRaw, maxInputBytes);
    }

    public DecodeContext limitedTo(int bytes) {
        return new DecodeContext(institution, receivedAt, sourceZone, keepRaw, bytes);
    }
}
