package org.finres.intel;

import java.time.Instant;

import org.finres.core.InstitutionId;

/**
 * A shared STIX indicator was seen in a member's events (live, or by a retro-hunt when it was shared): recorded as a
 * STIX sighting; what the sharing credit ledger rewards its submitter (and the member that saw it) for.
 *
 * @param indicatorSubmitter the member that shared the indicator (the true one, even when it shared anonymously)
 * @param sightedBy          the member whose events held it
 */
public record IntelSighted(String indicatorStixId, InstitutionId indicatorSubmitter, InstitutionId sightedBy,
                           String observed, Instant at, boolean retroHunt) {
}
