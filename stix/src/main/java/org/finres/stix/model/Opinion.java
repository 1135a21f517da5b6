package org.finres.stix.model;

import java.util.List;

/**
 * The opinion object, a STIX Domain Object (SDO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record Opinion(
        StixId id,
        CommonProperties common,
        String explanation,
        List<String> authors,
        String opinion,
        List<StixId> objectRefs,
        StixJson json) implements DomainObject {

    public static final String TYPE = "opinion";

    @Override
    public String type() {
        return TYPE;
    }

    static Opinion decode(StixId id, CommonProperties common, StixJson json) {
        return new Opinion(
                id,
                common,
                json.text("explanation"),
                json.strings("authors"),
                json.text("opinion"),
                json.refs("object_refs"),
                json);
    }
}
