package org.finres.resilience.engine;

import java.util.List;

/**
 * An important business service: the thing whose disruption harms customers or the market, with who owns it, whom it
 * serves, why it matters and how much disruption it tolerates.
 */
public record ImportantService(ElementId id, String name, String owner, String customers, String whyImportant,
                               ImpactTolerance tolerance, List<Dependency> dependsOn) implements Element {

    public ImportantService {
        if (id == null || tolerance == null) {
            throw new IllegalArgumentException("an important business service needs an id and an impact tolerance");
        }
        name = name == null ? id.value() : name;
        owner = owner == null ? "" : owner;
        customers = customers == null ? "" : customers;
        whyImportant = whyImportant == null ? "" : whyImportant;
        dependsOn = List.copyOf(dependsOn);
    }

    @Override
    public Layer layer() {
        return Layer.SERVICE;
    }
}
