package org.finres.stix.model;


/**
 * The relationship object, a STIX Relationship Object (SRO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record Relationship(
        StixId id,
        CommonProperties common,
        String relationshipType,
        String description,
        StixId sourceRef,
        StixId targetRef,
        StixTimestamp startTime,
        StixTimestamp stopTime,
        StixJson json) implements RelationshipObject {

    public static final String TYPE = "relationship";

    @Override
    public String type() {
        return TYPE;
    }

    static Relationship decode(StixId id, CommonProperties common, StixJson json) {
        return new Relationship(
                id,
                common,
                json.text("relationship_type"),
                json.text("description"),
                json.ref("source_ref"),
                json.ref("target_ref"),
                json.timestamp("start_time"),
                json.timestamp("stop_time"),
                json);
    }
}
