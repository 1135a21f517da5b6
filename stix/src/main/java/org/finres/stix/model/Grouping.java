package org.finres.stix.model;

import java.util.List;

/**
 * The grouping object, a STIX Domain Object (SDO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record Grouping(
        StixId id,
        CommonProperties common,
        String name,
        String description,
        String context,
        List<StixId> objectRefs,
        StixJson json) implements DomainObject {

    public static final String TYPE = "grouping";

    @Override
    public String type() {
        return TYPE;
    }

    static Grouping decode(StixId id, CommonProperties common, StixJson json) {
        return new Grouping(
                id,
                common,
                json.text("name"),
                json.text("description"),
                json.text("context"),
                json.refs("object_refs"),
                json);
    }
}
