package org.finres.detection.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.finres.core.InstitutionId;
import org.finres.detection.AlertKind;
import org.finres.stix.attack.TechniqueId;

/**
 * One hit to turn into an alert, or to merge into an open alert with the same dedup key within the suppression
 * window.
 *
 * @param dedupKey  what makes two hits the same alert (the host for a detection, the group for a correlation)
 * @param evidence  the events behind the hit, when known (a correlation decided at a window's end may have none)
 * @param facts     the flat fields of the detection fact the hit becomes for sector rules (null: no fact)
 * @param techniques the ATT&CK techniques the rule names through its tags
 */
public record AlertHit(AlertKind kind, InstitutionId institution, String ruleKey, String title, String description,
                       String level, String dedupKey, Map<String, String> group, Instant time,
                       List<EvidenceEvent> evidence, Map<String, String> facts, List<TechniqueId> techniques) {

    public AlertHit {
        group = group == null ? Map.of() : Map.copyOf(group);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        techniques = techniques == null ? List.of() : List.copyOf(techniques);
    }

    /** A hit that names no ATT&CK technique (indicator, silent source, missed vault run). */
    public AlertHit(AlertKind kind, InstitutionId institution, String ruleKey, String title, String description,
                    String level, String dedupKey, Map<String, String> group, Instant time,
                    List<EvidenceEvent> evidence, Map<String, String> facts) {
        this(kind, institution, ruleKey, title, description, level, dedupKey, group, time, evidence, facts, List.of());
    }

    /** The techniques a rule's {@code attack.tNNNN} tags name, in tag order, each once. */
    public static List<TechniqueId> techniquesOf(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        return tags.stream().map(TechniqueId::fromSigmaTag).flatMap(java.util.Optional::stream).distinct().toList();
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
