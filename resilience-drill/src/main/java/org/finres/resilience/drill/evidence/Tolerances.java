package org.finres.resilience.drill.evidence;

import java.time.Duration;

/**
 * The tolerances a drill was measured against: maximum tolerable downtime (compared with switchover), RTO (compared
 * with recovery) and RPO (compared with the data lost). Each may be absent (null) when the plan did not set it.
 */
public record Tolerances(Duration maxTolerableDowntime, Duration rto, Duration rpo) {

    public Tolerances {
        EvidenceFields.nonNegative("tolerances maxTolerableDowntime", maxTolerableDowntime);
        EvidenceFields.nonNegative("tolerances rto", rto);
        EvidenceFields.nonNegative("tolerances rpo", rpo);
    }
}
