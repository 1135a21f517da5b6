package org.finres.resilience.drill.evidence;

/**
 * Drill evidence that cannot be read or built: not JSON, an unknown or missing field, a value of the wrong shape.
 * The only exception {@link DrillEvidence#parse} throws; the message names the field. Whether well-formed evidence is
 * authentic is a separate question answered by {@link DrillEvidence#verify}.
 */
public final class MalformedEvidenceException extends RuntimeException {

    public MalformedEvidenceException(String message) {
        super(message);
    }
}
