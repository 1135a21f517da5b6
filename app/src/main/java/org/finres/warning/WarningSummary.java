package org.finres.warning;

import java.time.Instant;
import java.util.UUID;

import org.finres.stix.Tlp;

/**
 * A warning as lists show it. For a member, {@code recipients}, {@code acknowledged} and {@code escalated} count its
 * own row only (1 or 0), and {@code own} is that row; the hub sees the whole sector's counts and no own row.
 */
public record WarningSummary(UUID id, String title, WarningSeverity severity, Tlp tlp, Audience audience,
                             Instant issuedAt, String issuedBy, Instant acknowledgeBy, int recipients, int acknowledged,
                             int escalated, WarningRecipient own) {
}
