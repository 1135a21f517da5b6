package org.finres.warning;

import java.time.Instant;

import org.finres.core.InstitutionId;

/** One thing a member declared it runs or depends on. */
public record ExposureItem(long id, InstitutionId institution, ExposureKind kind, String value, String note,
                           Instant createdAt, String createdBy) {
}
