package org.finres.warning;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.finres.core.InstitutionId;

/**
 * A member acknowledged a warning, {@code after} its issue; {@code inTime} when before its escalation deadline
 * (what sharing credit rewards).
 */
public record WarningAcknowledged(UUID warning, InstitutionId institution, Instant at, Duration after, boolean inTime) {
}
