package org.finres.stix.model;

import java.util.List;

/**
 * The infrastructure object, a STIX Domain Object (SDO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record Infrastructure(
        StixId id,
        CommonProperties common,
        String name,
        String description,
        List<String> infrastructureTypes,
        List<String> aliases,
        List<KillChainPhase> killChainPhases,
        StixTimestamp firstSeen,
        StixTimestamp lastSeen,
        StixJson json) implements DomainObject {

    public static final String TYPE = "infrastructure";

    @Override
    public String type() {
        return TYPE;
    }

    static Infrastructure decode(StixId id, CommonProperties common, StixJson json) {
        return new Infrastructure(
                id,
                common,
                json.text("name"),
                json.text("description"),
                json.strings("infrastructure_types"),
                json.strings("aliases"),
                json.killChainPhases("kill_chain_phases"),
                json.timestamp("first_seen"),
                json.timestamp("last_seen"),
                json);
    }
}
