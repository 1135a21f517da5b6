package org.finres.stix.model;


/**
 * The language-content object, a STIX Meta Object. Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record LanguageContent(
        StixId id,
        CommonProperties common,
        StixId objectRef,
        StixTimestamp objectModified,
        StixJson json) implements MetaObject {

    public static final String TYPE = "language-content";

    @Override
    public String type() {
        return TYPE;
    }

    static LanguageContent decode(StixId id, CommonProperties common, StixJson json) {
        return new LanguageContent(
                id,
                common,
                json.ref("object_ref"),
                json.timestamp("object_modified"),
                json);
    }
}
