package org.finres.events.internal.grading;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.finres.core.InstitutionKind;
import org.finres.core.SizeTier;
import org.finres.events.Severity;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The grading policy: a base priority per severity and rules that add to it and suggest a sector incident level.
 * Loaded from YAML; every mistake in the file is reported with the rule and the field it is in.
 */
public final class GradingPolicy {

    /** One rule; empty sets mean "any". */
    public record Rule(String name, Set<Integer> classes, Set<Integer> categories, Set<Integer> activities,
                       Severity minSeverity, Set<InstitutionKind> institutionKinds, Set<SizeTier> sizeTiers, int boost,
                       Integer incidentLevel) {

        boolean matches(GradingInput in) {
            return (classes.isEmpty() || classes.contains(in.classUid()))
                    && (categories.isEmpty() || categories.contains(in.categoryUid()))
                    && (activities.isEmpty() || activities.contains(in.activityId()))
                    && (minSeverity == null || rank(in.severity()) >= rank(minSeverity))
                    && (institutionKinds.isEmpty() || institutionKinds.contains(in.institutionKind()))
                    && (sizeTiers.isEmpty() || (in.sizeTier() != null && sizeTiers.contains(in.sizeTier())));
        }
    }

    /** Gravity for comparisons: Other says nothing about gravity and ranks with Unknown. */
    static int rank(Severity severity) {
        return severity == Severity.OTHER ? 0 : severity.id();
    }

    static Severity severityNamed(String name) {
        for (Severity s : Severity.values()) {
            if (s.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return s;
            }
        }
        return null;
    }

    /** The policy file breaks a rule; the message names where. */
    public static final class InvalidPolicyException extends RuntimeException {
        InvalidPolicyException(String source, String message) {
            super("grading policy " + source + ": " + message);
        }
    }

    private final Map<Severity, Integer> base;
    private final List<Rule> rules;

    public GradingPolicy(Map<Severity, Integer> base, List<Rule> rules) {
        this.base = new EnumMap<>(base);
        this.rules = List.copyOf(rules);
    }

    public List<Rule> rules() {
        return rules;
    }

    public Grade grade(GradingInput input) {
        int priority = base.getOrDefault(input.severity(), 0);
        Integer level = null;
        for (Rule rule : rules) {
            if (rule.matches(input)) {
                priority += rule.boost();
                if (rule.incidentLevel() != null && (level == null || rule.incidentLevel() > level)) {
                    level = rule.incidentLevel();
                }
            }
        }
        return new Grade(Math.max(0, Math.min(100, priority)), level);
    }

    public static GradingPolicy defaults() {
        try (InputStream in = GradingPolicy.class.getResourceAsStream("/events/grading.yml")) {
            return parse("classpath:events/grading.yml", in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static GradingPolicy load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(file.toString(), in);
        } catch (IOException e) {
            throw new InvalidPolicyException(file.toString(), "cannot be read: " + e.getMessage());
        }
    }

    public static GradingPolicy parse(String source, InputStream in) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (YAMLException e) {
            throw new InvalidPolicyException(source, "is not valid YAML: " + e.getMessage());
        }
        if (!(document instanceof Map<?, ?> root)) {
            throw new InvalidPolicyException(source, "must be a mapping with severity_base and rules");
        }
        Map<Severity, Integer> base = new EnumMap<>(Severity.class);
        if (root.get("severity_base") instanceof Map<?, ?> bases) {
            bases.forEach((k, v) -> {
                Severity s = severityNamed(String.valueOf(k));
                if (s == null) {
                    throw new InvalidPolicyException(source, "severity_base has unknown severity '" + k + "'");
                }
                base.put(s, percent(source, "severity_base." + k, v));
            });
        } else {
            throw new InvalidPolicyException(source, "severity_base is missing or not a mapping");
        }
        List<Rule> rules = new ArrayList<>();
        Object ruleList = root.get("rules");
        if (ruleList != null && !(ruleList instanceof List<?>)) {
            throw new InvalidPolicyException(source, "rules must be a list");
        }
        int index = 0;
        for (Object item : ruleList == null ? List.of() : (List<?>) ruleList) {
            index++;
            String where = "rule " + index;
            if (!(item instanceof Map<?, ?> r)) {
                throw new InvalidPolicyException(source, where + " must be a mapping");
            }
            for (Object key : r.keySet()) {
                if (!Set.of("name", "classes", "categories", "activities", "min_severity", "institution_kinds", "size_tiers",
                        "boost", "incident_level").contains(String.valueOf(key))) {
                    throw new InvalidPolicyException(source, where + " has unknown field '" + key + "'");
                }
            }
            String name = r.get("name") == null ? where : String.valueOf(r.get("name"));
            where = where + " (" + name + ")";
            Severity min = null;
            if (r.get("min_severity") != null) {
                min = severityNamed(String.valueOf(r.get("min_severity")));
                if (min == null) {
                    throw new InvalidPolicyException(source, where + " min_severity '" + r.get("min_severity") + "' is not a severity");
                }
            }
            Integer level = null;
            if (r.get("incident_level") != null) {
                level = integer(source, where + " incident_level", r.get("incident_level"));
                if (level < 1 || level > 4) {
                    throw new InvalidPolicyException(source, where + " incident_level must be 1 to 4");
                }
            }
            final String at = where;
            rules.add(new Rule(name, integers(source, where + " classes", r.get("classes")),
                    integers(source, where + " categories", r.get("categories")),
                    integers(source, where + " activities", r.get("activities")), min,
                    strings(source, where + " institution_kinds", r.get("institution_kinds")).stream()
                            .map(code -> codeOf(source, at, () -> InstitutionKind.fromCode(code))).collect(Collectors.toSet()),
                    strings(source, where + " size_tiers", r.get("size_tiers")).stream()
                            .map(code -> codeOf(source, at, () -> SizeTier.fromCode(code))).collect(Collectors.toSet()),
                    r.get("boost") == null ? 0 : integer(source, where + " boost", r.get("boost")), level));
        }
        return new GradingPolicy(base, rules);
    }

    private static <T> T codeOf(String source, String where, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            throw new InvalidPolicyException(source, where + ": " + e.getMessage());
        }
    }

    private static int percent(String source, String where, Object value) {
        int v = integer(source, where, value);
        if (v < 0 || v > 100) {
            throw new InvalidPolicyException(source, where + " must be between 0 and 100");
        }
        return v;
    }

    private static int integer(String source, String where, Object value) {
        if (value instanceof Integer i) {
            return i;
        }
        throw new InvalidPolicyException(source, where + " must be a whole number, was '" + value + "'");
    }

    private static Set<Integer> integers(String source, String where, Object value) {
        if (value == null) {
            return Set.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidPolicyException(source, where + " must be a list of numbers");
        }
        return list.stream().map(v -> integer(source, where, v)).collect(Collectors.toUnmodifiableSet());
    }

    private static Set<String> strings(String source, String where, Object value) {
        if (value == null) {
            return Set.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidPolicyException(source, where + " must be a list");
        }
        return list.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
    }
}
