package org.finres.stix.model;


/**
 * The mutex object, a STIX Cyber-observable Object (SCO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record Mutex(
        StixId id,
        CommonProperties common,
        String name,
        StixJson json) implements CyberObservable {

    public static final String TYPE = "mutex";

    @Override
    public String type() {
        return TYPE;
    }

    static Mutex decode(StixId id, CommonProperties common, StixJson json) {
        return new Mutex(
                id,
                common,
                json.text("name"),
                json);
    }
}
