package org.finres.events.internal.store;

import java.time.Instant;

import org.finres.core.InstitutionId;

/** Input that could not be decoded, kept whole so that it can be replayed once the mapping is fixed. */
public record DeadLetter(long id, InstitutionId institution, Instant receivedAt, String transport, String format,
                         String reason, byte[] raw, Instant replayedAt, String replayOutcome) {
}
