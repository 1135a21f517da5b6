package org.finres.stix;

import org.finres.stix.model.StixId;
import org.finres.stix.model.StixObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of object we build validates against the OASIS JSON schemas and our validator. */
class ProgrammaticObjectsSchemaTests {

    static final StixId IDENTITY = StixId.of("identity", UUID.fromString("8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"));
    static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    static final Instant T1 = Instant.parse("2026-03-02T08:00:00Z");

    static StixObjectBuilder sdo(String type) {
        return StixObjectBuilder.of(type).set("created_by_ref", IDENTITY.toString())
                .set("object_marking_refs", List.of(Tlp.AMBER.id()));
    }

    static List<StixObject> everyType() {
        StixObject ip = StixObjectBuilder.of("ipv4-addr").set("value", "198.51.100.3").build();
        StixObject domain = StixObjectBuilder.of("domain-name").set("value", "evil.example").build();
        StixObject indicator = sdo("indicator").set("name", "C2").set("pattern", "[ipv4-addr:value = '198.51.100.3']")
                .set("pattern_type", "stix").set("valid_from", T0).set("indicator_types", List.of("malicious-activity")).build();
        StixObject observed = sdo("observed-data").set("first_observed", T0).set("last_observed", T1)
                .set("number_observed", 3).set("object_refs", List.of(ip.id(), domain.id())).build();
        ObjectNode hashes = JsonNodeFactory.instance.objectNode().put("SHA-256",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        ObjectNode contents = JsonNodeFactory.instance.objectNode();
        contents.putObject("zh").put("name", "指揮控制");
        return List.of(
                sdo("attack-pattern").set("name", "Spearphishing").build(),
                sdo("campaign").set("name", "Operation X").set("first_seen", T0).set("last_seen", T1).build(),
                sdo("course-of-action").set("name", "Block").build(),
                sdo("grouping").set("context", "suspicious-activity").set("object_refs", List.of(indicator.id())).build(),
                StixObjectBuilder.of("identity").set("name", "Bank A").set("identity_class", "organization")
                        .set("sectors", List.of("financial-services")).build(),
                sdo("incident").set("name", "Intrusion").build(),
                indicator,
                sdo("infrastructure").set("name", "C2 server").set("infrastructure_types", List.of("command-and-control")).build(),
                sdo("intrusion-set").set("name", "APT-X").build(),
                sdo("location").set("country", "TW").build(),
                sdo("malware").set("name", "Dropper").set("is_family", false).build(),
                sdo("malware-analysis").set("product", "sandbox").set("result", "malicious").build(),
                sdo("note").set("content", "seen at two banks").set("object_refs", List.of(indicator.id())).build(),
                observed,
                sdo("opinion").set("opinion", "agree").set("object_refs", List.of(indicator.id())).build(),
                sdo("report").set("name", "Weekly").set("published", T1).set("object_refs", List.of(indicator.id())).build(),
                sdo("threat-actor").set("name", "Crew").set("threat_actor_types", List.of("crime-syndicate")).build(),
                sdo("tool").set("name", "mimikatz").build(),
                sdo("vulnerability").set("name", "CVE-2026-0001").build(),
                sdo("relationship").set("relationship_type", "indicates").set("source_ref", indicator.id().toString())
                        .set("target_ref", StixId.of("malware", UUID.randomUUID()).toString()).build(),
                sdo("sighting").set("sighting_of_ref", indicator.id().toString()).set("count", 2)
                        .set("observed_data_refs", List.of(observed.id())).set("where_sighted_refs", List.of(IDENTITY)).build(),
                StixObjectBuilder.of("artifact").set("mime_type", "application/zip").set("payload_bin", "UEsDBA==").build(),
                StixObjectBuilder.of("autonomous-system").set("number", 64512).set("name", "Example AS").build(),
                StixObjectBuilder.of("directory").set("path", "C:\\Windows\\Temp").build(),
                domain,
                StixObjectBuilder.of("email-addr").set("value", "ceo@bank.example").build(),
                StixObjectBuilder.of("email-message").set("is_multipart", false).set("subject", "Invoice").build(),
                StixObjectBuilder.of("file").set("hashes", hashes).set("name", "invoice.exe").set("size", 1024).build(),
                ip,
                StixObjectBuilder.of("ipv6-addr").set("value", "2001:db8::1").build(),
                StixObjectBuilder.of("mac-addr").set("value", "d2:fb:49:24:37:18").build(),
                StixObjectBuilder.of("mutex").set("name", "Global\\evil").build(),
                StixObjectBuilder.of("network-traffic").set("src_ref", ip.id().toString()).set("dst_port", 443)
                        .set("protocols", List.of("ipv4", "tcp")).build(),
                StixObjectBuilder.of("process").set("pid", 4242).set("command_line", "cmd.exe /c whoami").build(),
                StixObjectBuilder.of("software").set("name", "Word").set("vendor", "Microsoft").build(),
                StixObjectBuilder.of("url").set("value", "https://evil.example/login").build(),
                StixObjectBuilder.of("user-account").set("user_id", "1001").set("account_login", "alice").build(),
                StixObjectBuilder.of("windows-registry-key").set("key", "HKEY_LOCAL_MACHINE\\Software\\Run").build(),
                StixObjectBuilder.of("x509-certificate").set("serial_number", "36:f7:d4:32:f4:ab:70:ea").build(),
                Tlp.CLEAR.markingDefinition(), Tlp.GREEN.markingDefinition(), Tlp.AMBER.markingDefinition(),
                Tlp.AMBER_STRICT.markingDefinition(), Tlp.RED.markingDefinition(),
                StixObjectBuilder.of("marking-definition").set("name", "Statement").set("definition_type", "statement")
                        .set("definition", JsonNodeFactory.instance.objectNode().put("statement", "Copyright FinRes")).build(),
                sdo("language-content").set("object_ref", indicator.id().toString()).set("contents", contents).build(),
                StixObjectBuilder.of("extension-definition").set("created_by_ref", IDENTITY.toString()).set("name", "finres-score")
                        .set("schema", "https://finres.example/score.json").set("version", "1.0")
                        .set("extension_types", List.of("property-extension")).build());
    }

    @TestFactory
    Stream<DynamicTest> everyBuiltObjectValidatesAgainstTheOasisSchemas() {
        SharedCorpus.require(SharedCorpus.SCHEMAS);
        return everyType().stream().map(o -> DynamicTest.dynamicTest(o.type(), () -> {
            assertThat(SchemaCheck.problems(o)).as(o.json().text()).isEmpty();
            assertThat(new StixValidator().validate(o)).as(o.json().text()).isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> builtBundleValidatesAgainstTheBundleSchema() {
        SharedCorpus.require(SharedCorpus.SCHEMAS);
        // The OASIS bundle schema lists only some types in its oneOf (no grouping, incident, location, note, opinion,
        // extension-definition); those are checked one by one above, the rest also inside a bundle.
        String bundleSchema;
        try {
            bundleSchema = java.nio.file.Files.readString(SharedCorpus.SCHEMAS.resolve("common/bundle.json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<StixObject> listed = everyType().stream()
                .filter(o -> bundleSchema.contains("/" + o.type() + ".json\"")).toList();
        assertThat(listed).hasSizeGreaterThan(30);
        String json = StixBundleWriter.toJson(StixBundle.of(listed));
        return Stream.of(DynamicTest.dynamicTest("bundle", () ->
                assertThat(SchemaCheck.problems("common/bundle.json", json)).isEmpty()));
    }

    @org.junit.jupiter.api.Test
    void coversEveryDefinedType() {
        assertThat(everyType().stream().map(StixObject::type).distinct())
                .containsAll(Stream.of(org.finres.stix.model.StixType.values()).map(t -> t.jsonName()).toList());
    }
}
