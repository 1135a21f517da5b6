package org.finres.stix.model;

import java.util.List;

/**
 * The extension-definition object, a STIX Meta Object. Typed properties are read from {@link #json()}, which keeps the object exactly as
 * received; properties not typed here (and custom ones) stay available there.
 */
public record ExtensionDefinition(
        StixId id,
        CommonProperties common,
        String name,
        String description,
        String schema,
        String version,
        List<String> extensionTypes,
        List<String> extensionProperties,
        StixJson json) implements MetaObject {

    public static final String TYPE = "extension-definition";

    @Override
    public String type() {
        return TYPE;
    }

    static ExtensionDefinition decode(StixId id, CommonProperties common, StixJson json) {
        return new ExtensionDefinition(
                id,
                common,
                json.text("name"),
                json.text("description"),
                json.text("schema"),
                json.text("version"),
                json.strings("extension_types"),
                json.strings("extension_properties"),
                json);
    }
}
