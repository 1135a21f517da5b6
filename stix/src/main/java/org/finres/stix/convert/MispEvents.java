package org.finres.stix.convert;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.finres.stix.StixObjectBuilder;
import org.finres.stix.Tlp;
import org.finres.stix.model.StixId;
import org.finres.stix.model.StixTimestamp;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads a MISP JSON event export ({@code {"Event": {...}}}, a bare event, an array of them, or a
 * {@code {"response": [...]}} search answer) into a STIX bundle: one report per event (its {@code info} as the
 * name), and for every supported attribute, loose or in an object, an observable with a deterministic id and,
 * where {@code to_ids} is true, an indicator whose id is the attribute's UUID (so a re-export of the same
 * attribute is the same object and version).
 *
 * <p>TLP: an attribute's own {@code tlp:*} tag wins; otherwise it takes the event's TLP (its {@code tlp:*} tag,
 * else its {@code distribution}, else the decoder's default), made stricter, never looser, by the attribute's
 * own {@code distribution}. Distributions: 0 (organisation only) and 4 (sharing group) are AMBER+STRICT, 1 (this
 * community) AMBER, 2 and 3 (connected and all MISP communities) GREEN, 5 inherits. A report lists only objects
 * whose TLP is no stricter than its own, so a GREEN report never carries the id of a RED observable (whose
 * value could be recovered from the deterministic id).
 *
 * <p>Attributes of unsupported types, bad values and bad timestamps are left out and named by JSON path; the
 * whole export is refused only when it is not JSON or holds no MISP event.
 */
public final class MispEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MispEvents() {
    }

    public static Conversion decode(String text, Tlp defaultTlp) {
        return decode(text, defaultTlp, Instant.now());
    }

    static Conversion decode(String text, Tlp defaultTlp, Instant now) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            var loc = e.getLocation();
            throw new ConversionRefusedException(loc == null ? "$" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr(),
                    "not JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) throw new ConversionRefusedException("$", "empty input, expected a MISP event export");
        List<JsonNode> events = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        JsonNode list = root.isObject() && root.has("response") ? root.get("response") : root;
        String base = list == root ? "$" : "$.response";
        if (list.isArray()) {
            for (int i = 0; i < list.size(); i++) {
                JsonNode e = list.get(i);
                if (e.isObject() && e.has("Event")) {
                    events.add(e.get("Event"));
                    paths.add(base + "[" + i + "].Event");
                } else {
                    events.add(e);
                    paths.add(base + "[" + i + "]");
                }
            }
        } else if (list.isObject() && list.has("Event")) {
            events.add(list.get("Event"));
            paths.add(base + ".Event");
        } else {
            events.add(list);
            paths.add(base);
        }
        BundleAssembly assembly = new BundleAssembly(now);
        List<ConversionProblem> problems = new ArrayList<>();
        int converted = 0;
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            String path = paths.get(i);
            if (!event.isObject() || !(event.has("Attribute") || event.has("Object") || event.has("info"))) {
                throw new ConversionRefusedException(path, "not a MISP event (an object with info, Attribute or Object)");
            }
            converted += event(event, path, defaultTlp, assembly, problems, now);
        }
        return new Conversion(assembly.bundle(), converted, problems);
    }

    private static int event(JsonNode event, String path, Tlp defaultTlp, BundleAssembly assembly,
                             List<ConversionProblem> problems, Instant now) {
        Optional<Tlp> tagged = tlpTag(event.get("Tag"), path + ".Tag", problems);
        Tlp eventTlp = tagged.orElseGet(() -> distribution(event.get("distribution")).orElse(defaultTlp));
        List<String> eventLabels = labels(event.get("Tag"));
        StixTimestamp eventTime = epoch(event.get("timestamp"));
        List<ObjectRef> refs = new ArrayList<>();
        int converted = 0;
        JsonNode attributes = event.get("Attribute");
        if (attributes != null && !attributes.isNull()) {
            if (!attributes.isArray()) problems.add(new ConversionProblem(path + ".Attribute", "is not an array"));
            else for (int i = 0; i < attributes.size(); i++) {
                converted += attribute(attributes.get(i), path + ".Attribute[" + i + "]", eventTlp, eventLabels, eventTime,
                        assembly, problems, refs);
            }
        }
        JsonNode objects = event.get("Object");
        if (objects != null && !objects.isNull()) {
            if (!objects.isArray()) problems.add(new ConversionProblem(path + ".Object", "is not an array"));
            else for (int i = 0; i < objects.size(); i++) {
                converted += object(objects.get(i), path + ".Object[" + i + "]", eventTlp, eventLabels, eventTime,
                        assembly, problems, refs);
            }
        }
        List<StixId> reportRefs = new ArrayList<>(new LinkedHashSet<>(refs.stream()
                .filter(r -> r.tlp().compareTo(eventTlp) <= 0).map(ObjectRef::id).toList()));
        if (!reportRefs.isEmpty()) {
            String info = text(event.get("info"));
            StixTimestamp time = eventTime != null ? eventTime : StixTimestamp.ofMillis(now);
            StixTimestamp published = epoch(event.get("publish_timestamp"));
            if (published == null) published = date(event.get("date"));
            StixObjectBuilder report = StixObjectBuilder.of("report")
                    .id(StixId.of("report", uuidOr(event.get("uuid"))))
                    .set("created", time.text()).set("modified", time.text())
                    .set("name", info.isBlank() ? "MISP event " + text(event.get("id")) : info)
                    .set("report_types", List.of("threat-report"))
                    .set("published", (published != null ? published : time).text())
                    .set("object_refs", reportRefs);
            if (!eventLabels.isEmpty()) report.set("labels", eventLabels);
            String uuid = text(event.get("uuid"));
            if (!uuid.isBlank()) {
                var refsNode = JsonNodeFactory.instance.arrayNode();
                refsNode.addObject().put("source_name", "misp").put("external_id", uuid);
                report.set("external_references", refsNode);
            }
            report.set("object_marking_refs", List.of(eventTlp.id()));
            assembly.addOther(report.build(), eventTlp);
        }
        return converted;
    }

    private record ObjectRef(StixId id, Tlp tlp) {
    }

    private static int attribute(JsonNode a, String path, Tlp eventTlp, List<String> eventLabels, StixTimestamp eventTime,
                                 BundleAssembly assembly, List<ConversionProblem> problems, List<ObjectRef> refs) {
        if (a == null || !a.isObject()) {
            problems.add(new ConversionProblem(path, "is not an object"));
            return 0;
        }
        if (Boolean.TRUE.equals(bool(a.get("deleted")))) return 0;
        String type = text(a.get("type")).strip().toLowerCase(Locale.ROOT);
        String value = text(a.get("value"));
        List<List<BundleAssembly.Value>> observables;
        try {
            observables = values(type, value);
        } catch (IllegalArgumentException e) {
            problems.add(new ConversionProblem(path + (e instanceof UnsupportedType ? ".type" : ".value"), e.getMessage()));
            return 0;
        }
        int converted = 0;
        for (List<BundleAssembly.Value> values : observables) {
            if (add(a, path, values, type + " " + value, eventTlp, eventLabels, eventTime, Boolean.TRUE.equals(bool(a.get("to_ids"))),
                    assembly, problems, refs, observables.size() == 1)) converted++;
        }
        return converted == observables.size() ? 1 : 0;
    }

    /** Adds one observable (and indicator); false, with the problem noted, when it could not be built. */
    private static boolean add(JsonNode a, String path, List<BundleAssembly.Value> values, String name, Tlp eventTlp,
                               List<String> eventLabels, StixTimestamp eventTime, boolean detect, BundleAssembly assembly,
                               List<ConversionProblem> problems, List<ObjectRef> refs, boolean ownId) {
        int before = problems.size();
        Optional<Tlp> own = tlpTag(a.get("Tag"), path + ".Tag", problems);
        Tlp tlp = own.orElseGet(() -> {
            Optional<Tlp> d = distribution(a.get("distribution"));
            return d.isPresent() && d.get().compareTo(eventTlp) > 0 ? d.get() : eventTlp;
        });
        StixTimestamp modified = epoch(a.get("timestamp"));
        if (!text(a.get("timestamp")).isBlank() && modified == null) {
            problems.add(new ConversionProblem(path + ".timestamp", "'" + text(a.get("timestamp")) + "' is not seconds since 1970"));
        }
        StixTimestamp firstSeen = StixTimestamp.parseOrNull(normaliseIso(text(a.get("first_seen"))));
        StixTimestamp lastSeen = StixTimestamp.parseOrNull(normaliseIso(text(a.get("last_seen"))));
        if (problems.size() > before) return false;
        List<String> labels = new ArrayList<>(eventLabels);
        labels.addAll(labels(a.get("Tag")));
        String comment = text(a.get("comment"));
        StixId id = ownId ? uuidOrNull(a.get("uuid")).map(u -> StixId.of("indicator", u)).orElse(null) : null;
        try {
            List<StixId> ids = assembly.add(new BundleAssembly.Draft(values, tlp, null, firstSeen,
                    lastSeen != null && firstSeen != null && lastSeen.instant().isAfter(firstSeen.instant()) ? lastSeen : null,
                    List.copyOf(new LinkedHashSet<>(labels)), name, comment.isBlank() ? null : comment, id,
                    modified != null ? modified : eventTime, detect));
            ids.forEach(i -> refs.add(new ObjectRef(i, tlp)));
            return true;
        } catch (IllegalArgumentException e) {
            problems.add(new ConversionProblem(path + ".value", e.getMessage()));
            return false;
        }
    }

    private static final Set<String> FILE_PARTS = Set.of("md5", "sha1", "sha256", "filename");

    private static int object(JsonNode o, String path, Tlp eventTlp, List<String> eventLabels, StixTimestamp eventTime,
                              BundleAssembly assembly, List<ConversionProblem> problems, List<ObjectRef> refs) {
        if (o == null || !o.isObject()) {
            problems.add(new ConversionProblem(path, "is not an object"));
            return 0;
        }
        if (Boolean.TRUE.equals(bool(o.get("deleted")))) return 0;
        JsonNode attributes = o.get("Attribute");
        if (attributes == null || !attributes.isArray()) {
            problems.add(new ConversionProblem(path + ".Attribute", "a MISP object needs an Attribute array"));
            return 0;
        }
        Tlp objectTlp = distribution(o.get("distribution")).filter(d -> d.compareTo(eventTlp) > 0).orElse(eventTlp);
        if (!"file".equals(text(o.get("name")))) {
            int converted = 0;
            for (int i = 0; i < attributes.size(); i++) {
                converted += attribute(attributes.get(i), path + ".Attribute[" + i + "]", objectTlp, eventLabels, eventTime,
                        assembly, problems, refs);
            }
            return converted;
        }
        // A file object describes one file: its name and hashes become one observable and one indicator
        // matching all of them; other attributes of it (size, mime type) are not indicators.
        List<BundleAssembly.Value> values = new ArrayList<>();
        boolean detect = false;
        JsonNode first = null;
        String firstPath = path;
        int bad = 0;
        for (int i = 0; i < attributes.size(); i++) {
            JsonNode a = attributes.get(i);
            String type = a == null ? "" : text(a.get("type")).strip().toLowerCase(Locale.ROOT);
            if (!FILE_PARTS.contains(type)) continue;
            if (values.stream().anyMatch(v -> v.kind().csvName().equals(type))) {
                // A second hash of the same kind cannot be the same file's: the first one describes it.
                problems.add(new ConversionProblem(path + ".Attribute[" + i + "]", "a second " + type
                        + " in one file object; only the first is used"));
                continue;
            }
            try {
                values.addAll(values(type, text(a.get("value"))).getFirst());
                detect |= Boolean.TRUE.equals(bool(a.get("to_ids")));
                if (first == null) {
                    first = a;
                    firstPath = path + ".Attribute[" + i + "]";
                }
            } catch (IllegalArgumentException e) {
                problems.add(new ConversionProblem(path + ".Attribute[" + i + "].value", e.getMessage()));
                bad++;
            }
        }
        if (values.isEmpty()) {
            if (bad == 0) problems.add(new ConversionProblem(path, "a file object without a filename, md5, sha1 or sha256 attribute"));
            return 0;
        }
        String name = "file " + values.stream().filter(v -> v.kind() != ObservableKind.FILE_NAME).map(BundleAssembly.Value::value)
                .findFirst().orElse(values.getFirst().value());
        return add(first, firstPath, values, name, objectTlp, eventLabels, eventTime, detect, assembly, problems, refs,
                true) ? 1 : 0;
    }

    /** Raised for an attribute type we do not convert; named on the attribute's {@code type}. */
    private static final class UnsupportedType extends IllegalArgumentException {
        UnsupportedType(String type) {
            super("attribute type '" + type + "' is not converted (supported: ip-src, ip-dst, ip-src|port, ip-dst|port, "
                    + "domain, hostname, domain|ip, url, uri, md5, sha1, sha256, filename, filename|md5, filename|sha1, "
                    + "filename|sha256, email, email-src, email-dst, email-reply-to)");
        }
    }

    /** The observables one attribute describes; most describe one, {@code domain|ip} two. */
    private static List<List<BundleAssembly.Value>> values(String type, String value) {
        return switch (type) {
            case "ip-src", "ip-dst" -> List.of(List.of(ip(value)));
            case "ip-src|port", "ip-dst|port" -> List.of(List.of(ip(before(value, '|'))));
            case "domain", "hostname" -> List.of(List.of(value(ObservableKind.DOMAIN, value)));
            case "hostname|port" -> List.of(List.of(value(ObservableKind.DOMAIN, before(value, '|'))));
            case "domain|ip" -> List.of(List.of(value(ObservableKind.DOMAIN, before(value, '|'))), List.of(ip(after(value, '|'))));
            case "url", "uri" -> List.of(List.of(value(ObservableKind.URL, value)));
            case "md5" -> List.of(List.of(value(ObservableKind.MD5, value)));
            case "sha1" -> List.of(List.of(value(ObservableKind.SHA1, value)));
            case "sha256" -> List.of(List.of(value(ObservableKind.SHA256, value)));
            case "filename" -> List.of(List.of(value(ObservableKind.FILE_NAME, value)));
            case "filename|md5", "filename|sha1", "filename|sha256" -> {
                ObservableKind hash = switch (type) {
                    case "filename|md5" -> ObservableKind.MD5;
                    case "filename|sha1" -> ObservableKind.SHA1;
                    default -> ObservableKind.SHA256;
                };
                yield List.of(List.of(value(ObservableKind.FILE_NAME, before(value, '|')), value(hash, after(value, '|'))));
            }
            case "email", "email-src", "email-dst", "email-reply-to" -> List.of(List.of(value(ObservableKind.EMAIL, value)));
            default -> throw new UnsupportedType(type.isBlank() ? "(none)" : type);
        };
    }

    private static BundleAssembly.Value ip(String value) {
        return value(value.contains(":") ? ObservableKind.IPV6 : ObservableKind.IPV4, value);
    }

    private static BundleAssembly.Value value(ObservableKind kind, String value) {
        return new BundleAssembly.Value(kind, kind.normalise(value));
    }

    private static String before(String value, char sep) {
        int i = value.indexOf(sep);
        if (i < 0) throw new IllegalArgumentException("'" + value + "' lacks the '" + sep + "' between its two parts");
        return value.substring(0, i);
    }

    private static String after(String value, char sep) {
        int i = value.indexOf(sep);
        if (i < 0) throw new IllegalArgumentException("'" + value + "' lacks the '" + sep + "' between its two parts");
        return value.substring(i + 1);
    }

    /** The strictest {@code tlp:*} tag, if any; an unknown tlp: tag is a problem, never silently looser. */
    private static Optional<Tlp> tlpTag(JsonNode tags, String path, List<ConversionProblem> problems) {
        if (tags == null || !tags.isArray()) return Optional.empty();
        Tlp strictest = null;
        for (int i = 0; i < tags.size(); i++) {
            String name = text(tags.get(i) == null ? null : tags.get(i).get("name")).strip();
            if (!name.toLowerCase(Locale.ROOT).startsWith("tlp:")) continue;
            Optional<Tlp> t = TlpNames.parse(name);
            if (t.isEmpty()) {
                problems.add(new ConversionProblem(path + "[" + i + "].name", "unknown TLP tag '" + name + "'; one of " + TlpNames.ACCEPTED));
                continue;
            }
            if (strictest == null || t.get().compareTo(strictest) > 0) strictest = t.get();
        }
        return Optional.ofNullable(strictest);
    }

    private static Optional<Tlp> distribution(JsonNode d) {
        return switch (text(d).strip()) {
            case "0", "4" -> Optional.of(Tlp.AMBER_STRICT);
            case "1" -> Optional.of(Tlp.AMBER);
            case "2", "3" -> Optional.of(Tlp.GREEN);
            default -> Optional.empty();
        };
    }

    private static List<String> labels(JsonNode tags) {
        List<String> out = new ArrayList<>();
        if (tags == null || !tags.isArray()) return out;
        for (JsonNode t : tags) {
            String name = text(t == null ? null : t.get("name")).strip();
            if (!name.isEmpty() && !name.toLowerCase(Locale.ROOT).startsWith("tlp:")) out.add(name);
        }
        return out;
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull() || n.isContainer()) return "";
        return n.asString();
    }

    private static Boolean bool(JsonNode n) {
        if (n == null || n.isNull()) return null;
        if (n.isBoolean()) return n.booleanValue();
        String t = n.asString().strip();
        return t.equals("1") || t.equalsIgnoreCase("true");
    }

    private static StixTimestamp epoch(JsonNode n) {
        String t = text(n).strip();
        if (t.isEmpty()) return null;
        try {
            long seconds = Long.parseLong(t);
            if (seconds < 0 || seconds > 253_402_300_799L) return null;
            return StixTimestamp.ofMillis(Instant.ofEpochSecond(seconds));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static StixTimestamp date(JsonNode n) {
        String t = text(n).strip();
        if (t.isEmpty()) return null;
        try {
            return StixTimestamp.ofMillis(LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** MISP writes first_seen as 2026-11-30T08:15:00.000000+00:00; STIX wants UTC with Z. */
    private static String normaliseIso(String t) {
        if (t.isBlank()) return null;
        try {
            return StixTimestamp.ofMillis(java.time.OffsetDateTime.parse(t).toInstant()).text();
        } catch (DateTimeParseException e) {
            return t;
        }
    }

    private static Optional<UUID> uuidOrNull(JsonNode n) {
        String t = text(n).strip();
        try {
            UUID u = UUID.fromString(t);
            // STIX ids must be RFC 4122 UUIDs; MISP's are version 4, anything else is not reused.
            return u.variant() == 2 && t.length() == 36 ? Optional.of(u) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static UUID uuidOr(JsonNode n) {
        return uuidOrNull(n).orElseGet(UUID::randomUUID);
    }
}
