package org.finres.stix.model;

import java.util.List;

/**
 * The indicator object, a STIX Domain Object (SDO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record Indicator(
        StixId id,
        CommonProperties common,
        String name,
        String description,
        List<String> indicatorTypes,
        String pattern,
        String patternType,
        String patternVersion,
        StixTimestamp validFrom,
        StixTimestamp validUntil,
        List<KillChainPhase> killChainPhases,
        StixJson json) implements DomainObject {

    public static final String TYPE = "indicator";

    @Override
    public String type() {
        return TYPE;
    }

    static Indicator decode(StixId id, CommonProperties common, StixJson json) {
        return new Indicator(
                id,
                common,
                json.text("name"),
                json.text("description"),
                json.strings("indicator_types"),
                json.text("pattern"),
                json.text("pattern_type"),
                json.text("pattern_version"),
                json.timestamp("valid_from"),
                json.timestamp("valid_until"),
                json.killChainPhases("kill_chain_phases"),
                json);
    }
}
