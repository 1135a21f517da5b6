package org.finres.events;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an event against its class's rules as written in {@link OcsfClass}: required attributes, enum ranges,
 * {@code type_uid} consistency, and the required attributes of the objects we model. It works on the OCSF JSON form,
 * so that events built by decoders and documents received from other producers pass the very same checks; every
 * violation names the attribute path.
 */
public final class OcsfValidator {

    private static final Set<Long> ACTIONS = Set.of(0L, 1L, 2L, 99L);
    private static final Set<Long> CONFIDENCES = Set.of(0L, 1L, 2L, 3L, 99L);
    private static final Set<Long> STATES = Set.of(0L, 1L, 2L, 3L, 4L, 99L);
    private static final Set<Long> LOGON_TYPES = Set.of(0L, 1L, 2L, 3L, 4L, 5L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 99L);
    private static final Set<Long> RCODES = Set.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 16L, 17L, 18L,
            19L, 20L, 21L, 22L, 23L, 24L, 25L, 99L);

    /** Per object kind: the attributes OCSF requires and the enum ranges of its ids. */
    private record ObjectRules(Set<String> required, Map<String, Set<Long>> enums) {
    }

    private static final ObjectRules FILE = new ObjectRules(Set.of("name", "type_id"),
            Map.of("type_id", range(0, 8)));
    private static final ObjectRules PROCESS = new ObjectRules(Set.of(), Map.of("integrity_id", range(0, 6)));
    private static final ObjectRules USER = new ObjectRules(Set.of(), Map.of("type_id", range(0, 4)));
    private static final ObjectRules FINGERPRINT = new ObjectRules(Set.of("algorithm_id", "value"),
            Map.of("algorithm_id", range(0, 20)));
    private static final ObjectRules DEVICE = new ObjectRules(Set.of("type_id"), Map.of());
    private static final ObjectRules OS = new ObjectRules(Set.of("name", "type_id"), Map.of());
    private static final ObjectRules CONNECTION = new ObjectRules(Set.of("direction_id"),
            Map.of("direction_id", range(0, 4), "protocol_ver_id", Set.of(0L, 4L, 6L, 99L)));
    private static final ObjectRules METADATA = new ObjectRules(Set.of("product", "version"), Map.of());
    private static final ObjectRules FINDING_INFO = new ObjectRules(Set.of("uid"), Map.of());
    private static final ObjectRules FINDING = new ObjectRules(Set.of("uid", "title"), Map.of());
    private static final ObjectRules DNS_QUERY = new ObjectRules(Set.of("hostname"), Map.of());
    private static final ObjectRules DNS_ANSWER = new ObjectRules(Set.of("rdata"), Map.of());
    private static final ObjectRules HTTP_RESPONSE = new ObjectRules(Set.of("code"), Map.of());
    private static final ObjectRules REG_KEY = new ObjectRules(Set.of("path"), Map.of());
    private static final ObjectRules REG_VALUE = new ObjectRules(Set.of("name", "path"), Map.of("type_id", range(1, 10)));
    private static final ObjectRules OBSERVABLE = new ObjectRules(Set.of("type_id"), Map.of());
    private static final ObjectRules CVE = new ObjectRules(Set.of("uid"), Map.of());
    private static final ObjectRules CVSS = new ObjectRules(Set.of("base_score", "version"), Map.of());
    private static final ObjectRules ANALYTIC = new ObjectRules(Set.of("type_id"), Map.of());
    private static final ObjectRules ANY = new ObjectRules(Set.of(), Map.of());
    /** Objects without rules of their own that hold objects with rules. */
    private static final ObjectRules CONTAINER = new ObjectRules(Set.of(), Map.of());

    /** Which object an attribute holds, by its name, for the objects whose rules we check. */
    private static final Map<String, ObjectRules> OBJECTS = Map.ofEntries(
            Map.entry("file", FILE), Map.entry("file_result", FILE),
            Map.entry("process", PROCESS), Map.entry("parent_process", PROCESS), Map.entry("logon_process", PROCESS),
            Map.entry("user", USER), Map.entry("user_result", USER), Map.entry("hashes", FINGERPRINT),
            Map.entry("device", DEVICE), Map.entry("os", OS), Map.entry("connection_info", CONNECTION),
            Map.entry("metadata", METADATA), Map.entry("finding_info", FINDING_INFO), Map.entry("finding", FINDING),
            Map.entry("query", DNS_QUERY), Map.entry("answers", DNS_ANSWER), Map.entry("http_response", HTTP_RESPONSE),
            Map.entry("reg_key", REG_KEY), Map.entry("prev_reg_key", REG_KEY), Map.entry("reg_value", REG_VALUE),
            Map.entry("prev_reg_value", REG_VALUE), Map.entry("observables", OBSERVABLE), Map.entry("cve", CVE),
            Map.entry("cvss", CVSS), Map.entry("analytic", ANALYTIC), Map.entry("actor", CONTAINER),
            Map.entry("evidences", CONTAINER), Map.entry("vulnerabilities", CONTAINER));

    private OcsfValidator() {
    }

    /** The rules a modelled event breaks; empty when it is valid. */
    public static List<Violation> validate(OcsfEvent event) {
        return validate(OcsfJson.toTree(event));
    }

    /** The rules an OCSF JSON document breaks, for any class we model; empty when it is valid. */
    public static List<Violation> validate(JsonNode document) {
        List<Violation> violations = new ArrayList<>();
        if (document == null || !document.isObject()) {
            violations.add(new Violation("$", "must be a JSON object"));
            return violations;
        }
        JsonNode classUid = document.get("class_uid");
        if (!isIntegral(classUid)) {
            violations.add(new Violation("class_uid", classUid == null || classUid.isNull()
                    ? "is required" : "must be an integer"));
            return violations;
        }
        var ocsfClass = OcsfClass.ofUid(classUid.asLong());
        if (ocsfClass.isEmpty()) {
            violations.add(new Violation("class_uid", "class " + classUid.asLong() + " is not one the hub models"));
            return violations;
        }
        OcsfClass c = ocsfClass.get();
        for (String required : c.requiredAttributes()) {
            JsonNode value = document.get(required);
            if (value == null || value.isNull() || (value.isArray() && value.isEmpty())) {
                violations.add(new Violation(required, "is required by " + c.caption()));
            }
        }
        checkInteger(document, "category_uid", Set.of((long) c.categoryUid()), violations);
        boolean activityOk = checkInteger(document, "activity_id", longs(c.activities().keySet()), violations);
        if (activityOk && isIntegral(document.get("type_uid"))) {
            long expected = c.typeUid(document.get("activity_id").asInt());
            if (document.get("type_uid").asLong() != expected) {
                violations.add(new Violation("type_uid", "must be class_uid * 100 + activity_id = " + expected
                        + " (was " + document.get("type_uid").asLong() + ")"));
            }
        } else if (document.has("type_uid") && !isIntegral(document.get("type_uid"))) {
            violations.add(new Violation("type_uid", "must be an integer"));
        }
        checkInteger(document, "severity_id", Set.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 99L), violations);
        checkInteger(document, "status_id", longs(c.statuses().keySet()), violations);
        checkInteger(document, "action_id", ACTIONS, violations);
        checkInteger(document, "confidence_id", CONFIDENCES, violations);
        checkInteger(document, "logon_type_id", LOGON_TYPES, violations);
        checkInteger(document, "auth_protocol_id", range(0, 12), violations);
        checkInteger(document, "rcode_id", RCODES, violations);
        if (c == OcsfClass.SECURITY_FINDING) {
            checkInteger(document, "state_id", STATES, violations);
        }
        JsonNode time = document.get("time");
        if (time != null && !time.isNull() && !time.isNumber()) {
            violations.add(new Violation("time", "must be epoch milliseconds"));
        }
        for (var property : document.properties()) {
            ObjectRules rules = OBJECTS.get(property.getKey());
            if (rules != null && !property.getKey().equals("unmapped")) {
                checkObject(property.getKey(), property.getValue(), rules, violations);
            }
        }
        return violations;
    }

    private static void checkObject(String path, JsonNode node, ObjectRules rules, List<Violation> violations) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isArray()) {
            int i = 0;
            for (JsonNode element : node) {
                checkObject(path + "[" + i++ + "]", element, rules, violations);
            }
            return;
        }
        if (!node.isObject()) {
            violations.add(new Violation(path, "must be an object"));
            return;
        }
        for (String required : rules.required()) {
            JsonNode value = node.get(required);
            if (value == null || value.isNull()) {
                violations.add(new Violation(path + "." + required, "is required"));
            }
        }
        for (var entry : rules.enums().entrySet()) {
            checkInteger(node, entry.getKey(), entry.getValue(), violations, path + ".");
        }
        for (var property : node.properties()) {
            ObjectRules nested = OBJECTS.getOrDefault(property.getKey(), ANY);
            if (nested != ANY && !property.getKey().equals("metadata")) {
                checkObject(path + "." + property.getKey(), property.getValue(), nested, violations);
            }
        }
    }

    private static boolean checkInteger(JsonNode node, String name, Set<Long> allowed, List<Violation> violations) {
        return checkInteger(node, name, allowed, violations, "");
    }

    private static boolean checkInteger(JsonNode node, String name, Set<Long> allowed, List<Violation> violations,
                                        String prefix) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!isIntegral(value)) {
            violations.add(new Violation(prefix + name, "must be an integer"));
            return false;
        }
        if (!allowed.contains(value.asLong())) {
            violations.add(new Violation(prefix + name, value.asLong() + " is not one of " + new java.util.TreeSet<>(allowed)));
            return false;
        }
        return true;
    }

    private static boolean isIntegral(JsonNode node) {
        return node != null && node.isIntegralNumber() && node.canConvertToLong();
    }

    private static Set<Long> range(long from, long to) {
        Set<Long> values = new java.util.HashSet<>();
        for (long i = from; i <= to; i++) {
            values.add(i);
        }
        values.add(0L);
        values.add(99L);
        return Set.copyOf(values);
    }

    private static Set<Long> longs(Set<Integer> ints) {
        Set<Long> values = new java.util.HashSet<>();
        ints.forEach(i -> values.add((long) i));
        return values;
    }
}
