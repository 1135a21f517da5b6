package org.finres.core;

import java.time.Instant;

/** One stored link of the audit chain; {@code details} is the canonical JSON text that was hashed. */
public record AuditRecord(long seq, Instant recordedAt, String actor, String actorInstitution, String action,
                          String targetType, String targetId, String targetInstitution, AuditOutcome outcome,
                          String details, String remoteAddress, String prevHash, String hash) {
}
