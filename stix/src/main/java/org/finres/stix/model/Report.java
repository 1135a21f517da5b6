package org.finres.stix.model;

import java.util.List;

/**
 * The report object, a STIX Domain Object (SDO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record Report(
        StixId id,
        CommonProperties common,
        String name,
        String description,
        List<String> reportTypes,
        StixTimestamp published,
        List<StixId> objectRefs,
        StixJson json) implements DomainObject {

    public static final String TYPE = "report";

    @Override
    public String type() {
        return TYPE;
    }

    static Report decode(StixId id, CommonProperties common, StixJson json) {
        return new Report(
                id,
                common,
                json.text("name"),
                json.text("description"),
                json.strings("report_types"),
                json.timestamp("published"),
                json.refs("object_refs"),
                json);
    }
}
