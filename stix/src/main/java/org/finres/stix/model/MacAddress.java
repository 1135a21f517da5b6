package org.finres.stix.model;


/**
 * The mac-addr object, a STIX Cyber-observable Object (SCO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record MacAddress(
        StixId id,
        CommonProperties common,
        String value,
        StixJson json) implements CyberObservable {

    public static final String TYPE = "mac-addr";

    @Override
    public String type() {
        return TYPE;
    }

    static MacAddress decode(StixId id, CommonProperties common, StixJson json) {
        return new MacAddress(
                id,
                common,
                json.text("value"),
                json);
    }
}
