package org.finres.resilience.engine.analysis;

import org.finres.resilience.engine.ImpactTolerance;
import org.finres.resilience.engine.ImportantService;

/** Whether the propagated state breaches service {@code s}'s tolerance, without building the full impact. */
record ServiceOutcome(boolean breached) {

    static ServiceOutcome of(DependencyGraph g, Propagation p, int s) {
        ImpactTolerance tol = ((ImportantService) g.nodes[s]).tolerance();
        int capacity = (int) Math.floor(p.capacity[s] * 100 + 1e-9);
        boolean breached = p.down[s] > tol.maxTolerableDowntime().toMillis() || p.loss[s] > tol.rpo().toMillis()
                || capacity < tol.minimumServiceLevelPercent();
        return new ServiceOutcome(breached);
    }
}
