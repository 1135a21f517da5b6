package org.finres.stix.model;

import java.util.List;

/**
 * The threat-actor object, a STIX Domain Object (SDO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record ThreatActor(
        StixId id,
        CommonProperties common,
        String name,
        String description,
        List<String> threatActorTypes,
        List<String> aliases,
        StixTimestamp firstSeen,
        StixTimestamp lastSeen,
        List<String> roles,
        List<String> goals,
        String sophistication,
        String resourceLevel,
        String primaryMotivation,
        List<String> secondaryMotivations,
        List<String> personalMotivations,
        StixJson json) implements DomainObject {

    public static final String TYPE = "threat-actor";

    @Override
    public String type() {
        return TYPE;
    }

    static ThreatActor decode(StixId id, CommonProperties common, StixJson json) {
        return new ThreatActor(
                id,
                common,
                json.text("name"),
                json.text("description"),
                json.strings("threat_actor_types"),
                json.strings("aliases"),
                json.timestamp("first_seen"),
                json.timestamp("last_seen"),
                json.strings("roles"),
                json.strings("goals"),
                json.text("sophistication"),
                json.text("resource_level"),
                json.text("primary_motivation"),
                json.strings("secondary_motivations"),
                json.strings("personal_motivations"),
                json);
    }
}
