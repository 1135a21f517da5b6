package org.finres.resilience.engine.analysis;

import java.util.List;

/** The loss of every element in turn: one result per element, in the register's order. */
public record FailureSweep(List<ScenarioResult> results, List<EffectiveRecovery> effectiveRecovery,
                           List<SinglePointOfFailure> singlePointsOfFailure) {

    public FailureSweep {
        results = List.copyOf(results);
        effectiveRecovery = List.copyOf(effectiveRecovery);
        singlePointsOfFailure = List.copyOf(singlePointsOfFailure);
    }

    public List<ScenarioResult> breaching() {
        return results.stream().filter(ScenarioResult::anyBreach).toList();
    }

    public List<SinglePointOfFailure> hidden() {
        return singlePointsOfFailure.stream().filter(SinglePointOfFailure::hidden).toList();
    }
}
