package org.finres.stix.model;

import java.util.List;

/**
 * The note object, a STIX Domain Object (SDO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record Note(
        StixId id,
        CommonProperties common,
        String abstractText,
        String content,
        List<String> authors,
        List<StixId> objectRefs,
        StixJson json) implements DomainObject {

    public static final String TYPE = "note";

    @Override
    public String type() {
        return TYPE;
    }

    static Note decode(StixId id, CommonProperties common, StixJson json) {
        return new Note(
                id,
                common,
                json.text("abstract"),
                json.text("content"),
                json.strings("authors"),
                json.refs("object_refs"),
                json);
    }
}
