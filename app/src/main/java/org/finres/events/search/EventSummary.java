package org.finres.events.search;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.finres.core.InstitutionId;

/**
 * One stored event as the search lists it: the typed columns, and the OCSF document when it was asked for
 * ({@code ocsfJson} null otherwise). The raw bytes never leave the store through search.
 */
public record EventSummary(InstitutionId institution, Instant eventTime, UUID eventId, Instant receivedAt,
                           int categoryUid, int classUid, long typeUid, int severityId, int priority,
                           Integer incidentLevel, String sourceName, String srcIp, String dstIp, String userName,
                           String deviceName, List<String> observables, String message, String ocsfJson) {

    public EventCursor cursor() {
        return new EventCursor(eventTime, eventId);
    }
}
