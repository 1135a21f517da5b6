package org.finres.stix.model;

import java.util.List;

/**
 * The intrusion-set object, a STIX Domain Object (SDO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record IntrusionSet(
        StixId id,
        CommonProperties common,
        String name,
        String description,
        List<String> aliases,
        StixTimestamp firstSeen,
        StixTimestamp lastSeen,
        List<String> goals,
        String resourceLevel,
        String primaryMotivation,
        List<String> secondaryMotivations,
        StixJson json) implements DomainObject {

    public static final String TYPE = "intrusion-set";

    @Override
    public String type() {
        return TYPE;
    }

    static IntrusionSet decode(StixId id, CommonProperties common, StixJson json) {
        return new IntrusionSet(
                id,
                common,
                json.text("name"),
                json.text("description"),
                json.strings("aliases"),
                json.timestamp("first_seen"),
                json.timestamp("last_seen"),
                json.strings("goals"),
                json.text("resource_level"),
                json.text("primary_motivation"),
                json.strings("secondary_motivations"),
                json);
    }
}
