package org.finres.stix.model;


/**
 * The autonomous-system object, a STIX Cyber-observable Object (SCO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record AutonomousSystem(
        StixId id,
        CommonProperties common,
        Long number,
        String name,
        String rir,
        StixJson json) implements CyberObservable {

    public static final String TYPE = "autonomous-system";

    @Override
    public String type() {
        return TYPE;
    }

    static AutonomousSystem decode(StixId id, CommonProperties common, StixJson json) {
        return new AutonomousSystem(
                id,
                common,
                json.integer("number"),
                json.text("name"),
                json.text("rir"),
                json);
    }
}
