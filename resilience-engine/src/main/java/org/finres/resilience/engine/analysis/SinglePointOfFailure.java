package org.finres.resilience.engine.analysis;

import java.util.List;

import org.finres.resilience.engine.ElementId;
import org.finres.resilience.engine.Layer;

/**
 * An element whose loss alone breaches at least one service's tolerance. Hidden when a breached service reaches it
 * only through redundancy groups that looked redundant: shared infrastructure beneath all of their members
 * ({@code defeatedGroups}).
 */
public record SinglePointOfFailure(ElementId element, Layer layer, boolean hidden, List<ServiceImpact> breached,
                                   List<ElementId> defeatedGroups) {

    public SinglePointOfFailure {
        breached = List.copyOf(breached);
        defeatedGroups = List.copyOf(defeatedGroups);
    }
}
