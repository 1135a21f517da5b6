package org.finres.stix.model;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One object's JSON: the exact text it was read from (what the writer emits) and the tree parsed from that text.
 * The tree is shared, not copied, for speed: treat it as read-only; {@link #treeCopy()} gives one to change.
 * The typed readers return null (or empty) when a property is absent or of the wrong JSON type.
 */
public record StixJson(String text, ObjectNode tree) {

    public StixJson {
        if (text == null || tree == null) throw new IllegalArgumentException("text and tree are required");
    }

    public ObjectNode treeCopy() {
        return tree.deepCopy();
    }

    /** The property's node, or null when absent. */
    public JsonNode node(String name) {
        return tree.get(name);
    }

    public String text(String name) {
        JsonNode n = tree.get(name);
        return n != null && n.isString() ? n.stringValue() : null;
    }

    public StixTimestamp timestamp(String name) {
        return StixTimestamp.parseOrNull(text(name));
    }

    public Boolean bool(String name) {
        JsonNode n = tree.get(name);
        return n != null && n.isBoolean() ? n.booleanValue() : null;
    }

    public Long integer(String name) {
        JsonNode n = tree.get(name);
        return n != null && n.isIntegralNumber() && n.canConvertToLong() ? n.longValue() : null;
    }

    public Double decimal(String name) {
        JsonNode n = tree.get(name);
        return n != null && n.isNumber() ? n.doubleValue() : null;
    }

    public List<String> strings(String name) {
        return stringsOf(tree.get(name));
    }

    public StixId ref(String name) {
        return StixId.parseOrNull(text(name));
    }

    public List<StixId> refs(String name) {
        List<StixId> out = new ArrayList<>();
        for (String s : strings(name)) {
            StixId id = StixId.parseOrNull(s);
            if (id != null) out.add(id);
        }
        return List.copyOf(out);
    }

    public Map<String, String> hashes(String name) {
        return hashesOf(tree.get(name));
    }

    public List<KillChainPhase> killChainPhases(String name) {
        List<KillChainPhase> out = new ArrayList<>();
        JsonNode n = tree.get(name);
        if (n != null && n.isArray())
            for (JsonNode p : n)
                if (p.isObject()) out.add(new KillChainPhase(textOf(p.get("kill_chain_name")), textOf(p.get("phase_name"))));
        return List.copyOf(out);
    }

    List<ExternalReference> externalReferences() {
        List<ExternalReference> out = new ArrayList<>();
        JsonNode n = tree.get("external_references");
        if (n != null && n.isArray())
            for (JsonNode r : n)
                if (r.isObject())
                    out.add(new ExternalReference(textOf(r.get("source_name")), textOf(r.get("description")),
                            textOf(r.get("url")), hashesOf(r.get("hashes")), textOf(r.get("external_id"))));
        return out;
    }

    List<GranularMarking> granularMarkings() {
        List<GranularMarking> out = new ArrayList<>();
        JsonNode n = tree.get("granular_markings");
        if (n != null && n.isArray())
            for (JsonNode g : n)
                if (g.isObject())
                    out.add(new GranularMarking(textOf(g.get("lang")), StixId.parseOrNull(textOf(g.get("marking_ref"))),
                            stringsOf(g.get("selectors"))));
        return out;
    }

    Set<String> propertyNames(String name) {
        JsonNode n = tree.get(name);
        return n != null && n.isObject() ? new LinkedHashSet<>(n.propertyNames()) : Set.of();
    }

    private static String textOf(JsonNode n) {
        return n != null && n.isString() ? n.stringValue() : null;
    }

    private static List<String> stringsOf(JsonNode n) {
        if (n == null || !n.isArray()) return List.of();
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode e : n) if (e.isString()) out.add(e.stringValue());
        return List.copyOf(out);
    }

    private static Map<String, String> hashesOf(JsonNode n) {
        if (n == null || !n.isObject()) return Map.of();
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : n.properties()) if (e.getValue().isString()) out.put(e.getKey(), e.getValue().stringValue());
        return java.util.Collections.unmodifiableMap(out);
    }
}
