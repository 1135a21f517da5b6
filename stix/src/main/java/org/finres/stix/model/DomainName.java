package org.finres.stix.model;

import java.util.List;

/**
 * The domain-name object, a STIX Cyber-observable Object (SCO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record DomainName(
        StixId id,
        CommonProperties common,
        String value,
        List<StixId> resolvesToRefs,
        StixJson json) implements CyberObservable {

    public static final String TYPE = "domain-name";

    @Override
    public String type() {
        return TYPE;
    }

    static DomainName decode(StixId id, CommonProperties common, StixJson json) {
        return new DomainName(
                id,
                common,
                json.text("value"),
                json.refs("resolves_to_refs"),
                json);
    }
}
