package org.finres.warning;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.finres.core.InstitutionId;

/** The hub issued a warning to these members. */
public record WarningIssued(UUID warning, WarningSeverity severity, List<InstitutionId> recipients, Instant issuedAt) {

    public WarningIssued {
        recipients = List.copyOf(recipients);
    }
}
