package org.finres.stix;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.finres.stix.model.StixObject;
import org.finres.stix.model.StixType;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Validates objects against the OASIS STIX 2.1 JSON schemas in ../shared (draft 2020-12, relative $ref). */
final class SchemaCheck {

    private static final String ID_PREFIX = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.schemaMappers(m -> m.mapPrefix(ID_PREFIX, SharedCorpus.SCHEMAS.toAbsolutePath().normalize().toUri().toString())));
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private SchemaCheck() {}

    /** The schema file for a type, relative to the schemas folder; null for custom types. */
    static String schemaPath(String type) {
        return StixType.of(type).map(t -> switch (t.category()) {
            case DOMAIN -> "sdos/" + type + ".json";
            case RELATIONSHIP -> "sros/" + type + ".json";
            case OBSERVABLE -> "observables/" + type + ".json";
            case META -> "common/" + type + ".json";
        }).orElse(null);
    }

    static Set<ValidationMessage> problems(StixObject object) {
        String path = schemaPath(object.type());
        if (path == null) path = "common/core.json";
        return problems(path, object.json().text());
    }

    static Set<ValidationMessage> problems(String schemaPath, String json) {
        SharedCorpus.require(SharedCorpus.SCHEMAS);
        JsonSchema schema = SCHEMAS.computeIfAbsent(schemaPath, p -> FACTORY.getSchema(SchemaLocation.of(ID_PREFIX + p)));
        return schema.validate(json, InputFormat.JSON);
    }
}
