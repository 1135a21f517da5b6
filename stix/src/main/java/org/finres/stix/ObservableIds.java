package org.finres.stix;

import org.finres.stix.model.StixId;
import org.finres.stix.model.StixType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Deterministic SCO ids (STIX 2.1 section 2.9): UUIDv5 in the STIX namespace over the RFC 8785 canonical JSON of
 * the type's ID Contributing Properties that are present. The same observable from two producers gets the same id,
 * which is what lets a hub de-duplicate sightings across institutions.
 */
public final class ObservableIds {

    /** The namespace STIX fixes for SCO ids. */
    public static final UUID STIX_NAMESPACE = UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");

    // When several hashes are present only one contributes; this is the order of preference the OASIS reference
    // implementation applies (the specification asks for one hash but leaves the choice to it).
    private static final List<String> HASH_PREFERENCE = List.of("MD5", "SHA-1", "SHA-256", "SHA-512");

    private ObservableIds() {}

    /** The ID Contributing Properties of {@code type}, as the specification lists them; empty for non-SCOs and process. */
    public static List<String> contributingProperties(StixType type) {
        return switch (type) {
            case ARTIFACT -> List.of("hashes", "payload_bin");
            case AUTONOMOUS_SYSTEM -> List.of("number");
            case DIRECTORY -> List.of("path");
            case DOMAIN_NAME, EMAIL_ADDR, IPV4_ADDR, IPV6_ADDR, MAC_ADDR, URL -> List.of("value");
            case EMAIL_MESSAGE -> List.of("from_ref", "subject", "body");
            case FILE -> List.of("hashes", "name", "extensions", "parent_directory_ref");
            case MUTEX -> List.of("name");
            case NETWORK_TRAFFIC -> List.of("start", "end", "src_ref", "dst_ref", "src_port", "dst_port", "protocols", "extensions");
            // A process has no contributing properties: the specification wants a random (v4) id for it.
            case PROCESS -> List.of();
            case SOFTWARE -> List.of("name", "cpe", "swid", "vendor", "version");
            case USER_ACCOUNT -> List.of("account_type", "user_id", "account_login");
            case WINDOWS_REGISTRY_KEY -> List.of("key", "values");
            case X509_CERTIFICATE -> List.of("hashes", "serial_number");
            case ATTACK_PATTERN, CAMPAIGN, COURSE_OF_ACTION, GROUPING, IDENTITY, INCIDENT, INDICATOR, INFRASTRUCTURE,
                 INTRUSION_SET, LOCATION, MALWARE, MALWARE_ANALYSIS, NOTE, OBSERVED_DATA, OPINION, REPORT, THREAT_ACTOR,
                 TOOL, VULNERABILITY, RELATIONSHIP, SIGHTING, MARKING_DEFINITION, LANGUAGE_CONTENT,
                 EXTENSION_DEFINITION -> List.of();
        };
    }

    /**
     * The deterministic id for an SCO given as JSON, or empty when its type has no contributing properties or none
     * of them is present (the specification then asks for a UUIDv4). Unknown (custom) SCO types have none here.
     */
    public static Optional<StixId> derive(JsonNode object) {
        String type = object.path("type").asString("");
        List<String> props = StixType.of(type).map(ObservableIds::contributingProperties).orElse(List.of());
        ObjectNode name = JsonNodeFactory.instance.objectNode();
        for (String p : props) {
            JsonNode v = object.get(p);
            if (v == null || v.isNull()) continue;
            if (p.equals("hashes")) {
                if (!v.isObject() || v.isEmpty()) continue;
                name.set(p, oneHash(v));
            } else {
                name.set(p, v);
            }
        }
        if (name.isEmpty()) return Optional.empty();
        return Optional.of(StixId.of(type, uuidV5(STIX_NAMESPACE, CanonicalJson.of(name))));
    }

    private static ObjectNode oneHash(JsonNode hashes) {
        String chosen = HASH_PREFERENCE.stream().filter(hashes::has).findFirst()
                .orElseGet(() -> hashes.propertyNames().iterator().next());
        ObjectNode one = JsonNodeFactory.instance.objectNode();
        one.set(chosen, hashes.get(chosen));
        return one;
    }

    /** RFC 4122 (RFC 9562) name-based UUID, version 5: SHA-1 over namespace bytes then the UTF-8 name. */
    public static UUID uuidV5(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] ns = new byte[16];
            for (int i = 0; i < 8; i++) {
                ns[i] = (byte) (namespace.getMostSignificantBits() >>> (56 - 8 * i));
                ns[8 + i] = (byte) (namespace.getLeastSignificantBits() >>> (56 - 8 * i));
            }
            sha1.update(ns);
            byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            h[6] = (byte) ((h[6] & 0x0f) | 0x50);
            h[8] = (byte) ((h[8] & 0x3f) | 0x80);
            long msb = 0, lsb = 0;
            for (int i = 0; i < 8; i++) msb = (msb << 8) | (h[i] & 0xff);
            for (int i = 8; i < 16; i++) lsb = (lsb << 8) | (h[i] & 0xff);
            return new UUID(msb, lsb);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
