package org.finres.warning;

import java.time.Instant;

import org.finres.core.InstitutionId;

public record NotificationChannel(long id, InstitutionId institution, ChannelKind kind, String target,
                                  Instant createdAt, String createdBy) {
}
