package org.finres.stix.model;

import java.util.List;

/**
 * The tool object, a STIX Domain Object (SDO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record Tool(
        StixId id,
        CommonProperties common,
        String name,
        String description,
        List<String> toolTypes,
        List<String> aliases,
        List<KillChainPhase> killChainPhases,
        String toolVersion,
        StixJson json) implements DomainObject {

    public static final String TYPE = "tool";

    @Override
    public String type() {
        return TYPE;
    }

    static Tool decode(StixId id, CommonProperties common, StixJson json) {
        return new Tool(
                id,
                common,
                json.text("name"),
                json.text("description"),
                json.strings("tool_types"),
                json.strings("aliases"),
                json.killChainPhases("kill_chain_phases"),
                json.text("tool_version"),
                json);
    }
}
