package org.finres.stix.model;


/**
 * The marking-definition object, a STIX Meta Object. Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record MarkingDefinition(
        StixId id,
        CommonProperties common,
        String name,
        String definitionType,
        StixJson json) implements MetaObject {

    public static final String TYPE = "marking-definition";

    @Override
    public String type() {
        return TYPE;
    }

    static MarkingDefinition decode(StixId id, CommonProperties common, StixJson json) {
        return new MarkingDefinition(
                id,
                common,
                json.text("name"),
                json.text("definition_type"),
                json);
    }
}
