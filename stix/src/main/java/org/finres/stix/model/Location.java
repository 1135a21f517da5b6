package org.finres.stix.model;


/**
 * The location object, a STIX Domain Object (SDO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record Location(
        StixId id,
        CommonProperties common,
        String name,
        String description,
        Double latitude,
        Double longitude,
        Double precision,
        String region,
        String country,
        String administrativeArea,
        String city,
        String streetAddress,
        String postalCode,
        StixJson json) implements DomainObject {

    public static final String TYPE = "location";

    @Override
    public String type() {
        return TYPE;
    }

    static Location decode(StixId id, CommonProperties common, StixJson json) {
        return new Location(
                id,
                common,
                json.text("name"),
                json.text("description"),
                json.decimal("latitude"),
                json.decimal("longitude"),
                json.decimal("precision"),
                json.text("region"),
                json.text("country"),
                json.text("administrative_area"),
                json.text("city"),
                json.text("street_address"),
                json.text("postal_code"),
                json);
    }
}
