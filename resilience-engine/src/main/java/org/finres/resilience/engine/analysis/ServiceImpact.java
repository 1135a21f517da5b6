package org.finres.resilience.engine.analysis;

import java.time.Duration;
import java.util.List;

import org.finres.resilience.engine.ElementId;

/**
 * What a scenario does to one service: how long it is down, how much data it loses, what share of capacity it runs
 * at after failovers, whether the outage reached it only through redundancy groups whose every member went (a
 * hidden dependency), and the breaches of its tolerance.
 */
public record ServiceImpact(ElementId service, Duration downtime, Duration dataLoss, int capacityPercent,
                            boolean throughRedundancyOnly, List<Breach> breaches) {

    public ServiceImpact {
        breaches = List.copyOf(breaches);
    }

    public boolean breached() {
        return !breaches.isEmpty();
    }
}
