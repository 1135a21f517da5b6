package org.finres.warning;

import java.time.Instant;
import java.util.UUID;

import org.finres.core.InstitutionId;

/**
 * One notice to one channel: queued with the warning, reminder or escalation in the same transaction, then sent
 * and retried with back-off until it is delivered or has used its attempts, so that none is lost to a restart.
 * {@code subject} is the late member of an escalation sent to the hub.
 */
public record Delivery(long id, UUID warning, InstitutionId institution, ChannelKind channel, String target,
                       Notice notice, InstitutionId subject, Status status, int attempts, String lastError, Instant createdAt,
                       Instant sentAt) {

    public enum Notice { ISSUED, REMINDER, ESCALATION }

    public enum Status { PENDING, SENT, FAILED }
}
