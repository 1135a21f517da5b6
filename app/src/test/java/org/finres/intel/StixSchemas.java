package org.finres.intel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.finres.stix.StixBundleReader;
import org.finres.stix.model.StixObject;
import org.finres.stix.model.StixType;
import org.junit.jupiter.api.Assumptions;

/**
 * The OASIS STIX 2.1 JSON schemas in ../shared (draft 2020-12 with relative $ref), read with the same validator
 * library as the STIX engine's tests. Tests that need them skip when a clone has no ../shared.
 */
final class StixSchemas {

    static final Path STIX = Path.of("../shared/specs/stix2");
    static final Path SCHEMAS = STIX.resolve("schemas");
    private static final String ID_PREFIX = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.schemaMappers(m -> m.mapPrefix(ID_PREFIX, SCHEMAS.toAbsolutePath().normalize().toUri().toString())));
    private static final Map<String, JsonSchema> LOADED = new ConcurrentHashMap<>();

    private StixSchemas() {
    }

    static void require() {
        Assumptions.assumeTrue(Files.isDirectory(SCHEMAS), () -> SCHEMAS.toAbsolutePath().normalize() + " is absent; skipping");
    }

    /** The schema problems of one object's JSON text (its type's schema; core.json for custom types). */
    static Set<ValidationMessage> problems(String json) {
        StixObject object = StixBundleReader.readObject(json);
        String type = object.type();
        String path = StixType.of(type).map(t -> switch (t.category()) {
            case DOMAIN -> "sdos/" + type + ".json";
            case RELATIONSHIP -> "sros/" + type + ".json";
            case OBSERVABLE -> "observables/" + type + ".json";
            case META -> "common/" + type + ".json";
        }).orElse("common/core.json");
        JsonSchema schema = LOADED.computeIfAbsent(path, p -> FACTORY.getSchema(SchemaLocation.of(ID_PREFIX + p)));
        return schema.validate(json, InputFormat.JSON);
    }
}
