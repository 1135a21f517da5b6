package org.finres.resilience.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Anything below a service: a process, application, data store, site, availability zone, region, cloud provider,
 * network carrier or supplier. {@code rto} is how long restoring it takes once lost; {@code rpo} how much data its
 * recovery point loses (meaningful for data stores, 0 elsewhere). {@code sharedRef} names the same real thing across
 * institutions' registers (a supplier's LEI, {@code aws:ap-east-2}) for sector concentration.
 */
public record Component(ElementId id, Layer layer, String name, Duration rto, Duration rpo,
                        Optional<String> sharedRef, Optional<FailureModel> failure, List<Dependency> dependsOn)
        implements Element {

    public Component {
        if (id == null || layer == null) {
            throw new IllegalArgumentException("a component needs an id and a layer");
        }
        if (layer == Layer.SERVICE) {
            throw new IllegalArgumentException(id + ": services are ImportantService, not components");
        }
        name = name == null ? id.value() : name;
        ImpactTolerance.requireNonNegative("rto of " + id, rto);
        ImpactTolerance.requireNonNegative("rpo of " + id, rpo);
        sharedRef = sharedRef == null ? Optional.empty() : sharedRef;
        failure = failure == null ? Optional.empty() : failure;
        dependsOn = List.copyOf(dependsOn);
    }

    /** A component without shared reference or failure model. */
    public static Component of(String id, Layer layer, Duration rto, Duration rpo, Dependency... dependsOn) {
        return new Component(ElementId.of(id), layer, id, rto, rpo, Optional.empty(), Optional.empty(),
                List.of(dependsOn));
    }

    /** The key that identifies this component across registers: its shared reference, else layer and name. */
    public String concentrationKey() {
        return sharedRef.orElse(layer.formatName() + ":" + name.strip().toLowerCase(java.util.Locale.ROOT));
    }
}
