package org.finres.resilience;

import org.finres.resilience.engine.analysis.RestorationPlan;
import org.finres.resilience.engine.analysis.ScenarioResult;

/** What a scenario does to an institution's services, and the order to restore in afterwards. */
public record ScenarioOutcome(RegisterVersion version, ScenarioSpec spec, ScenarioResult result,
                              RestorationPlan restoration) {
}
