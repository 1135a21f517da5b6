package org.finres.resilience.engine.analysis;

import java.time.Duration;
import java.util.List;

import org.finres.resilience.engine.ElementId;

/** Downtime percentiles and breach probabilities per service over a Monte-Carlo run. */
public record MonteCarloResult(int trials, long seed, List<ServiceOutlook> services) {

    public MonteCarloResult {
        services = List.copyOf(services);
    }

    /**
     * One service over all trials: downtime percentiles (nearest rank, over every trial including the quiet ones),
     * the share of trials with any downtime, with downtime beyond the tolerance, and with data loss beyond the RPO.
     */
    public record ServiceOutlook(ElementId service, Duration p50, Duration p90, Duration p95, Duration p99,
                                 Duration max, Duration mean, double outageProbability, double breachProbability,
                                 double dataLossBreachProbability) {
    }
}
