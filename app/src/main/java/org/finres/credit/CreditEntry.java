package org.finres.credit;

import java.time.Instant;
import java.time.YearMonth;

import org.finres.core.InstitutionId;

/**
 * One ledger line. {@code reference} is what the points are about (an indicator, a warning, a corrected entry);
 * for an anonymous share it is shown to the institution itself and the hub only, {@code null} to anyone else.
 */
public record CreditEntry(long id, InstitutionId institution, CreditKind kind, int points, String reason,
                          String reference, Instant at, YearMonth month, String rulesVersion, String recordedBy) {
}
