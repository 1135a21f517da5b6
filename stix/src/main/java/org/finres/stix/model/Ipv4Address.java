package org.finres.stix.model;

import java.util.List;

/**
 * The ipv4-addr object, a STIX Cyber-observable Object (SCO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record Ipv4Address(
        StixId id,
        CommonProperties common,
        String value,
        List<StixId> resolvesToRefs,
        List<StixId> belongsToRefs,
        StixJson json) implements CyberObservable {

    public static final String TYPE = "ipv4-addr";

    @Override
    public String type() {
        return TYPE;
    }

    static Ipv4Address decode(StixId id, CommonProperties common, StixJson json) {
        return new Ipv4Address(
                id,
                common,
                json.text("value"),
                json.refs("resolves_to_refs"),
                json.refs("belongs_to_refs"),
                json);
    }
}
