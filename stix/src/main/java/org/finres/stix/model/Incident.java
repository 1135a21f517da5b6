package org.finres.stix.model;

import java.util.List;

/**
 * The incident object, a STIX Domain Object (SDO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record Incident(
        StixId id,
        CommonProperties common,
        String name,
        String description,
        List<KillChainPhase> killChainPhases,
        StixJson json) implements DomainObject {

    public static final String TYPE = "incident";

    @Override
    public String type() {
        return TYPE;
    }

    static Incident decode(StixId id, CommonProperties common, StixJson json) {
        return new Incident(
                id,
                common,
                json.text("name"),
                json.text("description"),
                json.killChainPhases("kill_chain_phases"),
                json);
    }
}
