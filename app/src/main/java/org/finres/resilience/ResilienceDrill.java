package org.finres.resilience;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.finres.core.InstitutionId;

/**
 * A failover drill as its signed evidence reports it: which services, the outcome, how long detection, switchover
 * and recovery took, the transfers acknowledged and lost, who signed it and whether the signature verified against
 * the institution's registered key when it was received.
 */
public record ResilienceDrill(UUID id, InstitutionId institution, List<String> services, String outcome,
                              Instant startedAt, Long detectionMs, Long switchoverMs, Long recoveryMs,
                              Long transfersAcked, Long transfersLost, String signerFingerprint, boolean verified,
                              Instant receivedAt, String submittedBy) {

    public ResilienceDrill {
        services = List.copyOf(services);
    }

    /** Whether the drill says the services came back as they should: its own outcome is PASSED or PASS. */
    public boolean passed() {
        return outcome != null && outcome.toUpperCase(java.util.Locale.ROOT).startsWith("PASS");
    }
}
