package org.finres.vault;

import java.time.Instant;
import java.util.UUID;

import org.finres.core.InstitutionId;

/** A stored drill: the report, who recorded it (the institution or its restoring institution) and when. */
public record DrillRecord(UUID id, DrillReport report, InstitutionId recordedByTenant, Instant recordedAt,
                          String recordedBy) {
}
