package org.finres.events.internal.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.finres.core.InstitutionId;

/**
 * One event as stored: its OCSF JSON plus the typed columns that searches use. {@code eventId} is
 * deterministic for a given input (the source's own id, or a name-based UUID of its raw bytes), which is what
 * makes a resent or redelivered event collide with the first copy instead of being stored twice.
 */
public record StoredEvent(UUID eventId, InstitutionId institution, Instant eventTime, Instant receivedAt,
                          int categoryUid, int classUid, long typeUid, int severityId, int priority,
                          Integer incidentLevel, String sourceName, String srcIp, String dstIp, String userName,
                          String deviceName, List<String> observables, String message, String ocsfJson, byte[] raw) {

    public StoredEvent {
        if (eventId == null || institution == null || eventTime == null || receivedAt == null || ocsfJson == null
                || sourceName == null) {
            throw new IllegalArgumentException("event id, institution, times, source and OCSF JSON are required");
        }
        observables = observables == null ? List.of() : List.copyOf(observables);
    }
}
