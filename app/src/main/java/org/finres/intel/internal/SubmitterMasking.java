package org.finres.intel.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.finres.stix.StixObjectBuilder;
import org.finres.stix.model.StixId;
import org.finres.stix.model.StixObject;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Takes the submitter out of what an anonymous share shows the community. The creators are every identity
 * some object names in {@code created_by_ref}; those identity objects, and relationships and sightings that
 * point at them, are withheld; every {@code created_by_ref} becomes the hub's anonymous identity, as do
 * creators named in {@code where_sighted_refs}; creators are dropped from {@code object_refs}. Objects with no
 * creator of their own get the anonymous identity too, so anonymous objects all look alike.
 */
public final class SubmitterMasking {

    private SubmitterMasking() {
    }

    /** The objects to publish and those withheld because they would name the submitter. */
    public record Masked(List<StixObject> published, List<StixObject> withheld) {
    }

    public static Masked mask(List<StixObject> objects, StixId anonymous) {
        Set<String> creators = new HashSet<>();
        for (StixObject o : objects) {
            JsonNode by = o.json().tree().get("created_by_ref");
            if (by != null && by.isString() && !by.stringValue().equals(anonymous.toString())) creators.add(by.stringValue());
        }
        List<StixObject> published = new ArrayList<>();
        List<StixObject> withheld = new ArrayList<>();
        for (StixObject o : objects) {
            JsonNode t = o.json().tree();
            if (o.type().equals("identity") && creators.contains(o.id().toString())
                    || names(t, "source_ref", creators) || names(t, "target_ref", creators)
                    || names(t, "sighting_of_ref", creators)) {
                withheld.add(o);
                continue;
            }
            if (!t.has("created") || o.type().equals("marking-definition") && !t.has("created_by_ref")) {
                // Observables carry no creator; a marking definition without one is a shared definition (TLP).
                published.add(o);
                continue;
            }
            StixObjectBuilder b = StixObjectBuilder.from(o).set("created_by_ref", anonymous.toString());
            JsonNode sighted = t.get("where_sighted_refs");
            if (sighted != null && sighted.isArray()) b.set("where_sighted_refs", replaced(sighted, creators, anonymous));
            JsonNode refs = t.get("object_refs");
            if (refs != null && refs.isArray()) {
                ArrayNode kept = JsonNodeFactory.instance.arrayNode();
                refs.forEach(r -> {
                    if (!(r.isString() && creators.contains(r.stringValue()))) kept.add(r);
                });
                if (kept.isEmpty()) {
                    withheld.add(o);
                    continue;
                }
                b.set("object_refs", kept);
            }
            published.add(b.build());
        }
        return new Masked(published, withheld);
    }

    private static boolean names(JsonNode t, String property, Set<String> creators) {
        JsonNode v = t.get(property);
        return v != null && v.isString() && creators.contains(v.stringValue());
    }

    private static ArrayNode replaced(JsonNode refs, Set<String> creators, StixId anonymous) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        Set<String> seen = new HashSet<>();
        refs.forEach(r -> {
            String v = r.isString() && creators.contains(r.stringValue()) ? anonymous.toString() : r.asString();
            if (seen.add(v)) out.add(v);
        });
        return out;
    }
}
