package org.finres.warning;

import java.time.Instant;
import java.util.UUID;

import org.finres.core.InstitutionId;

/** A member had not acknowledged a warning by its deadline; its admins and the hub were told. */
public record WarningEscalated(UUID warning, InstitutionId institution, Instant at) {
}
