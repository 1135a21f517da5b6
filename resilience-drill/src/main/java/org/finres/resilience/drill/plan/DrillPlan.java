package org.finres.resilience.drill.plan;

import java.time.Duration;
import java.util.List;
import org.finres.resilience.drill.evidence.Tolerances;

/**
 * A drill plan as read by {@link DrillPlanReader}: what is tested (institution, register service ids), against
 * which tolerances, the steady-state probes and how often they run, the fault, when to abort, how to roll back, an
 * optional workload (null without one), and how long to keep watching when no probe fails ({@code settle}).
 * {@code sha256} is the hash of the plan file's bytes, recorded in the evidence.
 */
public record DrillPlan(String name, String sha256, String institution, List<String> services,
        Tolerances tolerances, Duration probeInterval, List<Probe> probes, DrillAction fault,
        AbortConditions abort, List<DrillAction> rollback, Workload workload, Duration settle) {

    public static final String FORMAT = "finres-drill-plan/1";

    public DrillPlan {
        services = List.copyOf(services);
        probes = List.copyOf(probes);
        rollback = List.copyOf(rollback);
    }
}
