package org.finres.intel.internal;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import org.finres.stix.model.StixObject;
import tools.jackson.databind.JsonNode;

/**
 * What sharing credit needs to know of a shared indicator beyond its id: its STIX pattern (and the pattern's hash, the
 * threat's identity across ids) and whether it is about an exposure in the ecosystem rather than an attack.
 */
public final class IndicatorFacts {

    private IndicatorFacts() {
    }

    /** The indicator's pattern when it is a STIX pattern (other pattern languages are stored, not compared). */
    public static Optional<String> stixPattern(StixObject o) {
        if (!o.type().equals("indicator")) return Optional.empty();
        JsonNode t = o.json().tree();
        JsonNode type = t.get("pattern_type");
        JsonNode pattern = t.get("pattern");
        if (type == null || !type.isString() || !type.stringValue().equals("stix") || pattern == null || !pattern.isString()) {
            return Optional.empty();
        }
        return Optional.of(pattern.stringValue());
    }

    public static String patternSha256(String pattern) {
        return HexFormat.of().formatHex(ObjectStore.hash(pattern));
    }

    /**
     * True when a label or indicator type speaks of a vulnerability or an exposure (the Blueprint rewards
     * intelligence about exposures in the ecosystem, not only about attacks in progress).
     */
    public static boolean aboutExposure(StixObject o) {
        JsonNode t = o.json().tree();
        return mentionsExposure(t.get("labels")) || mentionsExposure(t.get("indicator_types"));
    }

    private static boolean mentionsExposure(JsonNode values) {
        if (values == null || !values.isArray()) return false;
        for (JsonNode v : values) {
            if (!v.isString()) continue;
            String s = v.stringValue().toLowerCase(Locale.ROOT);
            if (s.contains("vulnerab") || s.contains("exposure") || s.contains("exposed")) return true;
        }
        return false;
    }
}
