package org.finres.events;

import java.time.Duration;
import java.time.Instant;

import org.finres.core.InstitutionId;

/** Published when a source has sent nothing for longer than its expected interval. */
public record SourceFellSilent(InstitutionId institution, String sourceName, Instant lastReceived,
                               Duration expectedInterval, Instant detectedAt) {
}
