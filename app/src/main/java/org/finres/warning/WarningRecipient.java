package org.finres.warning;

import java.time.Instant;
import java.util.List;

import org.finres.core.InstitutionId;

/**
 * One member a warning went to: why (the declared exposure that matched; empty for a warning to all), and where it
 * stands: acknowledged, reminded, escalated.
 */
public record WarningRecipient(InstitutionId institution, List<String> matchedBy, Instant acknowledgedAt,
                               String acknowledgedBy, Instant remindedAt, Instant escalatedAt) {

    public WarningRecipient {
        matchedBy = List.copyOf(matchedBy);
    }

    public boolean acknowledged() {
        return acknowledgedAt != null;
    }
}
