package org.finres.resilience;

import java.util.List;

import org.finres.resilience.engine.Register;
import org.finres.resilience.engine.analysis.FailureSweep;
import org.finres.resilience.engine.analysis.RestorationPlan;
import org.finres.resilience.engine.analysis.ScenarioResult;

/**
 * The analysis of one register version: every element lost in turn (effective RTO/RPO per service, single points of
 * failure with the hidden flag, the losses that breach), every whole layer lost, and the restoration order after
 * losing the worst single point of failure (the one breaching most services), when there is one.
 */
public record RegisterAnalysis(RegisterVersion version, Register register, FailureSweep sweep,
                               List<ScenarioResult> wholeLayers, RestorationPlan worstLossRestoration) {
}
