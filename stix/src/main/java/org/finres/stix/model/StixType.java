package org.finres.stix.model;

import java.util.Optional;

/** The object types STIX 2.1 defines, with their category. Anything else is a {@link CustomObject}. */
public enum StixType {
    ATTACK_PATTERN("attack-pattern", Category.DOMAIN),
    CAMPAIGN("campaign", Category.DOMAIN),
    COURSE_OF_ACTION("course-of-action", Category.DOMAIN),
    GROUPING("grouping", Category.DOMAIN),
    IDENTITY("identity", Category.DOMAIN),
    INCIDENT("incident", Category.DOMAIN),
    INDICATOR("indicator", Category.DOMAIN),
    INFRASTRUCTURE("infrastructure", Category.DOMAIN),
    INTRUSION_SET("intrusion-set", Category.DOMAIN),
    LOCATION("location", Category.DOMAIN),
    MALWARE("malware", Category.DOMAIN),
    MALWARE_ANALYSIS("malware-analysis", Category.DOMAIN),
    NOTE("note", Category.DOMAIN),
    OBSERVED_DATA("observed-data", Category.DOMAIN),
    OPINION("opinion", Category.DOMAIN),
    REPORT("report", Category.DOMAIN),
    THREAT_ACTOR("threat-actor", Category.DOMAIN),
    TOOL("tool", Category.DOMAIN),
    VULNERABILITY("vulnerability", Category.DOMAIN),
    RELATIONSHIP("relationship", Category.RELATIONSHIP),
    SIGHTING("sighting", Category.RELATIONSHIP),
    ARTIFACT("artifact", Category.OBSERVABLE),
    AUTONOMOUS_SYSTEM("autonomous-system", Category.OBSERVABLE),
    DIRECTORY("directory", Category.OBSERVABLE),
    DOMAIN_NAME("domain-name", Category.OBSERVABLE),
    EMAIL_ADDR("email-addr", Category.OBSERVABLE),
    EMAIL_MESSAGE("email-message", Category.OBSERVABLE),
    FILE("file", Category.OBSERVABLE),
    IPV4_ADDR("ipv4-addr", Category.OBSERVABLE),
    IPV6_ADDR("ipv6-addr", Category.OBSERVABLE),
    MAC_ADDR("mac-addr", Category.OBSERVABLE),
    MUTEX("mutex", Category.OBSERVABLE),
    NETWORK_TRAFFIC("network-traffic", Category.OBSERVABLE),
    PROCESS("process", Category.OBSERVABLE),
    SOFTWARE("software", Category.OBSERVABLE),
    URL("url", Category.OBSERVABLE),
    USER_ACCOUNT("user-account", Category.OBSERVABLE),
    WINDOWS_REGISTRY_KEY("windows-registry-key", Category.OBSERVABLE),
    X509_CERTIFICATE("x509-certificate", Category.OBSERVABLE),
    MARKING_DEFINITION("marking-definition", Category.META),
    LANGUAGE_CONTENT("language-content", Category.META),
    EXTENSION_DEFINITION("extension-definition", Category.META);

    /** The family a type belongs to, which decides its common properties and id rules. */
    public enum Category { DOMAIN, RELATIONSHIP, OBSERVABLE, META }

    private final String jsonName;
    private final Category category;

    StixType(String jsonName, Category category) {
        this.jsonName = jsonName;
        this.category = category;
    }

    public String jsonName() {
        return jsonName;
    }

    public Category category() {
        return category;
    }

    private static final java.util.Map<String, StixType> BY_NAME = java.util.Arrays.stream(values())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(StixType::jsonName, t -> t));

    public static Optional<StixType> of(String jsonName) {
        return Optional.ofNullable(BY_NAME.get(jsonName));
    }
}
