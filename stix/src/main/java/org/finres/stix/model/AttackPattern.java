package org.finres.stix.model;

import java.util.List;

/**
 * The attack-pattern object, a STIX Domain Object (SDO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record AttackPattern(
        StixId id,
        CommonProperties common,
        String name,
        String description,
        List<String> aliases,
        List<KillChainPhase> killChainPhases,
        StixJson json) implements DomainObject {

    public static final String TYPE = "attack-pattern";

    @Override
    public String type() {
        return TYPE;
    }

    static AttackPattern decode(StixId id, CommonProperties common, StixJson json) {
        return new AttackPattern(
                id,
                common,
                json.text("name"),
                json.text("description"),
                json.strings("aliases"),
                json.killChainPhases("kill_chain_phases"),
                json);
    }
}
