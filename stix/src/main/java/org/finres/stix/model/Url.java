package org.finres.stix.model;


/**
 * The url object, a STIX Cyber-observable Object (SCO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record Url(
        StixId id,
        CommonProperties common,
        String value,
        StixJson json) implements CyberObservable {

    public static final String TYPE = "url";

    @Override
    public String type() {
        return TYPE;
    }

    static Url decode(StixId id, CommonProperties common, StixJson json) {
        return new Url(
                id,
                common,
                json.text("value"),
                json);
    }
}
