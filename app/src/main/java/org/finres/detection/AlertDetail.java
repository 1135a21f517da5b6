package org.finres.detection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.finres.core.InstitutionId;

/**
 * One alert in full: its OCSF Detection Finding, the events behind it, its triage history and, for a sector alert,
 * the member institutions (all of them for the hub, only its own row for a member).
 */
public record AlertDetail(AlertSummary summary, String findingJson, List<EvidenceRef> evidence, List<Member> members,
                          String acknowledgedBy, Instant acknowledgedAt, String closedBy, Instant closedAt,
                          String closeNote) {

    public AlertDetail {
        evidence = List.copyOf(evidence);
        members = List.copyOf(members);
    }

    public record EvidenceRef(InstitutionId institution, UUID eventId, Instant eventTime) {
    }

    public record Member(InstitutionId institution, Instant firstSeen, Instant lastSeen, long hits,
                         List<Long> memberAlerts) {
        public Member {
            memberAlerts = List.copyOf(memberAlerts);
        }
    }
}
