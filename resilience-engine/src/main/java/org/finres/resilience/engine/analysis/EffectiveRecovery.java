package org.finres.resilience.engine.analysis;

import java.time.Duration;
import java.util.Optional;

import org.finres.resilience.engine.ElementId;
import org.finres.resilience.engine.ImpactTolerance;

/**
 * What the graph actually supports for a service: the effective RTO is the longest downtime any single element's
 * loss causes it, the effective RPO the most data any single loss costs it, each with the element responsible.
 */
public record EffectiveRecovery(ElementId service, ImpactTolerance tolerance, Duration effectiveRto,
                                Optional<ElementId> rtoSetBy, Duration effectiveRpo, Optional<ElementId> rpoSetBy) {

    /** The graph supports the RTO the institution declares. */
    public boolean meetsDeclaredRto() {
        return effectiveRto.compareTo(tolerance.rto()) <= 0;
    }

    public boolean meetsDeclaredRpo() {
        return effectiveRpo.compareTo(tolerance.rpo()) <= 0;
    }

    /** No single loss keeps the service down beyond its maximum tolerable downtime. */
    public boolean withinTolerance() {
        return effectiveRto.compareTo(tolerance.maxTolerableDowntime()) <= 0;
    }
}
