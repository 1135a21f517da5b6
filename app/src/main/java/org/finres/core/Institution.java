package org.finres.core;

import java.time.Instant;

/** A tenant. {@code sizeTier} is null for the hub and the regulator. */
public record Institution(InstitutionId id, String name, InstitutionKind kind, SizeTier sizeTier,
                          Instant createdAt, Instant updatedAt) {
}
