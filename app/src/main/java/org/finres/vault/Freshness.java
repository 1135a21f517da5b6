package org.finres.vault;

import java.time.Instant;
import java.time.LocalDate;

import org.finres.core.InstitutionId;

/**
 * One institution's vault freshness.
 *
 * @param requiredDate      the business date due by the latest cut-off
 * @param businessDaysBehind business dates after the last attested one up to the required one (0 when fresh; null
 *                          when it never vaulted)
 */
public record Freshness(InstitutionId institution, String name, LocalDate lastBusinessDate, Instant lastVaultedAt,
                        FreshnessStatus status, LocalDate requiredDate, Integer businessDaysBehind) {
}
