package org.finres.resilience.drill;

import org.finres.resilience.drill.evidence.TimelineEntry;

/** Progress of a running drill: every timeline entry as it is written (probe changes, fault, phases, rollback). */
@FunctionalInterface
public interface DrillListener {

    DrillListener NONE = entry -> { };

    void entry(TimelineEntry entry);
}
