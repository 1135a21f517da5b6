package org.finres.sigma.mapping;

import org.finres.sigma.rule.LogSource;
import org.finres.sigma.rule.SigmaRuleException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A field-mapping pipeline (format documented in sigma/README.md): log-source entries, a global field map,
 * placeholder values for the {@code expand} modifier, the fields the rule index keys on, and what to do with rules
 * whose log source no entry covers.
 */
public record Pipeline(String name, List<LogSourceMapping> logsources, Map<String, List<String>> fields,
                       Map<String, List<String>> placeholders, List<String> indexFields, Unmapped unmapped) {

    /** What a rule whose log source no entry covers applies to. */
    public enum Unmapped {
        /** Every event: for generic JSON where log sources are not told apart. */
        ALL_EVENTS,
        /** No event: the rule loads but is reported as inactive (e.g. Linux rules on a Windows pipeline). */
        NONE
    }

    public Pipeline {
        logsources = List.copyOf(logsources);
        fields = Map.copyOf(fields);
        placeholders = Map.copyOf(placeholders);
        indexFields = List.copyOf(indexFields);
        if (indexFields.size() > 2) throw new IllegalArgumentException("at most two index fields");
    }

    /** No mapping at all: every rule applies to every event and reads fields by their Sigma names. */
    public static Pipeline none() {
        return new Pipeline("none", List.of(), Map.of(), Map.of(), List.of(), Unmapped.ALL_EVENTS);
    }

    /** Our Windows pipeline (Sysmon, Security, PowerShell and the other channels of the Sigma taxonomy). */
    public static Pipeline windows() {
        return resource("windows.yml");
    }

    private static Pipeline resource(String file) {
        try (InputStream in = Pipeline.class.getResourceAsStream(file)) {
            if (in == null) throw new IllegalStateException("pipeline resource missing: " + file);
            return parse(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy with more placeholder values (they replace values of the same name). */
    public Pipeline withPlaceholders(Map<String, List<String>> more) {
        Map<String, List<String>> all = new LinkedHashMap<>(placeholders);
        more.forEach((k, v) -> all.put(k, List.copyOf(v)));
        return new Pipeline(name, logsources, fields, all, indexFields, unmapped);
    }

    /** The entries that apply to a rule's log source (alternatives, OR-ed), per {@link LogSourceMapping#appliesTo}. */
    public List<LogSourceMapping> resolve(LogSource logsource) {
        List<LogSourceMapping> out = new ArrayList<>();
        for (LogSourceMapping m : logsources) if (m.appliesTo(logsource)) out.add(m);
        return out;
    }

    /** The event fields a Sigma field reads under an entry (null entry: global map only). */
    public List<String> eventFields(String sigmaField, LogSourceMapping entry) {
        if (entry != null) {
            List<String> own = entry.fields().get(sigmaField);
            if (own != null) return own;
        }
        List<String> global = fields.get(sigmaField);
        return global != null ? global : List.of(sigmaField);
    }

    /** Parses a pipeline; problems are reported as {@link SigmaRuleException} with the source name. */
    public static Pipeline parse(String source, String yaml) {
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw SigmaRuleException.invalid(source, 0, 0, "pipeline YAML: " + e.getMessage());
        }
        Map<String, Object> root = map(source, doc, "pipeline");
        String name = root.get("name") == null ? source : root.get("name").toString();
        Unmapped unmapped = Unmapped.ALL_EVENTS;
        Object u = root.get("unmapped");
        if (u != null) {
            unmapped = switch (u.toString()) {
                case "all-events" -> Unmapped.ALL_EVENTS;
                case "none" -> Unmapped.NONE;
                default -> throw SigmaRuleException.invalid(source, 0, 0, "'unmapped' must be all-events or none");
            };
        }
        List<String> index = strings(source, root.get("index"), "index");
        Map<String, List<String>> fields = stringLists(source, root.get("fields"), "fields");
        Map<String, List<String>> placeholders = stringLists(source, root.get("placeholders"), "placeholders");
        List<LogSourceMapping> entries = new ArrayList<>();
        Object ls = root.get("logsources");
        if (ls != null) {
            if (!(ls instanceof List<?> list)) throw SigmaRuleException.invalid(source, 0, 0, "'logsources' must be a list");
            int i = 0;
            for (Object o : list) {
                i++;
                Map<String, Object> e = map(source, o, "logsources entry " + i);
                Map<String, Object> match = map(source, e.get("match"), "'match' of logsources entry " + i);
                for (String k : match.keySet())
                    if (!k.equals("category") && !k.equals("product") && !k.equals("service"))
                        throw SigmaRuleException.invalid(source, 0, 0, "logsources entry " + i + ": unknown match key '" + k + "'");
                LogSource m = new LogSource(str(match.get("category")), str(match.get("product")),
                        str(match.get("service")), Map.of());
                String entryName = e.get("name") == null ? m.toString() : e.get("name").toString();
                entries.add(new LogSourceMapping(entryName, m,
                        stringLists(source, e.get("conditions"), "conditions of entry " + i),
                        stringLists(source, e.get("fields"), "fields of entry " + i)));
            }
        }
        try {
            return new Pipeline(name, entries, fields, placeholders, index, unmapped);
        } catch (IllegalArgumentException e) {
            throw SigmaRuleException.invalid(source, 0, 0, e.getMessage());
        }
    }

    private static String str(Object o) { return o == null ? null : o.toString(); }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String source, Object o, String what) {
        if (o instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw SigmaRuleException.invalid(source, 0, 0, what + " must be a map");
    }

    private static List<String> strings(String source, Object o, String what) {
        if (o == null) return List.of();
        if (o instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object x : l) {
                if (x == null || x instanceof Map || x instanceof List)
                    throw SigmaRuleException.invalid(source, 0, 0, what + ": values must be plain strings or numbers");
                out.add(x.toString());
            }
            return out;
        }
        if (o instanceof Map) throw SigmaRuleException.invalid(source, 0, 0, what + " must be a value or a list");
        return List.of(o.toString());
    }

    private static Map<String, List<String>> stringLists(String source, Object o, String what) {
        if (o == null) return Map.of();
        Map<String, List<String>> out = new LinkedHashMap<>();
        map(source, o, what).forEach((k, v) -> out.put(String.valueOf(k), strings(source, v, what + "." + k)));
        return out;
    }
}
