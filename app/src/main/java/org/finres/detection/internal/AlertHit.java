package org.finres.detection.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.finres.core.InstitutionId;
import org.finres.detection.AlertKind;

/**
 * One hit to turn into an alert, or to merge into an open alert with the same dedup key within the suppression
 * window.
 *
 * @param dedupKey  what makes two hits the same alert (the host for a detection, the group for a correlation)
 * @param evidence  the events behind the hit, when known (a correlation decided at a window's end may have none)
 * @param facts     the flat fields of the detection fact the hit becomes for sector rules (null: no fact)
 */
public record AlertHit(AlertKind kind, InstitutionId institution, String ruleKey, String title, String description,
                       String level, String dedupKey, Map<String, String> group, Instant time,
                       List<EvidenceEvent> evidence, Map<String, String> facts) {

    public AlertHit {
        group = group == null ? Map.of() : Map.copyOf(group);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** The event an alert points at, with what the finding shows of it. */
    public record EvidenceEvent(InstitutionId institution, UUID eventId, Instant eventTime, String srcIp,
                                String dstIp, String userName, String deviceName, List<String> observables) {
    }

    /** OCSF severity_id for a Sigma level. */
    public static int severityOf(String level) {
        if (level == null) {
            return 0;
        }
        return switch (level) {
            case "informational" -> 1;
            case "low" -> 2;
            case "medium" -> 3;
            case "high" -> 4;
            case "critical" -> 5;
            default -> 0;
        };
    }
}
