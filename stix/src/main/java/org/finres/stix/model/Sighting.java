package org.finres.stix.model;

import java.util.List;

/**
 * The sighting object, a STIX Relationship Object (SRO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record Sighting(
        StixId id,
        CommonProperties common,
        String description,
        StixTimestamp firstSeen,
        StixTimestamp lastSeen,
        Long count,
        StixId sightingOfRef,
        List<StixId> observedDataRefs,
        List<StixId> whereSightedRefs,
        Boolean summary,
        StixJson json) implements RelationshipObject {

    public static final String TYPE = "sighting";

    @Override
    public String type() {
        return TYPE;
    }

    static Sighting decode(StixId id, CommonProperties common, StixJson json) {
        return new Sighting(
                id,
                common,
                json.text("description"),
                json.timestamp("first_seen"),
                json.timestamp("last_seen"),
                json.integer("count"),
                json.ref("sighting_of_ref"),
                json.refs("observed_data_refs"),
                json.refs("where_sighted_refs"),
                json.bool("summary"),
                json);
    }
}
