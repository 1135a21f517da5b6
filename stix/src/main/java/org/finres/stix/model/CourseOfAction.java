package org.finres.stix.model;


/**
 * The course-of-action object, a STIX Domain Object (SDO). Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record CourseOfAction(
        StixId id,
        CommonProperties common,
        String name,
        String description,
        StixJson json) implements DomainObject {

    public static final String TYPE = "course-of-action";

    @Override
    public String type() {
        return TYPE;
    }

    static CourseOfAction decode(StixId id, CommonProperties common, StixJson json) {
        return new CourseOfAction(
                id,
                common,
                json.text("name"),
                json.text("description"),
                json);
    }
}
