package org.finres.vault;

import java.time.Instant;
import java.time.LocalDate;

import org.finres.core.InstitutionId;

/**
 * Published when the missed-run check finds no attestation of an institution for a business date whose cut-off has
 * passed.
 *
 * @param lastBusinessDate the newest business date the institution did vault, or null when it never has
 */
public record VaultRunMissed(InstitutionId institution, LocalDate businessDate, LocalDate lastBusinessDate,
                             Instant detectedAt) {
}
