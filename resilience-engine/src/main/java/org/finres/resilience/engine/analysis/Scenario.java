package org.finres.resilience.engine.analysis;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.finres.resilience.engine.ElementId;
import org.finres.resilience.engine.Layer;

/** What is lost at once. Elements lost take down everything that runs on them, as the graph says. */
public sealed interface Scenario {

    String name();

    /** Named elements lost together, e.g. a region and a supplier. */
    record ElementsLost(String name, Set<ElementId> elements) implements Scenario {
        public ElementsLost {
            elements = Collections.unmodifiableSet(new LinkedHashSet<>(elements));   // kept in the caller's order
            if (elements.isEmpty()) {
                throw new IllegalArgumentException("scenario '" + name + "' loses nothing");
            }
        }
    }

    /**
     * Every element of one layer lost at once, replicas included: ransomware that reaches a layer encrypts the
     * replicas too, because replication faithfully copies the encryption.
     */
    record LayerLost(String name, Layer layer) implements Scenario {
        public LayerLost {
            if (layer == Layer.SERVICE) {
                throw new IllegalArgumentException("services are not lost themselves; lose a layer beneath them");
            }
        }
    }

    /** Several scenarios at the same time. */
    record Combined(String name, List<Scenario> parts) implements Scenario {
        public Combined {
            parts = List.copyOf(parts);
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("combined scenario '" + name + "' has no parts");
            }
        }
    }

    static Scenario elementLost(ElementId element) {
        return new ElementsLost("loss of " + element, Set.of(element));
    }

    /** The severe-but-plausible pair: a whole region and a supplier at once. */
    static Scenario regionAndSupplier(ElementId region, ElementId supplier) {
        return new ElementsLost("loss of region " + region + " and outage of supplier " + supplier,
                new LinkedHashSet<>(List.of(region, supplier)));
    }

    static Scenario ransomware(Layer layer) {
        return new LayerLost("ransomware in the " + layer + " layer (replicas included)", layer);
    }

    static Scenario wholeLayer(Layer layer) {
        return new LayerLost("loss of every " + layer, layer);
    }
}
