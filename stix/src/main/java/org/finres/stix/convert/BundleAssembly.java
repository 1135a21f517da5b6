package org.finres.stix.convert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.finres.stix.StixBundle;
import org.finres.stix.StixObjectBuilder;
import org.finres.stix.Tlp;
import org.finres.stix.model.StixId;
import org.finres.stix.model.StixObject;
import org.finres.stix.model.StixTimestamp;
import org.finres.stix.pattern.PatternParser;
import org.finres.stix.pattern.PatternSyntaxException;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Collects the objects of one conversion: an observable per distinct value (its id derived from the value, so
 * the same address is the same object in every bundle), an indicator per detectable value, and the TLP marking
 * definitions the objects refer to. When the same observable comes with two TLPs, the stricter one is kept.
 */
final class BundleAssembly {

    /** One observable value. */
    record Value(ObservableKind kind, String value) {
    }

    /**
     * One row or attribute. All {@code values} describe the same observable (a file's name and hashes); an
     * indicator is made only when {@code detect}.
     *
     * @param id       the indicator's id, or null for a new random one
     * @param modified the indicator's created and modified time, or null for now
     */
    record Draft(List<Value> values, Tlp tlp, Integer confidence, StixTimestamp validFrom, StixTimestamp validUntil,
                 List<String> labels, String name, String description, StixId id, StixTimestamp modified,
                 boolean detect) {
        Draft {
            values = List.copyOf(values);
            labels = List.copyOf(labels);
            if (values.isEmpty()) throw new IllegalArgumentException("a draft needs a value");
            String type = values.getFirst().kind().scoType();
            if (values.stream().anyMatch(v -> !v.kind().scoType().equals(type)))
                throw new IllegalArgumentException("the values of one observable must be of one STIX type");
        }
    }

    private final Map<StixId, StixObject> observables = new LinkedHashMap<>();
    private final Map<StixId, Tlp> observableTlp = new LinkedHashMap<>();
    private final List<StixObject> others = new ArrayList<>();
    private final Set<Tlp> markings = EnumSet.noneOf(Tlp.class);
    private final Instant now;

    BundleAssembly(Instant now) {
        this.now = now;
    }

    /** The pattern a draft's indicator gets, checked by the STIX pattern parser. */
    static String pattern(List<Value> values) {
        String type = values.getFirst().kind().scoType();
        List<String> comparisons = new ArrayList<>();
        for (Value v : values) {
            comparisons.add(type + ":" + v.kind().patternPath() + " = '" + v.value().replace("\\", "\\\\").replace("'", "\\'") + "'");
        }
        String pattern = "[" + String.join(" AND ", comparisons) + "]";
        try {
            PatternParser.parse(pattern);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("the value does not make a valid STIX pattern: " + e.getMessage(), e);
        }
        return pattern;
    }

    /** Adds the draft's observable and indicator; answers their ids (indicator first when there is one). */
    List<StixId> add(Draft d) {
        String pattern = pattern(d.values());
        StixObject sco = observable(d.values(), d.tlp());
        StixId scoId = sco.id();
        Tlp known = observableTlp.get(scoId);
        if (known == null || d.tlp().compareTo(known) > 0) {
            observables.put(scoId, sco);
            observableTlp.put(scoId, d.tlp());
        }
        markings.add(d.tlp());
        if (!d.detect()) return List.of(scoId);
        StixTimestamp time = d.modified() != null ? d.modified() : StixTimestamp.ofMillis(now);
        StixTimestamp validFrom = d.validFrom() != null ? d.validFrom() : time;
        if (d.validUntil() != null && !d.validUntil().instant().isAfter(validFrom.instant()))
            throw new IllegalArgumentException("valid_until " + d.validUntil().text() + " is not after valid_from " + validFrom.text());
        StixObjectBuilder b = StixObjectBuilder.of("indicator")
                .id(d.id() != null ? d.id() : StixId.of("indicator", UUID.randomUUID()))
                .set("created", time.text()).set("modified", time.text());
        if (d.name() != null && !d.name().isBlank()) b.set("name", d.name());
        if (d.description() != null && !d.description().isBlank()) b.set("description", d.description());
        b.set("indicator_types", List.of("malicious-activity"));
        b.set("pattern", pattern).set("pattern_type", "stix").set("pattern_version", "2.1").set("valid_from", validFrom.text());
        if (d.validUntil() != null) b.set("valid_until", d.validUntil().text());
        if (d.confidence() != null) b.set("confidence", d.confidence().longValue());
        if (!d.labels().isEmpty()) b.set("labels", d.labels());
        b.set("object_marking_refs", List.of(d.tlp().id()));
        StixObject indicator = b.build();
        others.add(indicator);
        return List.of(indicator.id(), scoId);
    }

    private static StixObject observable(List<Value> values, Tlp tlp) {
        StixObjectBuilder b = StixObjectBuilder.of(values.getFirst().kind().scoType());
        ObjectNode hashes = null;
        for (Value v : values) {
            switch (v.kind()) {
                case MD5, SHA1, SHA256 -> {
                    if (hashes == null) hashes = JsonNodeFactory.instance.objectNode();
                    hashes.put(switch (v.kind()) {
                        case MD5 -> "MD5";
                        case SHA1 -> "SHA-1";
                        default -> "SHA-256";
                    }, v.value());
                }
                case FILE_NAME -> b.set("name", v.value());
                case IPV4, IPV6, DOMAIN, URL, EMAIL -> b.set("value", v.value());
            }
        }
        if (hashes != null) b.set("hashes", hashes);
        b.set("object_marking_refs", List.of(tlp.id()));
        return b.build();
    }

    /** Adds a finished object (a report) and the marking it uses. */
    void addOther(StixObject object, Tlp tlp) {
        others.add(object);
        markings.add(tlp);
    }

    boolean isEmpty() {
        return observables.isEmpty() && others.isEmpty();
    }

    StixBundle bundle() {
        List<StixObject> all = new ArrayList<>();
        markings.forEach(t -> all.add(t.markingDefinition()));
        all.addAll(observables.values());
        all.addAll(others);
        return StixBundle.of(all);
    }
}
