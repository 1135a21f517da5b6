package org.finres.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.finres.core.InstitutionId;

/**
 * An event the store has committed, as the event plane hands it on to detection: the typed columns, the OCSF
 * document, and the raw input when it is kept (Sigma's Windows rules read the native Windows fields from it).
 *
 * @param format the wire format it was decoded from
 * @param raw    the bytes as received, or null when the intake does not keep raw input
 */
public record CommittedEvent(InstitutionId institution, UUID eventId, Instant eventTime, Instant receivedAt,
                             int classUid, int severityId, InputFormat format, String sourceName, String srcIp,
                             String dstIp, String userName, String deviceName, List<String> observables,
                             String ocsfJson, byte[] raw) {

    public CommittedEvent {
        if (institution == null || eventId == null || eventTime == null || receivedAt == null || ocsfJson == null) {
            throw new IllegalArgumentException("institution, event id, times and OCSF JSON are required");
        }
        observables = observables == null ? List.of() : List.copyOf(observables);
    }
}
