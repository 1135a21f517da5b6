package org.finres.credit;

import java.time.Instant;

import org.finres.core.InstitutionId;

/** A shared indicator a hub analyst found to be a false positive, and why. */
public record FalsePositive(String stixId, InstitutionId submitter, String reason, String markedBy, Instant at) {
}
