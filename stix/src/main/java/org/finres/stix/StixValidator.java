package org.finres.stix;

import org.finres.stix.model.CustomObject;
import org.finres.stix.model.CyberObservable;
import org.finres.stix.model.DomainObject;
import org.finres.stix.model.MetaObject;
import org.finres.stix.model.RelationshipObject;
import org.finres.stix.model.StixId;
import org.finres.stix.model.StixObject;
import org.finres.stix.model.StixTimestamp;
import org.finres.stix.model.StixType;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks STIX 2.1 rules that a reader deliberately does not enforce: id shape and type, timestamps and their
 * precision, {@code spec_version}, required properties per type, time ordering, value ranges, reference target
 * types, extension keys and the TLP 2.0 marking definitions. Every problem names the JSON path at fault.
 */
public final class StixValidator {

    private static final Pattern TYPE_NAME = Pattern.compile("([a-z][a-z0-9]*)+(-[a-z0-9]+)*-?");
    private static final Pattern PREDEFINED_EXTENSION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*-ext");

    // Properties whose value is a timestamp wherever they appear at the top of an object.
    private static final Set<String> TIMESTAMPS = Set.of("created", "modified", "valid_from", "valid_until",
            "first_seen", "last_seen", "first_observed", "last_observed", "published", "start_time", "stop_time",
            "submitted", "analysis_started", "analysis_ended", "object_modified", "ctime", "mtime", "atime", "date",
            "start", "end", "created_time", "account_created", "account_expires", "credential_last_changed",
            "account_first_login", "account_last_login", "validity_not_before", "validity_not_after", "modified_time");

    /** What a reference property may point to: listed types, or any object of a category. */
    private record RefRule(String property, boolean list, Set<String> types, Set<StixType.Category> categories) {
        static RefRule one(String p, String... types) {
            return new RefRule(p, false, Set.of(types), Set.of());
        }
        static RefRule many(String p, String... types) {
            return new RefRule(p, true, Set.of(types), Set.of());
        }
        static RefRule oneOf(String p, StixType.Category... c) {
            return new RefRule(p, false, Set.of(), Set.of(c));
        }
        static RefRule manyOf(String p, StixType.Category... c) {
            return new RefRule(p, true, Set.of(), Set.of(c));
        }
        boolean allows(StixId ref) {
            if (types.contains(ref.type())) return true;
            // Custom objects may be referenced where a category is asked for; their category cannot be known.
            return StixType.of(ref.type()).map(t -> categories.contains(t.category())).orElse(!categories.isEmpty());
        }
        String expected() {
            List<String> all = new ArrayList<>(types.stream().sorted().toList());
            categories.forEach(c -> all.add("any " + c.name().toLowerCase() + " object"));
            return String.join(" or ", all);
        }
    }

    public List<ValidationProblem> validate(StixBundle bundle) {
        List<ValidationProblem> out = new ArrayList<>();
        for (int i = 0; i < bundle.objects().size(); i++)
            validate(bundle.objects().get(i), bundle.isLoneObject() ? "$" : "$.objects[" + i + "]", out);
        return out;
    }

    public List<ValidationProblem> validate(StixObject object) {
        List<ValidationProblem> out = new ArrayList<>();
        validate(object, "$", out);
        return out;
    }

    private void validate(StixObject o, String path, List<ValidationProblem> out) {
        JsonNode tree = o.json().tree();
        String type = o.type();
        Optional<StixType> known = StixType.of(type);
        if (type.length() < 3 || type.length() > 250 || !TYPE_NAME.matcher(type).matches())
            out.add(new ValidationProblem(path + ".type", "'" + type + "' is not a valid type name (a-z, 0-9, '-', 3 to 250 characters)"));
        if (!o.id().type().equals(type))
            out.add(new ValidationProblem(path + ".id", "the id starts with '" + o.id().type() + "--' but the type is '" + type + "'"));
        if (!o.id().hasRfc4122Variant() || o.id().uuidVersion() < 1 || o.id().uuidVersion() > 5)
            out.add(new ValidationProblem(path + ".id", "'" + o.id().uuid() + "' is not an RFC 4122 UUID"));

        boolean observable = switch (o) {
            case CyberObservable c -> true;
            case DomainObject d -> false;
            case RelationshipObject r -> false;
            case MetaObject m -> false;
            case CustomObject c -> !tree.has("created");
        };
        checkSpecVersion(tree, path, !observable, out);
        checkTimestamps(tree, path, observable, type, out);
        known.ifPresent(t -> required(t).forEach(p -> {
            if (!tree.has(p)) out.add(new ValidationProblem(path, type + " requires the property '" + p + "'"));
        }));
        checkRanges(tree, path, out);
        List<RefRule> rules = new ArrayList<>(List.of(RefRule.one("created_by_ref", "identity"),
                RefRule.many("object_marking_refs", "marking-definition")));
        known.ifPresent(t -> rules.addAll(refRules(t)));
        for (RefRule r : rules) checkRef(tree, path, r, out);
        checkGranularMarkings(tree, path, out);
        checkExtensions(tree, path, out);
        if (type.equals("marking-definition")) checkTlp(o, tree, path, out);
    }

    private static void checkSpecVersion(JsonNode tree, String path, boolean required, List<ValidationProblem> out) {
        JsonNode v = tree.get("spec_version");
        if (v == null) {
            if (required) out.add(new ValidationProblem(path, "spec_version is required and must be '2.1'"));
        } else if (!v.isString() || !v.stringValue().equals("2.1")) {
            out.add(new ValidationProblem(path + ".spec_version", "must be '2.1', found " + v));
        }
    }

    private static void checkTimestamps(JsonNode tree, String path, boolean observable, String type, List<ValidationProblem> out) {
        for (String name : tree.propertyNames()) {
            if (!TIMESTAMPS.contains(name)) continue;
            JsonNode v = tree.get(name);
            StixTimestamp t = v.isString() ? StixTimestamp.parseOrNull(v.stringValue()) : null;
            if (t == null) {
                out.add(new ValidationProblem(path + "." + name, "not an RFC 3339 UTC timestamp ending in Z: " + v));
            } else if ((name.equals("created") || name.equals("modified")) && !observable && t.fractionDigits() < 3) {
                out.add(new ValidationProblem(path + "." + name, name + " must be precise to the millisecond: " + t));
            }
        }
        if (!observable) {
            if (!tree.has("created")) out.add(new ValidationProblem(path, "created is required"));
            if (!tree.has("modified") && !type.equals("marking-definition"))
                out.add(new ValidationProblem(path, "modified is required"));
        }
        order(tree, path, "created", "modified", out);
        order(tree, path, "valid_from", "valid_until", out);
        order(tree, path, "first_seen", "last_seen", out);
        order(tree, path, "first_observed", "last_observed", out);
        order(tree, path, "start_time", "stop_time", out);
    }

    private static void order(JsonNode tree, String path, String earlier, String later, List<ValidationProblem> out) {
        StixTimestamp a = StixTimestamp.parseOrNull(tree.path(earlier).asString(null));
        StixTimestamp b = StixTimestamp.parseOrNull(tree.path(later).asString(null));
        if (a == null || b == null) return;
        // valid_until must be strictly later; the other pairs may be equal.
        boolean bad = later.equals("valid_until") ? b.compareTo(a) <= 0 : b.compareTo(a) < 0;
        if (bad) out.add(new ValidationProblem(path + "." + later, later + " (" + b + ") is before " + earlier + " (" + a + ")"));
    }

    private static void checkRanges(JsonNode tree, String path, List<ValidationProblem> out) {
        range(tree, path, "confidence", 0, 100, out);
        range(tree, path, "number_observed", 1, 999_999_999, out);
        range(tree, path, "count", 0, 999_999_999, out);
        range(tree, path, "src_port", 0, 65535, out);
        range(tree, path, "dst_port", 0, 65535, out);
        JsonNode labels = tree.get("labels");
        if (labels != null && (!labels.isArray() || labels.isEmpty()))
            out.add(new ValidationProblem(path + ".labels", "must be a non-empty list of strings"));
    }

    private static void range(JsonNode tree, String path, String name, long min, long max, List<ValidationProblem> out) {
        JsonNode v = tree.get(name);
        if (v == null) return;
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max)
            out.add(new ValidationProblem(path + "." + name, "must be an integer from " + min + " to " + max + ", found " + v));
    }

    private static void checkRef(JsonNode tree, String path, RefRule rule, List<ValidationProblem> out) {
        JsonNode v = tree.get(rule.property());
        if (v == null) return;
        String at = path + "." + rule.property();
        if (rule.list()) {
            if (!v.isArray() || v.isEmpty()) {
                out.add(new ValidationProblem(at, "must be a non-empty list of identifiers"));
                return;
            }
            for (int i = 0; i < v.size(); i++) refValue(v.get(i), at + "[" + i + "]", rule, out);
        } else {
            refValue(v, at, rule, out);
        }
    }

    private static void refValue(JsonNode v, String at, RefRule rule, List<ValidationProblem> out) {
        StixId id = v.isString() ? StixId.parseOrNull(v.stringValue()) : null;
        if (id == null) out.add(new ValidationProblem(at, "not an identifier <type>--<UUID>: " + v));
        else if (!rule.allows(id)) out.add(new ValidationProblem(at, "must refer to " + rule.expected() + ", found " + id));
    }

    private static void checkGranularMarkings(JsonNode tree, String path, List<ValidationProblem> out) {
        JsonNode g = tree.get("granular_markings");
        if (g == null) return;
        if (!g.isArray() || g.isEmpty()) {
            out.add(new ValidationProblem(path + ".granular_markings", "must be a non-empty list"));
            return;
        }
        for (int i = 0; i < g.size(); i++) {
            String at = path + ".granular_markings[" + i + "]";
            JsonNode m = g.get(i);
            if (!m.isObject()) {
                out.add(new ValidationProblem(at, "must be an object"));
                continue;
            }
            if (m.has("lang") == m.has("marking_ref"))
                out.add(new ValidationProblem(at, "needs exactly one of lang and marking_ref"));
            if (m.has("marking_ref")) refValue(m.get("marking_ref"), at + ".marking_ref", RefRule.one("marking_ref", "marking-definition"), out);
            JsonNode s = m.get("selectors");
            if (s == null || !s.isArray() || s.isEmpty()) out.add(new ValidationProblem(at + ".selectors", "must be a non-empty list of selectors"));
        }
    }

    private static void checkExtensions(JsonNode tree, String path, List<ValidationProblem> out) {
        JsonNode e = tree.get("extensions");
        if (e == null) return;
        if (!e.isObject() || e.isEmpty()) {
            out.add(new ValidationProblem(path + ".extensions", "must be a non-empty dictionary"));
            return;
        }
        for (var entry : e.properties()) {
            String at = path + ".extensions['" + entry.getKey() + "']";
            StixId id = StixId.parseOrNull(entry.getKey());
            boolean definition = id != null && id.type().equals("extension-definition");
            if (!definition && !PREDEFINED_EXTENSION.matcher(entry.getKey()).matches())
                out.add(new ValidationProblem(at, "an extension key is an extension-definition id or a predefined name ending in -ext"));
            if (!entry.getValue().isObject()) out.add(new ValidationProblem(at, "must be an object"));
            else if (definition && !entry.getValue().has("extension_type") && tree.path("type").asString("").equals("extension-definition"))
                out.add(new ValidationProblem(at, "needs extension_type"));
        }
    }

    private static void checkTlp(StixObject o, JsonNode tree, String path, List<ValidationProblem> out) {
        Optional<Tlp> byId = Tlp.ofId(o.id());
        JsonNode ext = tree.path("extensions").path(Tlp.EXTENSION_ID);
        Optional<Tlp> byLevel = ext.isObject() ? Tlp.ofLevel(ext.path("tlp_2_0").asString("")) : Optional.empty();
        if (ext.isObject() && byLevel.isEmpty())
            out.add(new ValidationProblem(path + ".extensions['" + Tlp.EXTENSION_ID + "'].tlp_2_0",
                    "not a TLP 2.0 level (clear, green, amber, amber+strict, red): " + ext.path("tlp_2_0")));
        if (byLevel.isPresent() && byId.map(t -> t != byLevel.get()).orElse(true))
            out.add(new ValidationProblem(path + ".id", "TLP 2.0 " + byLevel.get().markingName() + " must have the id "
                    + byLevel.get().id() + ", found " + o.id()));
        byId.ifPresent(t -> {
            if (!t.markingName().equals(tree.path("name").asString(null)))
                out.add(new ValidationProblem(path + ".name", "the TLP 2.0 marking " + t.id() + " is named " + t.markingName()));
            if (!ext.isObject())
                out.add(new ValidationProblem(path + ".extensions", "the TLP 2.0 marking " + t.markingName() + " carries the tlp_2_0 extension"));
        });
        if (tree.path("definition_type").asString("").equals("tlp")) {
            String colour = tree.path("definition").path("tlp").asString("");
            if (!Set.of("white", "green", "amber", "red").contains(colour))
                out.add(new ValidationProblem(path + ".definition.tlp", "TLP 1.0 is white, green, amber or red: " + colour));
        }
    }

    /** Required type-specific properties (STIX 2.1, and the OASIS schemas agree). */
    static List<String> required(StixType type) {
        return switch (type) {
            case ATTACK_PATTERN, CAMPAIGN, COURSE_OF_ACTION, IDENTITY, INCIDENT, INFRASTRUCTURE, INTRUSION_SET,
                 THREAT_ACTOR, TOOL, VULNERABILITY -> List.of("name");
            case GROUPING -> List.of("context", "object_refs");
            case INDICATOR -> List.of("pattern", "pattern_type", "valid_from");
            case LOCATION -> List.of();
            case MALWARE -> List.of("is_family");
            case MALWARE_ANALYSIS -> List.of("product");
            case NOTE -> List.of("content", "object_refs");
            case OBSERVED_DATA -> List.of("first_observed", "last_observed", "number_observed");
            case OPINION -> List.of("opinion", "object_refs");
            case REPORT -> List.of("name", "published", "object_refs");
            case RELATIONSHIP -> List.of("relationship_type", "source_ref", "target_ref");
            case SIGHTING -> List.of("sighting_of_ref");
            case AUTONOMOUS_SYSTEM -> List.of("number");
            case DIRECTORY -> List.of("path");
            case DOMAIN_NAME, EMAIL_ADDR, IPV4_ADDR, IPV6_ADDR, MAC_ADDR, URL -> List.of("value");
            case MUTEX, SOFTWARE -> List.of("name");
            case NETWORK_TRAFFIC -> List.of("protocols");
            case ARTIFACT, EMAIL_MESSAGE, FILE, PROCESS, USER_ACCOUNT, WINDOWS_REGISTRY_KEY, X509_CERTIFICATE -> List.of();
            case MARKING_DEFINITION -> List.of();
            case LANGUAGE_CONTENT -> List.of("object_ref", "contents");
            case EXTENSION_DEFINITION -> List.of("name", "schema", "version", "extension_types", "created_by_ref");
        };
    }

    /** Reference properties and the types they may point to (STIX 2.1 property tables). */
    private static List<RefRule> refRules(StixType type) {
        var SDO = StixType.Category.DOMAIN;
        var SRO = StixType.Category.RELATIONSHIP;
        var SCO = StixType.Category.OBSERVABLE;
        var META = StixType.Category.META;
        RefRule anyObjects = RefRule.manyOf("object_refs", SDO, SRO, SCO, META);
        return switch (type) {
            case ATTACK_PATTERN, CAMPAIGN, COURSE_OF_ACTION, IDENTITY, INCIDENT, INDICATOR, INFRASTRUCTURE,
                 INTRUSION_SET, LOCATION, THREAT_ACTOR, TOOL, VULNERABILITY, MARKING_DEFINITION,
                 EXTENSION_DEFINITION, ARTIFACT, AUTONOMOUS_SYSTEM, MAC_ADDR, MUTEX, SOFTWARE, URL,
                 X509_CERTIFICATE -> List.of();
            case GROUPING, NOTE, OPINION, REPORT -> List.of(anyObjects);
            case MALWARE -> List.of(RefRule.many("operating_system_refs", "software"), RefRule.many("sample_refs", "file", "artifact"));
            case MALWARE_ANALYSIS -> List.of(RefRule.one("host_vm_ref", "software"), RefRule.one("operating_system_ref", "software"),
                    RefRule.many("installed_software_refs", "software"), RefRule.manyOf("analysis_sco_refs", SCO),
                    RefRule.one("sample_ref", "file", "network-traffic", "artifact"));
            case OBSERVED_DATA -> List.of(RefRule.manyOf("object_refs", SCO, SRO));
            case RELATIONSHIP -> List.of(RefRule.oneOf("source_ref", SDO, SCO), RefRule.oneOf("target_ref", SDO, SCO));
            case SIGHTING -> List.of(RefRule.oneOf("sighting_of_ref", SDO), RefRule.many("observed_data_refs", "observed-data"),
                    RefRule.many("where_sighted_refs", "identity", "location"));
            case LANGUAGE_CONTENT -> List.of(RefRule.oneOf("object_ref", SDO, SRO, SCO, META));
            case DIRECTORY -> List.of(RefRule.many("contains_refs", "file", "directory"));
            case DOMAIN_NAME -> List.of(RefRule.many("resolves_to_refs", "ipv4-addr", "ipv6-addr", "domain-name"));
            case EMAIL_ADDR -> List.of(RefRule.one("belongs_to_ref", "user-account"));
            case EMAIL_MESSAGE -> List.of(RefRule.one("from_ref", "email-addr"), RefRule.one("sender_ref", "email-addr"),
                    RefRule.many("to_refs", "email-addr"), RefRule.many("cc_refs", "email-addr"),
                    RefRule.many("bcc_refs", "email-addr"), RefRule.one("raw_email_ref", "artifact"));
            case FILE -> List.of(RefRule.one("parent_directory_ref", "directory"), RefRule.manyOf("contains_refs", SCO),
                    RefRule.one("content_ref", "artifact"));
            case IPV4_ADDR, IPV6_ADDR -> List.of(RefRule.many("resolves_to_refs", "mac-addr"),
                    RefRule.many("belongs_to_refs", "autonomous-system"));
            case NETWORK_TRAFFIC -> List.of(RefRule.one("src_ref", "ipv4-addr", "ipv6-addr", "mac-addr", "domain-name"),
                    RefRule.one("dst_ref", "ipv4-addr", "ipv6-addr", "mac-addr", "domain-name"),
                    RefRule.one("src_payload_ref", "artifact"), RefRule.one("dst_payload_ref", "artifact"),
                    RefRule.many("encapsulates_refs", "network-traffic"), RefRule.one("encapsulated_by_ref", "network-traffic"));
            case PROCESS -> List.of(RefRule.many("opened_connection_refs", "network-traffic"),
                    RefRule.one("creator_user_ref", "user-account"), RefRule.one("image_ref", "file"),
                    RefRule.one("parent_ref", "process"), RefRule.many("child_refs", "process"));
            case USER_ACCOUNT -> List.of();
            case WINDOWS_REGISTRY_KEY -> List.of(RefRule.one("creator_user_ref", "user-account"));
        };
    }
}
