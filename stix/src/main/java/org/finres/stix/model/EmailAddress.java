package org.finres.stix.model;


/**
 * The email-addr object, a STIX Cyber-observable Object (SCO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record EmailAddress(
        StixId id,
        CommonProperties common,
        String value,
        String displayName,
        StixId belongsToRef,
        StixJson json) implements CyberObservable {

    public static final String TYPE = "email-addr";

    @Override
    public String type() {
        return TYPE;
    }

    static EmailAddress decode(StixId id, CommonProperties common, StixJson json) {
        return new EmailAddress(
                id,
                common,
                json.text("value"),
                json.text("display_name"),
                json.ref("belongs_to_ref"),
                json);
    }
}
