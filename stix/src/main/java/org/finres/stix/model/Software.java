package org.finres.stix.model;

import java.util.List;

/**
 * The software object, a STIX Cyber-observable Object (SCO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record Software(
        StixId id,
        CommonProperties common,
        String name,
        String cpe,
        String swid,
        List<String> languages,
        String vendor,
        String version,
        StixJson json) implements CyberObservable {

    public static final String TYPE = "software";

    @Override
    public String type() {
        return TYPE;
    }

    static Software decode(StixId id, CommonProperties common, StixJson json) {
        return new Software(
                id,
                common,
                json.text("name"),
                json.text("cpe"),
                json.text("swid"),
                json.strings("languages"),
                json.text("vendor"),
                json.text("version"),
                json);
    }
}
