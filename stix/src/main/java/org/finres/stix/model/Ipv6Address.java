package org.finres.stix.model;

import java.util.List;

/**
 * The ipv6-addr object, a STIX Cyber-observable Object (SCO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record Ipv6Address(
        StixId id,
        CommonProperties common,
        String value,
        List<StixId> resolvesToRefs,
        List<StixId> belongsToRefs,
        StixJson json) implements CyberObservable {

    public static final String TYPE = "ipv6-addr";

    @Override
    public String type() {
        return TYPE;
    }

    static Ipv6Address decode(StixId id, CommonProperties common, StixJson json) {
        return new Ipv6Address(
                id,
                common,
                json.text("value"),
                json.refs("resolves_to_refs"),
                json.refs("belongs_to_refs"),
                json);
    }
}
