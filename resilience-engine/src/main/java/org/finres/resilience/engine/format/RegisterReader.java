package org.finres.resilience.engine.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.finres.resilience.engine.Component;
import org.finres.resilience.engine.Dependency;
import org.finres.resilience.engine.DurationText;
import org.finres.resilience.engine.ElementId;
import org.finres.resilience.engine.FailureModel;
import org.finres.resilience.engine.ImpactTolerance;
import org.finres.resilience.engine.ImportantService;
import org.finres.resilience.engine.Layer;
import org.finres.resilience.engine.RecoveryDistribution;
import org.finres.resilience.engine.RedundancyGroup;
import org.finres.resilience.engine.RedundancyMode;
import org.finres.resilience.engine.Register;
import org.finres.resilience.engine.RegisterFormatException;
import org.finres.resilience.engine.RegisterProblem;
import org.finres.resilience.engine.SourceLocations;
import org.finres.resilience.engine.format.SourceNode.Kind;
import org.finres.resilience.engine.format.SourceNode.ListNode;
import org.finres.resilience.engine.format.SourceNode.MapNode;
import org.finres.resilience.engine.format.SourceNode.Scalar;

/**
 * Reads a register (FORMAT.md) from YAML or JSON; JSON is recognised by its first character. Throws only
 * {@link RegisterFormatException}, listing every problem with its line: field problems of all elements first; the
 * graph rules (references, layer order, cycles) once every element reads.
 */
public final class RegisterReader {

    private static final Set<String> TOP = Set.of("format", "institution", "institutionName", "services", "elements");
    private static final Set<String> SERVICE = Set.of("id", "name", "owner", "customers", "whyImportant",
            "tolerance", "dependsOn");
    private static final Set<String> TOLERANCE = Set.of("maxTolerableDowntime", "rto", "rpo", "minimumServiceLevel");
    private static final Set<String> ELEMENT = Set.of("id", "layer", "name", "rto", "rpo", "sharedRef", "failure",
            "dependsOn");
    private static final Set<String> GROUP = Set.of("group", "mode", "failover", "replicationLag", "members");
    private static final Set<String> FAILURE = Set.of("probability", "recovery");
    private static final Set<String> RECOVERY = Set.of("distribution", "time", "min", "mode", "max");

    private final List<RegisterProblem> problems = new ArrayList<>();
    private final Map<String, MapNode> located = new HashMap<>();
    private final Map<String, MapNode> locatedGroups = new HashMap<>();

    private RegisterReader() {
    }

    public static Register read(byte[] input) {
        return new RegisterReader().readDocument(SourceTreeReader.read(input));
    }

    public static Register read(String input) {
        return read(input.getBytes(StandardCharsets.UTF_8));
    }

    public static Register read(Path file) throws IOException {
        return read(Files.readAllBytes(file));
    }

    private Register readDocument(SourceNode root) {
        if (!(root instanceof MapNode top)) {
            throw new RegisterFormatException(new RegisterProblem(root.line(), root.column(), "",
                    "a register is a mapping with format, institution, services and elements, not "
                            + root.describe()));
        }
        unknownKeys(top, TOP, "");
        String format = text(top, "format", "", true);
        if (format != null && !format.equals(Register.FORMAT)) {
            add(at(top, "format"), "", "unsupported format '" + format + "'; this reader knows " + Register.FORMAT);
        }
        String institution = text(top, "institution", "", true);
        String institutionName = text(top, "institutionName", "", false);
        List<ImportantService> services = new ArrayList<>();
        for (MapNode s : maps(top, "services", true)) {
            ImportantService service = service(s);
            if (service != null) {
                services.add(service);
            }
        }
        List<Component> components = new ArrayList<>();
        for (MapNode e : maps(top, "elements", false)) {
            Component c = component(e);
            if (c != null) {
                components.add(c);
            }
        }
        if (!problems.isEmpty()) {
            throw new RegisterFormatException(problems);
        }
        SourceLocations at = (id, field) -> {
            MapNode n = located.getOrDefault(id, locatedGroups.get(id));
            if (n == null) {
                return new int[] {0, 0};
            }
            int[] k = n.keys().get(field);
            return k != null ? k : new int[] {n.line(), n.column()};
        };
        return Register.checked(institution, institutionName, services, components, at);
    }

    private ImportantService service(MapNode s) {
        int before = problems.size();
        String id = id(s);
        unknownKeys(s, SERVICE, id);
        String name = text(s, "name", id, false);
        String owner = text(s, "owner", id, false);
        String customers = text(s, "customers", id, false);
        String why = text(s, "whyImportant", id, false);
        ImpactTolerance tolerance = null;
        SourceNode t = s.entries().get("tolerance");
        if (t == null) {
            add(s, id, "an important business service needs a tolerance (maxTolerableDowntime, rto, rpo)");
        } else if (!(t instanceof MapNode tm)) {
            add(t, id, "tolerance must be a mapping, not " + t.describe());
        } else {
            unknownKeys(tm, TOLERANCE, id);
            Duration mtd = duration(tm, "maxTolerableDowntime", id, true);
            Duration rto = duration(tm, "rto", id, true);
            Duration rpo = duration(tm, "rpo", id, true);
            int level = percent(tm, "minimumServiceLevel", id);
            if (mtd != null && rto != null && rpo != null && level >= 0) {
                tolerance = construct(tm, id, () -> new ImpactTolerance(mtd, rto, rpo, level));
            }
        }
        List<Dependency> deps = dependencies(s, id);
        if (id == null || tolerance == null || deps == null || problems.size() > before) {
            return null;
        }
        ImpactTolerance tol = tolerance;
        return construct(s, id, () -> new ImportantService(ElementId.of(id), name, owner, customers, why, tol, deps));
    }

    private Component component(MapNode e) {
        int before = problems.size();
        String id = id(e);
        unknownKeys(e, ELEMENT, id);
        String layerName = text(e, "layer", id, true);
        Layer layer = null;
        if (layerName != null) {
            layer = Layer.fromFormatName(layerName).orElse(null);
            if (layer == null || layer == Layer.SERVICE) {
                add(at(e, "layer"), id, "unknown layer '" + layerName + "'; one of process, application,"
                        + " data-store, site, availability-zone, region, cloud-provider, network-carrier, supplier"
                        + (layer == Layer.SERVICE ? " (services go under services:)" : ""));
                layer = null;
            }
        }
        String name = text(e, "name", id, false);
        Duration rto = duration(e, "rto", id, true);
        Duration rpo = duration(e, "rpo", id, layer == Layer.DATA_STORE);
        if (rpo == null && layer != Layer.DATA_STORE && !e.entries().containsKey("rpo")) {
            rpo = Duration.ZERO;
        }
        Optional<String> sharedRef = Optional.ofNullable(text(e, "sharedRef", id, false));
        Optional<FailureModel> failure = failure(e, id);
        List<Dependency> deps = dependencies(e, id);
        if (id == null || layer == null || rto == null || rpo == null || failure == null || deps == null
                || problems.size() > before) {
            return null;
        }
        Layer l = layer;
        Duration r = rto;
        Duration p = rpo;
        return construct(e, id, () -> new Component(ElementId.of(id), l, name, r, p, sharedRef, failure, deps));
    }

    /** The failure model, empty when absent, null when it has problems. */
    private Optional<FailureModel> failure(MapNode e, String id) {
        SourceNode f = e.entries().get("failure");
        if (f == null) {
            return Optional.empty();
        }
        if (!(f instanceof MapNode fm)) {
            add(f, id, "failure must be a mapping with probability and recovery, not " + f.describe());
            return null;
        }
        unknownKeys(fm, FAILURE, id);
        SourceNode p = fm.entries().get("probability");
        Double probability = null;
        if (p == null) {
            add(fm, id, "failure needs a probability (0 to 1)");
        } else if (p instanceof Scalar sc && sc.kind() == Kind.NUMBER) {
            try {
                double v = Double.parseDouble(sc.text());
                if (v >= 0 && v <= 1) {
                    probability = v;
                } else {
                    add(p, id, "failure probability must be between 0 and 1, not " + sc.text());
                }
            } catch (NumberFormatException ex) {
                add(p, id, "failure probability must be a number between 0 and 1, not " + p.describe());
            }
        } else {
            add(p, id, "failure probability must be a number between 0 and 1, not " + p.describe());
        }
        SourceNode r = fm.entries().get("recovery");
        RecoveryDistribution recovery = null;
        if (r == null) {
            add(fm, id, "failure needs a recovery distribution");
        } else if (!(r instanceof MapNode rm)) {
            add(r, id, "recovery must be a mapping (distribution: fixed|uniform|triangular), not " + r.describe());
        } else {
            recovery = distribution(rm, id);
        }
        if (probability == null || recovery == null) {
            return null;
        }
        double prob = probability;
        RecoveryDistribution rec = recovery;
        FailureModel model = construct(fm, id, () -> new FailureModel(prob, rec));
        return model == null ? null : Optional.of(model);
    }

    private RecoveryDistribution distribution(MapNode rm, String id) {
        unknownKeys(rm, RECOVERY, id);
        String kind = text(rm, "distribution", id, true);
        if (kind == null) {
            return null;
        }
        switch (kind) {
            case "fixed" -> {
                Duration t = duration(rm, "time", id, true);
                return t == null ? null : construct(rm, id, () -> new RecoveryDistribution.Fixed(t));
            }
            case "uniform" -> {
                Duration min = duration(rm, "min", id, true);
                Duration max = duration(rm, "max", id, true);
                return min == null || max == null ? null
                        : construct(rm, id, () -> new RecoveryDistribution.Uniform(min, max));
            }
            case "triangular" -> {
                Duration min = duration(rm, "min", id, true);
                Duration mode = duration(rm, "mode", id, true);
                Duration max = duration(rm, "max", id, true);
                return min == null || mode == null || max == null ? null
                        : construct(rm, id, () -> new RecoveryDistribution.Triangular(min, mode, max));
            }
            default -> {
                add(at(rm, "distribution"), id, "unknown recovery distribution '" + kind
                        + "'; one of fixed, uniform, triangular");
                return null;
            }
        }
    }

    /** The dependencies, empty when absent, null when any has a problem. */
    private List<Dependency> dependencies(MapNode owner, String id) {
        SourceNode d = owner.entries().get("dependsOn");
        if (d == null || d instanceof Scalar sc && sc.kind() == Kind.NULL) {
            return List.of();
        }
        if (!(d instanceof ListNode list)) {
            add(d, id, "dependsOn must be a list of element ids and groups, not " + d.describe());
            return null;
        }
        List<Dependency> deps = new ArrayList<>();
        boolean ok = true;
        for (SourceNode item : list.items()) {
            if (item instanceof Scalar sc && sc.kind() == Kind.STRING) {
                if (ElementId.isValid(sc.text())) {
                    deps.add(new Dependency.Direct(ElementId.of(sc.text())));
                } else {
                    add(item, id, "'" + sc.text() + "' is not a valid element id");
                    ok = false;
                }
            } else if (item instanceof MapNode gm) {
                RedundancyGroup g = group(gm, id);
                if (g == null) {
                    ok = false;
                } else {
                    deps.add(new Dependency.Redundant(g));
                }
            } else {
                add(item, id, "a dependency is an element id or a redundancy group, not " + item.describe());
                ok = false;
            }
        }
        return ok ? deps : null;
    }

    private RedundancyGroup group(MapNode gm, String owner) {
        int before = problems.size();
        String gid = text(gm, "group", owner, true);
        if (gid != null && !ElementId.isValid(gid)) {
            add(at(gm, "group"), owner, "'" + gid + "' is not a valid redundancy group id");
            gid = null;
        }
        String who = gid == null ? owner : gid;
        if (gid != null) {
            MapNode earlier = locatedGroups.putIfAbsent(gid, gm);
            if (earlier != null) {
                add(at(gm, "group"), gid, "duplicate redundancy group id (first on line " + earlier.line() + ")");
            }
        }
        unknownKeys(gm, GROUP, who);
        String modeName = text(gm, "mode", who, true);
        RedundancyMode mode = null;
        if (modeName != null) {
            mode = RedundancyMode.fromFormatName(modeName).orElse(null);
            if (mode == null) {
                add(at(gm, "mode"), who, "unknown redundancy mode '" + modeName
                        + "'; active-active or active-passive");
            }
        }
        Duration failover = duration(gm, "failover", who, true);
        Duration lag = duration(gm, "replicationLag", who, false);
        List<ElementId> members = new ArrayList<>();
        SourceNode m = gm.entries().get("members");
        if (m == null) {
            add(gm, who, "a redundancy group needs members (two or more element ids)");
        } else if (!(m instanceof ListNode ml)) {
            add(m, who, "members must be a list of element ids, not " + m.describe());
        } else {
            for (SourceNode item : ml.items()) {
                if (item instanceof Scalar sc && sc.kind() == Kind.STRING && ElementId.isValid(sc.text())) {
                    members.add(ElementId.of(sc.text()));
                } else {
                    add(item, who, "a group member is an element id, not " + item.describe());
                }
            }
            if (members.size() == 1 && problems.size() == before) {
                add(m, who, "redundancy group has only one member ('" + members.getFirst()
                        + "'); a group needs at least two, or write the single dependency without a group");
            } else if (ml.items().isEmpty()) {
                add(m, who, "redundancy group has no members; a group needs at least two");
            }
        }
        if (gid == null || mode == null || failover == null || problems.size() > before) {
            return null;
        }
        String g = gid;
        RedundancyMode md = mode;
        Duration lg = lag == null ? Duration.ZERO : lag;
        return construct(gm, who, () -> new RedundancyGroup(ElementId.of(g), md, failover, lg, members));
    }

    // --- fields ---

    private String id(MapNode n) {
        SourceNode v = n.entries().get("id");
        if (v == null) {
            add(n, "", "an element without id");
            return null;
        }
        if (!(v instanceof Scalar sc) || sc.kind() == Kind.NULL || !ElementId.isValid(sc.text())) {
            add(v, "", "not a valid id: " + v.describe() + " (letters, digits and ._:/@-, starting with a letter or"
                    + " digit, at most 200)");
            return null;
        }
        MapNode earlier = located.putIfAbsent(sc.text(), n);
        if (earlier != null) {
            add(v, sc.text(), "duplicate id (first on line " + earlier.line() + ")");
        }
        return sc.text();
    }

    private String text(MapNode n, String key, String id, boolean required) {
        SourceNode v = n.entries().get(key);
        if (v == null || v instanceof Scalar sc && sc.kind() == Kind.NULL) {
            if (required) {
                add(v == null ? n : v, id, key + " is missing");
            }
            return null;
        }
        if (!(v instanceof Scalar sc)) {
            add(v, id, key + " must be text, not " + v.describe());
            return null;
        }
        return sc.text();
    }

    private Duration duration(MapNode n, String key, String id, boolean required) {
        SourceNode v = n.entries().get(key);
        if (v == null || v instanceof Scalar sc && sc.kind() == Kind.NULL) {
            if (required) {
                add(v == null ? n : v, id, key + " is missing (a duration such as 30m, 4h, 1d or PT4H)");
            }
            return null;
        }
        if (!(v instanceof Scalar sc) || sc.kind() == Kind.BOOLEAN) {
            add(v, id, key + " must be a duration such as 30m, 4h or PT4H, not " + v.describe());
            return null;
        }
        Optional<Duration> d = DurationText.parse(sc.text());
        if (d.isEmpty()) {
            add(v, id, key + " must be a duration such as 30m, 4h or PT4H (a bare number has no unit), not "
                    + v.describe());
            return null;
        }
        if (d.get().isNegative()) {
            add(v, id, key + " is negative (" + sc.text() + ")");
            return null;
        }
        if (d.get().compareTo(DurationText.MAX) > 0) {
            add(v, id, key + " is longer than 100 years (" + sc.text() + ")");
            return null;
        }
        return d.get();
    }

    /** A percentage 0-100 (written 50 or 50%); 0 when absent; -1 after a problem. */
    private int percent(MapNode n, String key, String id) {
        SourceNode v = n.entries().get(key);
        if (v == null || v instanceof Scalar sc0 && sc0.kind() == Kind.NULL) {
            return 0;
        }
        if (v instanceof Scalar sc && sc.kind() != Kind.BOOLEAN) {
            String t = sc.text().strip();
            if (t.endsWith("%")) {
                t = t.substring(0, t.length() - 1).strip();
            }
            if (t.matches("\\d{1,3}")) {
                int p = Integer.parseInt(t);
                if (p <= 100) {
                    return p;
                }
            }
        }
        add(v, id, key + " must be a percentage from 0 to 100, not " + v.describe());
        return -1;
    }

    private List<MapNode> maps(MapNode top, String key, boolean required) {
        SourceNode v = top.entries().get(key);
        if (v == null || v instanceof Scalar sc && sc.kind() == Kind.NULL) {
            if (required) {
                add(v == null ? top : v, "", key + " is missing");
            }
            return List.of();
        }
        if (!(v instanceof ListNode list)) {
            add(v, "", key + " must be a list, not " + v.describe());
            return List.of();
        }
        List<MapNode> maps = new ArrayList<>();
        for (SourceNode item : list.items()) {
            if (item instanceof MapNode m) {
                maps.add(m);
            } else {
                add(item, "", "each of " + key + " is a mapping, not " + item.describe());
            }
        }
        return maps;
    }

    private void unknownKeys(MapNode n, Set<String> known, String id) {
        for (Map.Entry<String, int[]> k : n.keys().entrySet()) {
            if (!known.contains(k.getKey())) {
                problems.add(new RegisterProblem(k.getValue()[0], k.getValue()[1], id, "unknown key '"
                        + k.getKey() + "'; expected one of " + known.stream().sorted().toList()));
            }
        }
    }

    /** Runs a record constructor, turning its refusal into a problem at {@code where}. */
    private <T> T construct(SourceNode where, String id, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            add(where, id, e.getMessage());
            return null;
        }
    }

    private SourceNode at(MapNode n, String key) {
        SourceNode v = n.entries().get(key);
        return v == null ? n : v;
    }

    private void add(SourceNode where, String id, String message) {
        problems.add(new RegisterProblem(where.line(), where.column(), id == null ? "" : id, message));
    }
}
