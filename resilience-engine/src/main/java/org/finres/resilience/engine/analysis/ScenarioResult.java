package org.finres.resilience.engine.analysis;

import java.util.List;

import org.finres.resilience.engine.ElementId;

/**
 * The outcome of one scenario: the elements lost, every service it touches (services it does not touch are left
 * out) and the redundancy groups all of whose members went down.
 */
public record ScenarioResult(String scenario, List<ElementId> failed, List<ServiceImpact> impacts,
                             List<ElementId> defeatedGroups) {

    public ScenarioResult {
        failed = List.copyOf(failed);
        impacts = List.copyOf(impacts);
        defeatedGroups = List.copyOf(defeatedGroups);
    }

    public List<ServiceImpact> breached() {
        return impacts.stream().filter(ServiceImpact::breached).toList();
    }

    public boolean anyBreach() {
        return impacts.stream().anyMatch(ServiceImpact::breached);
    }
}
