package org.finres.stix.model;

import java.util.List;

/**
 * The observed-data object, a STIX Domain Object (SDO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record ObservedData(
        StixId id,
        CommonProperties common,
        StixTimestamp firstObserved,
        StixTimestamp lastObserved,
        Long numberObserved,
        List<StixId> objectRefs,
        StixJson json) implements DomainObject {

    public static final String TYPE = "observed-data";

    @Override
    public String type() {
        return TYPE;
    }

    static ObservedData decode(StixId id, CommonProperties common, StixJson json) {
        return new ObservedData(
                id,
                common,
                json.timestamp("first_observed"),
                json.timestamp("last_observed"),
                json.integer("number_observed"),
                json.refs("object_refs"),
                json);
    }
}
