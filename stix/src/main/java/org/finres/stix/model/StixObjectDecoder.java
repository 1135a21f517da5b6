package org.finres.stix.model;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one object's JSON into its {@link StixObject} record. Only two things are required to make an object
 * usable at all: a string {@code type} and an {@code id} shaped like {@code <type>--<UUID>}; everything else is
 * the validator's business, so a reader never loses an object over a STIX rule.
 */
public final class StixObjectDecoder {

    private StixObjectDecoder() {}

    /**
     * @param text the object's exact JSON text
     * @param tree the tree parsed from {@code text}
     * @param path where the object sits (for messages), such as {@code $.objects[2]}
     */
    public static StixObject decode(String text, ObjectNode tree, String path) {
        JsonNode type = tree.get("type");
        if (type == null || !type.isString())
            throw new StixFormatException(path, "the object has no string 'type' property");
        JsonNode idNode = tree.get("id");
        if (idNode == null || !idNode.isString())
            throw new StixFormatException(path, "the object has no string 'id' property");
        StixId id = StixId.parseOrNull(idNode.stringValue());
        if (id == null)
            throw new StixFormatException(path + ".id", "'" + idNode.stringValue() + "' is not <type>--<UUID>");
        StixJson json = new StixJson(text, tree);
        CommonProperties common = CommonProperties.decode(json);
        return StixType.of(type.stringValue())
                .<StixObject>map(t -> decodeKnown(t, id, common, json))
                .orElseGet(() -> new CustomObject(id, type.stringValue(), common, json));
    }

    private static StixObject decodeKnown(StixType type, StixId id, CommonProperties common, StixJson json) {
        return switch (type) {
            case ATTACK_PATTERN -> AttackPattern.decode(id, common, json);
            case CAMPAIGN -> Campaign.decode(id, common, json);
            case COURSE_OF_ACTION -> CourseOfAction.decode(id, common, json);
            case GROUPING -> Grouping.decode(id, common, json);
            case IDENTITY -> Identity.decode(id, common, json);
            case INCIDENT -> Incident.decode(id, common, json);
            case INDICATOR -> Indicator.decode(id, common, json);
            case INFRASTRUCTURE -> Infrastructure.decode(id, common, json);
            case INTRUSION_SET -> IntrusionSet.decode(id, common, json);
            case LOCATION -> Location.decode(id, common, json);
            case MALWARE -> Malware.decode(id, common, json);
            case MALWARE_ANALYSIS -> MalwareAnalysis.decode(id, common, json);
            case NOTE -> Note.decode(id, common, json);
            case OBSERVED_DATA -> ObservedData.decode(id, common, json);
            case OPINION -> Opinion.decode(id, common, json);
            case REPORT -> Report.decode(id, common, json);
            case THREAT_ACTOR -> ThreatActor.decode(id, common, json);
            case TOOL -> Tool.decode(id, common, json);
            case VULNERABILITY -> Vulnerability.decode(id, common, json);
            case RELATIONSHIP -> Relationship.decode(id, common, json);
            case SIGHTING -> Sighting.decode(id, common, json);
            case ARTIFACT -> Artifact.decode(id, common, json);
            case AUTONOMOUS_SYSTEM -> AutonomousSystem.decode(id, common, json);
            case DIRECTORY -> Directory.decode(id, common, json);
            case DOMAIN_NAME -> DomainName.decode(id, common, json);
            case EMAIL_ADDR -> EmailAddress.decode(id, common, json);
            case EMAIL_MESSAGE -> EmailMessage.decode(id, common, json);
            case FILE -> File.decode(id, common, json);
            case IPV4_ADDR -> Ipv4Address.decode(id, common, json);
            case IPV6_ADDR -> Ipv6Address.decode(id, common, json);
            case MAC_ADDR -> MacAddress.decode(id, common, json);
            case MUTEX -> Mutex.decode(id, common, json);
            case NETWORK_TRAFFIC -> NetworkTraffic.decode(id, common, json);
            case PROCESS -> Process.decode(id, common, json);
            case SOFTWARE -> Software.decode(id, common, json);
            case URL -> Url.decode(id, common, json);
            case USER_ACCOUNT -> UserAccount.decode(id, common, json);
            case WINDOWS_REGISTRY_KEY -> WindowsRegistryKey.decode(id, common, json);
            case X509_CERTIFICATE -> X509Certificate.decode(id, common, json);
            case MARKING_DEFINITION -> MarkingDefinition.decode(id, common, json);
            case LANGUAGE_CONTENT -> LanguageContent.decode(id, common, json);
            case EXTENSION_DEFINITION -> ExtensionDefinition.decode(id, common, json);
        };
    }
}
