package org.finres.stix;

import org.finres.stix.model.StixId;
import org.finres.stix.model.StixObject;
import org.finres.stix.model.StixTimestamp;
import org.finres.stix.model.StixType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * Builds a STIX object programmatically (or a changed copy of one). {@link #build()} writes compact JSON in the
 * order the properties were set and decodes it, so a built object is indistinguishable from a read one. SDOs,
 * SROs and meta objects get a random id and created/modified now unless set; SCOs get their deterministic id.
 */
public final class StixObjectBuilder {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final ObjectNode tree;

    private StixObjectBuilder(ObjectNode tree) {
        this.tree = tree;
    }

    public static StixObjectBuilder of(String type) {
        ObjectNode t = NODES.objectNode();
        t.put("type", type);
        t.put("spec_version", "2.1");
        return new StixObjectBuilder(t);
    }

    /** A builder starting from {@code object}'s properties; the built object gets new text. */
    public static StixObjectBuilder from(StixObject object) {
        return new StixObjectBuilder(object.json().treeCopy());
    }

    public StixObjectBuilder id(StixId id) {
        tree.put("id", id.toString());
        return this;
    }

    public StixObjectBuilder set(String name, String value) {
        tree.put(name, value);
        return this;
    }

    public StixObjectBuilder set(String name, long value) {
        tree.put(name, value);
        return this;
    }

    public StixObjectBuilder set(String name, double value) {
        tree.put(name, value);
        return this;
    }

    public StixObjectBuilder set(String name, boolean value) {
        tree.put(name, value);
        return this;
    }

    public StixObjectBuilder set(String name, Instant value) {
        tree.put(name, StixTimestamp.ofMillis(value).text());
        return this;
    }

    public StixObjectBuilder set(String name, JsonNode value) {
        tree.set(name, value);
        return this;
    }

    public StixObjectBuilder set(String name, Collection<?> values) {
        ArrayNode a = tree.putArray(name);
        for (Object v : values) a.add(v.toString());
        return this;
    }

    public StixObjectBuilder remove(String name) {
        tree.remove(name);
        return this;
    }

    public StixObject build() {
        String type = tree.path("type").asString("");
        boolean observable = StixType.of(type).map(t -> t.category() == StixType.Category.OBSERVABLE)
                .orElse(type.startsWith("x-") && !tree.has("created"));
        if (!tree.has("id")) {
            StixId id = observable ? ObservableIds.derive(tree).orElseGet(() -> StixId.of(type, UUID.randomUUID()))
                    : StixId.of(type, UUID.randomUUID());
            ObjectNode ordered = NODES.objectNode();
            ordered.put("type", type);
            ordered.set("spec_version", tree.get("spec_version"));
            ordered.put("id", id.toString());
            tree.properties().forEach(e -> { if (!ordered.has(e.getKey())) ordered.set(e.getKey(), e.getValue()); });
            tree.removeAll();
            tree.setAll(ordered);
        }
        if (!observable && !tree.has("created")) {
            String now = StixTimestamp.ofMillis(Instant.now()).text();
            tree.put("created", now);
            // Marking definitions never change, so they have no modified time.
            if (!tree.has("modified") && !type.equals("marking-definition")) tree.put("modified", now);
        }
        String text = StixBundleReader.JSON.writeValueAsString(tree);
        return StixBundleReader.decode(text, "$");
    }
}
