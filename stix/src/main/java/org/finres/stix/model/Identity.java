package org.finres.stix.model;

import java.util.List;

/**
 * The identity object, a STIX Domain Object (SDO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record Identity(
        StixId id,
        CommonProperties common,
        String name,
        String description,
        List<String> roles,
        String identityClass,
        List<String> sectors,
        String contactInformation,
        StixJson json) implements DomainObject {

    public static final String TYPE = "identity";

    @Override
    public String type() {
        return TYPE;
    }

    static Identity decode(StixId id, CommonProperties common, StixJson json) {
        return new Identity(
                id,
                common,
                json.text("name"),
                json.text("description"),
                json.strings("roles"),
                json.text("identity_class"),
                json.strings("sectors"),
                json.text("contact_information"),
                json);
    }
}
