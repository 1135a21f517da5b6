package org.finres.stix.pattern;

import org.finres.stix.model.StixObject;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What was seen at one time: cyber-observable objects keyed by id (so {@code *_ref} paths can follow them), as an
 * observed-data object or one of our events' observables would carry them.
 */
public record Observation(Instant time, Map<String, JsonNode> objects) {

    public Observation {
        objects = Map.copyOf(objects);
    }

    public static Observation of(Instant time, Collection<? extends StixObject> observables) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (StixObject o : observables) m.put(o.id().toString(), o.json().tree());
        return new Observation(time, m);
    }
}
