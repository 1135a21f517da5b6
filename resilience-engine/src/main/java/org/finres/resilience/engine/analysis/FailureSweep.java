package org.finres.resilience.engine.analysis;

import java.util.List;
import java.util.Optional;

import org.finres.resilience.engine.ElementId;

/**
 * The loss of every component in turn: one result per component, in topological order (an element after everything
 * it depends on), with the effective recovery per service and the single points of failure it implies.
 */
public record FailureSweep(List<ScenarioResult> results, List<EffectiveRecovery> effectiveRecovery,
                           List<SinglePointOfFailure> singlePointsOfFailure) {

    public FailureSweep {
        results = List.copyOf(results);
        effectiveRecovery = List.copyOf(effectiveRecovery);
        singlePointsOfFailure = List.copyOf(singlePointsOfFailure);
    }

    /** The result of losing {@code element} alone. */
    public Optional<ScenarioResult> lossOf(ElementId element) {
        return results.stream().filter(r -> r.failed().size() == 1 && r.failed().getFirst().equals(element))
                .findFirst();
    }

    public List<ScenarioResult> breaching() {
        return results.stream().filter(ScenarioResult::anyBreach).toList();
    }

    public List<SinglePointOfFailure> hidden() {
        return singlePointsOfFailure.stream().filter(SinglePointOfFailure::hidden).toList();
    }
}
