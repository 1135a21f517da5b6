package org.finres.detection;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.finres.core.InstitutionId;
import org.finres.stix.attack.TechniqueId;

/** An alert as lists show it. For a sector alert read by a member institution, the counts are its own part. */
public record AlertSummary(long id, UUID uid, InstitutionId institution, AlertKind kind, String ruleKey,
                           String title, String level, int severityId, AlertStatus status, String closeReason,
                           Instant firstSeen, Instant lastSeen, long hits, Map<String, String> group,
                           int memberInstitutions, Instant createdAt, List<TechniqueId> techniques) {

    public AlertSummary {
        techniques = techniques == null ? List.of() : List.copyOf(techniques);
    }
}
