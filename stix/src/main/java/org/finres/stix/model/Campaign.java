package org.finres.stix.model;

import java.util.List;

/**
 * The campaign object, a STIX Domain Object (SDO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record Campaign(
        StixId id,
        CommonProperties common,
        String name,
        String description,
        List<String> aliases,
        StixTimestamp firstSeen,
        StixTimestamp lastSeen,
        String objective,
        StixJson json) implements DomainObject {

    public static final String TYPE = "campaign";

    @Override
    public String type() {
        return TYPE;
    }

    static Campaign decode(StixId id, CommonProperties common, StixJson json) {
        return new Campaign(
                id,
                common,
                json.text("name"),
                json.text("description"),
                json.strings("aliases"),
                json.timestamp("first_seen"),
                json.timestamp("last_seen"),
                json.text("objective"),
                json);
    }
}
