package org.finres.events;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Our OCSF model is written by hand from the specification; this test reads the schema in ../shared/specs/ocsf
 * (resolving {@code extends}, profile includes and enum inheritance the way the OCSF compiler does) and checks that
 * for every class we model the uid, category, caption, activities, statuses, required attributes and every attribute
 * name we write, down to nested objects, agree with it.
 */
class OcsfSchemaDriftTests {

    private static final Path SPEC = Path.of("../shared/specs/ocsf");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A resolved attribute: its definition and whether only a profile brought it in. */
    private record Attribute(Map<String, Object> definition, boolean fromProfile) {
    }

    private static Map<String, JsonNode> classes;      // by name, core and Windows extension
    private static Map<String, Integer> extensionOf;   // class name to extension uid
    private static Map<String, JsonNode> objects;      // by name
    private static Map<String, JsonNode> dictionary;   // attribute name to definition
    private static Map<String, Integer> categories;

    @BeforeAll
    static void loadSchema() throws IOException {
        assumeTrue(Files.isDirectory(SPEC), "OCSF schema not available at " + SPEC.toAbsolutePath());
        classes = new HashMap<>();
        extensionOf = new HashMap<>();
        objects = new HashMap<>();
        dictionary = new HashMap<>();
        categories = new HashMap<>();
        try (Stream<Path> files = Files.walk(SPEC.resolve("events"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode node = JSON.readTree(file);
                classes.put(node.get("name").asString(), node);
            }
        }
        int windows = JSON.readTree(SPEC.resolve("extensions/windows/extension.json")).get("uid").asInt();
        try (Stream<Path> files = Files.list(SPEC.resolve("extensions/windows/events"))) {
            for (Path file : files.toList()) {
                JsonNode node = JSON.readTree(file);
                classes.put(node.get("name").asString(), node);
                extensionOf.put(node.get("name").asString(), windows);
            }
        }
        for (Path dir : List.of(SPEC.resolve("objects"), SPEC.resolve("extensions/windows/objects"))) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    JsonNode node = JSON.readTree(file);
                    // The Windows extension's process only adds attributes to the core process object.
                    String name = node.has("name") ? node.get("name").asString()
                            : file.getFileName().toString().replace(".json", "");
                    objects.merge(name, node, (core, ext) -> merged(core, ext));
                }
            }
        }
        for (Path file : List.of(SPEC.resolve("dictionary.json"), SPEC.resolve("extensions/windows/dictionary.json"))) {
            JSON.readTree(file).get("attributes").properties().forEach(e -> dictionary.put(e.getKey(), e.getValue()));
        }
        JSON.readTree(SPEC.resolve("categories.json")).get("attributes").properties()
                .forEach(e -> categories.put(e.getKey(), e.getValue().get("uid").asInt()));
        categories.put("other", 0);
    }

    @Test
    void schemaVersionIsTheOneTheModelIsWrittenFrom() throws IOException {
        String version = JSON.readTree(SPEC.resolve("version.json")).get("version").asString();
        assertThat(version).startsWith(Metadata.OCSF_VERSION.substring(0, Metadata.OCSF_VERSION.lastIndexOf('.')));
    }

    @ParameterizedTest
    @EnumSource(OcsfClass.class)
    void classUidCategoryAndCaptionAgreeWithSchema(OcsfClass ours) {
        JsonNode schema = classes.get(ours.schemaName());
        assertThat(schema).as("class %s in schema", ours.schemaName()).isNotNull();
        String category = categoryOf(ours.schemaName());
        int categoryUid = categories.get(category);
        int uid = schema.path("uid").asInt(0);
        int classUid = extensionOf.getOrDefault(ours.schemaName(), 0) * 100_000 + categoryUid * 1000 + uid;
        if (ours == OcsfClass.BASE_EVENT) {
            classUid = 0;
        }
        assertThat(ours.uid()).as("class_uid").isEqualTo(classUid);
        assertThat(ours.categoryUid()).as("category_uid").isEqualTo(categoryUid);
        assertThat(ours.caption()).as("caption").isEqualTo(schema.get("caption").asString());
    }

    @ParameterizedTest
    @EnumSource(OcsfClass.class)
    void activitiesAndStatusesAgreeWithSchema(OcsfClass ours) {
        Map<String, Attribute> attributes = resolveClass(ours.schemaName());
        assertThat(new TreeMap<>(captions("activity_id", attributes.get("activity_id"))))
                .as("activity_id of %s", ours).isEqualTo(new TreeMap<>(ours.activities()));
        assertThat(new TreeSet<>(captions("status_id", attributes.get("status_id")).keySet()))
                .as("status_id of %s", ours).isEqualTo(new TreeSet<>(ours.statuses().keySet()));
    }

    @ParameterizedTest
    @EnumSource(OcsfClass.class)
    void requiredAttributesAgreeWithSchema(OcsfClass ours) {
        Map<String, Attribute> attributes = resolveClass(ours.schemaName());
        Set<String> required = new TreeSet<>();
        attributes.forEach((name, attribute) -> {
            if (!attribute.fromProfile() && "required".equals(attribute.definition().get("requirement"))) {
                required.add(name);
            }
        });
        assertThat(new TreeSet<>(ours.requiredAttributes())).as("required attributes of %s", ours).isEqualTo(required);
    }

    @ParameterizedTest
    @EnumSource(OcsfClass.class)
    void everyAttributeWeWriteExistsInSchema(OcsfClass ours) {
        Set<String> schemaNames = resolveClass(ours.schemaName()).keySet();
        assertThat(schemaNames).as("attributes of %s", ours).containsAll(ours.attributes());

        ObjectNode written = OcsfJson.toTree(OcsfSamples.full(ours));
        assertThat(ours.attributes()).as("what we write for %s", ours).containsAll(written.propertyNames());
        List<String> unknown = new ArrayList<>();
        for (var property : written.properties()) {
            if (!property.getKey().equals("unmapped")) {
                checkObjectNames(property.getKey(), property.getKey(), property.getValue(), unknown);
            }
        }
        assertThat(unknown).as("nested attribute names not in their OCSF object").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(OcsfClass.class)
    void fullSamplesAreValid(OcsfClass ours) {
        assertThat(OcsfValidator.validate(OcsfSamples.full(ours))).isEmpty();
    }

    /** Checks the keys of an object-valued attribute against its object type, recursively. */
    private void checkObjectNames(String path, String attributeName, JsonNode value, List<String> unknown) {
        if (value.isArray()) {
            for (JsonNode element : value) {
                checkObjectNames(path + "[]", attributeName, element, unknown);
            }
            return;
        }
        if (!value.isObject()) {
            return;
        }
        JsonNode definition = dictionary.get(attributeName);
        if (definition == null) {
            unknown.add(path + " (not in dictionary)");
            return;
        }
        String type = definition.path("type").asString();
        Set<String> names = resolveObject(type).keySet();
        for (var property : value.properties()) {
            if (!names.contains(property.getKey())) {
                unknown.add(path + "." + property.getKey() + " (object " + type + ")");
            } else {
                checkObjectNames(path + "." + property.getKey(), property.getKey(), property.getValue(), unknown);
            }
        }
    }

    private static String categoryOf(String className) {
        JsonNode node = classes.get(className);
        while (node != null) {
            if (node.has("category")) {
                return node.get("category").asString();
            }
            node = node.has("extends") ? classes.get(node.get("extends").asString()) : null;
        }
        throw new IllegalStateException("no category for " + className);
    }

    private Map<String, Attribute> resolveClass(String name) {
        JsonNode node = classes.get(name);
        Map<String, Attribute> attributes = node.has("extends")
                ? new LinkedHashMap<>(resolveClass(node.get("extends").asString())) : new LinkedHashMap<>();
        apply(node.get("attributes"), attributes);
        return attributes;
    }

    private Map<String, Attribute> resolveObject(String name) {
        JsonNode node = objects.get(name);
        if (node == null) {
            return Map.of();
        }
        Map<String, Attribute> attributes = node.has("extends") && objects.containsKey(node.get("extends").asString())
                ? new LinkedHashMap<>(resolveObject(node.get("extends").asString())) : new LinkedHashMap<>();
        apply(node.get("attributes"), attributes);
        return attributes;
    }

    /** Profile includes first, then the node's own attributes, which override and extend enums. */
    @SuppressWarnings("unchecked")
    private void apply(JsonNode own, Map<String, Attribute> attributes) {
        if (own == null) {
            return;
        }
        JsonNode includes = own.get("$include");
        if (includes != null) {
            for (JsonNode include : includes) {
                try {
                    JsonNode profile = JSON.readTree(SPEC.resolve(include.asString()));
                    profile.path("attributes").properties().forEach(e -> attributes.putIfAbsent(e.getKey(),
                            new Attribute(JSON.convertValue(e.getValue(), Map.class), true)));
                } catch (RuntimeException e) {
                    throw new IllegalStateException("cannot read " + include, e);
                }
            }
        }
        for (var property : own.properties()) {
            if (property.getKey().equals("$include")) {
                continue;
            }
            Map<String, Object> definition = JSON.convertValue(property.getValue(), Map.class);
            Attribute previous = attributes.get(property.getKey());
            Map<String, Object> mergedDefinition = new LinkedHashMap<>(previous == null ? Map.of() : previous.definition());
            Object previousEnum = mergedDefinition.get("enum");
            mergedDefinition.putAll(definition);
            if (previousEnum instanceof Map<?, ?> before && definition.get("enum") instanceof Map<?, ?> added) {
                Map<Object, Object> union = new LinkedHashMap<>(before);
                union.putAll(added);
                mergedDefinition.put("enum", union);
            }
            boolean fromProfile = previous != null && previous.fromProfile()
                    && !definition.containsKey("requirement") && !definition.containsKey("profile");
            attributes.put(property.getKey(), new Attribute(mergedDefinition, fromProfile));
        }
    }

    /** An enum attribute's values with captions: the dictionary's base values, then the class's and its parents'. */
    @SuppressWarnings("unchecked")
    private Map<Integer, String> captions(String name, Attribute attribute) {
        Map<Integer, String> out = new HashMap<>();
        dictionary.get(name).path("enum").properties()
                .forEach(e -> out.put(Integer.valueOf(e.getKey()), e.getValue().path("caption").asString()));
        if (attribute != null && attribute.definition().get("enum") instanceof Map<?, ?> map) {
            ((Map<String, Map<String, Object>>) map).forEach((k, v) -> out.put(Integer.valueOf(k), (String) v.get("caption")));
        }
        return out;
    }

    private static JsonNode merged(JsonNode core, JsonNode extension) {
        ObjectNode copy = (ObjectNode) core.deepCopy();
        ObjectNode attributes = (ObjectNode) copy.get("attributes");
        extension.path("attributes").properties().forEach(e -> attributes.set(e.getKey(), e.getValue()));
        return copy;
    }
}
