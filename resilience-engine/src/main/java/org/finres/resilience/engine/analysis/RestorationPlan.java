package org.finres.resilience.engine.analysis;

import java.time.Duration;
import java.util.List;

import org.finres.resilience.engine.ElementId;
import org.finres.resilience.engine.Layer;

/**
 * The order to restore in after a scenario: services by least headroom under their tolerance first, and for each
 * the lost elements it needs, dependencies before dependents; then the rest (standbys, spare members) to restore
 * redundancy.
 */
public record RestorationPlan(String scenario, List<ServicePriority> services, List<Step> steps) {

    public RestorationPlan {
        services = List.copyOf(services);
        steps = List.copyOf(steps);
    }

    /** A service in priority order; headroom is tolerance minus expected downtime (negative: it will breach). */
    public record ServicePriority(int rank, ElementId service, Duration maxTolerableDowntime, Duration downtime,
                                  Duration headroom) {
    }

    /** Restore {@code element}; {@code forServices} empty means it only restores redundancy. */
    public record Step(int order, ElementId element, Layer layer, Duration rto, List<ElementId> forServices) {
        public Step {
            forServices = List.copyOf(forServices);
        }
    }
}
