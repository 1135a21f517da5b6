package org.finres.resilience.drill.plan;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.finres.resilience.drill.evidence.Tolerances;
import org.finres.resilience.engine.DurationText;
import org.finres.resilience.engine.ElementId;
import org.finres.resilience.engine.ImportantService;
import org.finres.resilience.engine.Register;
import org.finres.resilience.engine.RegisterFormatException;
import org.finres.resilience.engine.format.RegisterReader;

/**
 * Reads a {@code finres-drill-plan/1} plan from YAML or JSON (PLAN.md). Every problem found is reported at once,
 * each with its line; {@link PlanFormatException} is the only exception thrown, never a parser's own.
 */
public final class DrillPlanReader {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
    private static final Pattern INSTITUTION = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern ELEMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,199}");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");
    private static final Duration MAX = Duration.ofDays(1);
    /** A plan is a page of YAML; far larger input is not one. */
    public static final int MAX_BYTES = 1 << 20;

    private final List<PlanProblem> problems = new ArrayList<>();
    private final Path baseDir;

    private DrillPlanReader(Path baseDir) {
        this.baseDir = baseDir;
    }

    /** Reads a plan file; a register named under tolerances is resolved next to it. */
    public static DrillPlan read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PlanFormatException(new PlanProblem(0, 0, "", "cannot read the plan " + file + ": "
                    + e.getMessage()));
        }
        return read(bytes, file.toAbsolutePath().getParent());
    }

    public static DrillPlan read(byte[] input, Path baseDir) {
        if (input.length > MAX_BYTES) {
            throw new PlanFormatException(new PlanProblem(0, 0, "", "a plan is at most " + MAX_BYTES
                    + " bytes, this one has " + input.length));
        }
        DrillPlanReader r = new DrillPlanReader(baseDir);
        DrillPlan plan = r.plan(PlanNode.read(input), sha256(input));
        if (!r.problems.isEmpty()) {
            throw new PlanFormatException(r.problems);
        }
        return plan;
    }

    private DrillPlan plan(PlanNode root, String sha) {
        Map<String, PlanNode> top = map(root, "", Set.of("format", "name", "institution", "services", "tolerances",
                "probes", "fault", "abort", "rollback", "workload", "settle"));
        if (top == null) {
            return null;
        }
        String format = text(top, "format", "format", true);
        if (format != null && !format.equals(DrillPlan.FORMAT)) {
            add(top.get("format"), "format", "must be " + DrillPlan.FORMAT + ", found '" + format + "'");
        }
        String name = text(top, "name", "name", true);
        if (name != null && (name.isBlank() || name.length() > 200)) {
            add(top.get("name"), "name", "must be 1 to 200 characters");
        }
        String institution = text(top, "institution", "institution", true);
        if (institution != null && !INSTITUTION.matcher(institution).matches()) {
            add(top.get("institution"), "institution", "must be a tenant slug (lower-case letters, digits and '-')");
        }
        List<String> services = new ArrayList<>();
        for (PlanNode s : list(top.get("services"), "services", true)) {
            String v = scalarText(s, "services[]");
            if (v != null && !ELEMENT.matcher(v).matches()) {
                add(s, "services[]", "must be a register element id, found " + s.describe());
            } else if (v != null) {
                services.add(v);
            }
        }
        if (top.containsKey("services") && services.isEmpty() && problems.isEmpty()) {
            add(top.get("services"), "services", "must name at least one service under test");
        }
        Tolerances tolerances = tolerances(top.get("tolerances"), services);
        Duration interval = Duration.ofMillis(250);
        List<Probe> probes = new ArrayList<>();
        Map<String, PlanNode> probesNode = map(top.get("probes"), "probes", Set.of("interval", "checks"));
        if (probesNode == null && !top.containsKey("probes")) {
            add(root, "probes", "is required: a drill needs steady-state probes");
        }
        if (probesNode != null) {
            interval = duration(probesNode, "interval", "probes.interval", false, interval);
            if (interval != null && interval.isZero()) {
                add(probesNode.get("interval"), "probes.interval", "must be longer than 0");
            }
            Set<String> names = new HashSet<>();
            List<PlanNode> checks = list(probesNode.get("checks"), "probes.checks", true);
            if (probesNode.containsKey("checks") && checks.isEmpty()) {
                add(probesNode.get("checks"), "probes.checks", "must list at least one probe");
            }
            for (int i = 0; i < checks.size(); i++) {
                Probe p = probe(checks.get(i), "probes.checks[" + i + "]");
                if (p != null && !names.add(p.name())) {
                    add(checks.get(i), "probes.checks[" + i + "]", "probe name '" + p.name() + "' is used twice");
                } else if (p != null) {
                    probes.add(p);
                }
            }
        }
        DrillAction fault = top.containsKey("fault") ? action(top.get("fault"), "fault") : null;
        if (!top.containsKey("fault")) {
            add(root, "fault", "is required: what the drill breaks (command or http)");
        }
        AbortConditions abort = abort(top.get("abort"), probes);
        List<DrillAction> rollback = new ArrayList<>();
        List<PlanNode> rb = list(top.get("rollback"), "rollback", false);
        for (int i = 0; i < rb.size(); i++) {
            DrillAction a = action(rb.get(i), "rollback[" + i + "]");
            if (a != null) {
                rollback.add(a);
            }
        }
        Workload workload = top.containsKey("workload") ? workload(top.get("workload")) : null;
        Duration settle = duration(top, "settle", "settle", false, Duration.ofSeconds(5));
        if (!problems.isEmpty()) {
            return null;
        }
        return new DrillPlan(name, sha, institution, services, tolerances, interval, probes, fault, abort, rollback,
                workload, settle);
    }

    private Tolerances tolerances(PlanNode node, List<String> services) {
        if (node == null) {
            return new Tolerances(null, null, null);
        }
        Map<String, PlanNode> m = map(node, "tolerances", Set.of("maxTolerableDowntime", "rto", "rpo", "register"));
        if (m == null) {
            return null;
        }
        if (m.containsKey("register")) {
            if (m.size() > 1) {
                add(node, "tolerances", "either names a register or sets maxTolerableDowntime/rto/rpo, not both");
                return null;
            }
            String file = text(m, "register", "tolerances.register", true);
            if (file == null || services.isEmpty()) {
                return null;
            }
            Path p = baseDir == null ? Path.of(file) : baseDir.resolve(file);
            try {
                Register register = RegisterReader.read(p);
                var e = register.element(ElementId.of(services.getFirst()));
                if (e.isEmpty() || !(e.get() instanceof ImportantService s)) {
                    add(m.get("register"), "tolerances.register", "register " + p + " has no important business "
                            + "service " + services.getFirst());
                    return null;
                }
                return new Tolerances(s.tolerance().maxTolerableDowntime(), s.tolerance().rto(),
                        s.tolerance().rpo());
            } catch (RegisterFormatException e) {
                add(m.get("register"), "tolerances.register", "register " + p + " cannot be read: "
                        + e.getMessage());
                return null;
            } catch (IOException | RuntimeException e) {
                add(m.get("register"), "tolerances.register", "register " + p + " cannot be read: " + e);
                return null;
            }
        }
        return new Tolerances(duration(m, "maxTolerableDowntime", "tolerances.maxTolerableDowntime", false, null),
                duration(m, "rto", "tolerances.rto", false, null), duration(m, "rpo", "tolerances.rpo", false, null));
    }

    private Probe probe(PlanNode node, String path) {
        // No unknown-field check here: a key other than name is the probe's kind, and an unknown one is reported
        // once, as an unknown kind, below.
        Map<String, PlanNode> m = map(node, path, null);
        if (m == null) {
            return null;
        }
        String name = text(m, "name", path + ".name", true);
        if (name != null && !NAME.matcher(name).matches()) {
            add(m.get("name"), path + ".name", "must be letters, digits and . _ : - (at most 100)");
            name = null;
        }
        List<String> kinds = m.keySet().stream().filter(k -> !k.equals("name")).toList();
        if (kinds.size() != 1) {
            add(node, path, kinds.isEmpty() ? "needs one of http, tcp, sql, command" : "has " + kinds
                    + "; a probe is exactly one of http, tcp, sql, command");
            return null;
        }
        String kind = kinds.getFirst();
        String at = path + "." + kind;
        int before = problems.size();
        PlanNode body = m.get(kind);
        Probe p = switch (kind) {
            case "http" -> {
                Map<String, PlanNode> h = map(body, at, Set.of("url", "status", "bodyContains", "timeout"));
                yield h == null ? null : new Probe.Http(name, uri(h, "url", at + ".url"),
                        integer(h, "status", at + ".status", 200, 100, 599),
                        text(h, "bodyContains", at + ".bodyContains", false),
                        duration(h, "timeout", at + ".timeout", false, Duration.ofSeconds(2)));
            }
            case "tcp" -> {
                Map<String, PlanNode> t = map(body, at, Set.of("host", "port", "timeout"));
                yield t == null ? null : new Probe.Tcp(name, text(t, "host", at + ".host", true),
                        integer(t, "port", at + ".port", -1, 1, 65_535),
                        duration(t, "timeout", at + ".timeout", false, Duration.ofSeconds(2)));
            }
            case "sql" -> {
                Map<String, PlanNode> s = map(body, at, Set.of("url", "user", "password", "query", "expected",
                        "timeout"));
                if (s == null) {
                    yield null;
                }
                String url = text(s, "url", at + ".url", true);
                if (url != null && !url.startsWith("jdbc:")) {
                    add(s.get("url"), at + ".url", "must be a JDBC URL (jdbc:postgresql://...)");
                }
                yield new Probe.Sql(name, url, text(s, "user", at + ".user", false),
                        text(s, "password", at + ".password", false), text(s, "query", at + ".query", true),
                        text(s, "expected", at + ".expected", true),
                        duration(s, "timeout", at + ".timeout", false, Duration.ofSeconds(5)));
            }
            case "command" -> {
                Map<String, PlanNode> c = map(body, at, Set.of("argv", "exitCode", "timeout"));
                yield c == null ? null : new Probe.Command(name, argv(c, at), integer(c, "exitCode",
                        at + ".exitCode", 0, 0, 255), duration(c, "timeout", at + ".timeout", false,
                        Duration.ofSeconds(10)));
            }
            default -> {
                add(m.get(kind), path + "." + kind, "unknown probe kind '" + kind + "' (known: http, tcp, sql, "
                        + "command)");
                yield null;
            }
        };
        return problems.size() == before ? p : null;
    }

    private DrillAction action(PlanNode node, String path) {
        Map<String, PlanNode> m = map(node, path, Set.of("command", "http"));
        if (m == null) {
            return null;
        }
        if (m.size() != 1) {
            add(node, path, m.isEmpty() ? "needs command or http" : "is exactly one of command, http");
            return null;
        }
        if (m.containsKey("command")) {
            Map<String, PlanNode> c = map(m.get("command"), path + ".command", Set.of("argv", "timeout"));
            return c == null ? null : new DrillAction.Command(argv(c, path + ".command"),
                    duration(c, "timeout", path + ".command.timeout", false, Duration.ofSeconds(30)));
        }
        String at = path + ".http";
        Map<String, PlanNode> h = map(m.get("http"), at, Set.of("url", "method", "body", "timeout"));
        if (h == null) {
            return null;
        }
        String method = text(h, "method", at + ".method", false);
        if (method == null) {
            method = "POST";
        } else if (!METHODS.contains(method)) {
            add(h.get("method"), at + ".method", "must be one of GET, POST, PUT, DELETE, PATCH");
        }
        return new DrillAction.HttpHook(uri(h, "url", at + ".url"), method, text(h, "body", at + ".body", false),
                duration(h, "timeout", at + ".timeout", false, Duration.ofSeconds(30)));
    }

    private AbortConditions abort(PlanNode node, List<Probe> probes) {
        if (node == null) {
            return new AbortConditions(Duration.ofMinutes(10), null, List.of());
        }
        Map<String, PlanNode> m = map(node, "abort", Set.of("maxDuration", "probeDownLongerThan", "whenProbeFails"));
        if (m == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (PlanNode n : list(m.get("whenProbeFails"), "abort.whenProbeFails", false)) {
            String v = scalarText(n, "abort.whenProbeFails[]");
            if (v != null && probes.stream().noneMatch(p -> p.name().equals(v))) {
                add(n, "abort.whenProbeFails[]", "names no probe: '" + v + "' (probes: "
                        + String.join(", ", probes.stream().map(Probe::name).toList()) + ")");
            } else if (v != null) {
                names.add(v);
            }
        }
        Duration max = duration(m, "maxDuration", "abort.maxDuration", false, Duration.ofMinutes(10));
        if (max != null && max.isZero()) {
            add(m.get("maxDuration"), "abort.maxDuration", "must be longer than 0");
        }
        return new AbortConditions(max, duration(m, "probeDownLongerThan", "abort.probeDownLongerThan", false, null),
                names);
    }

    private Workload workload(PlanNode node) {
        Map<String, PlanNode> m = map(node, "workload", Set.of("transfers", "ratePerSecond", "from", "to", "amount",
                "warmup", "reconciliation"));
        if (m == null) {
            return null;
        }
        double rate = 10;
        PlanNode r = m.get("ratePerSecond");
        if (r != null) {
            try {
                rate = Double.parseDouble(scalarText(r, "workload.ratePerSecond"));
                if (!(rate > 0 && rate <= 1_000)) {
                    add(r, "workload.ratePerSecond", "must be more than 0 and at most 1000");
                }
            } catch (NumberFormatException | NullPointerException e) {
                add(r, "workload.ratePerSecond", "must be a number, found " + r.describe());
            }
        }
        BigDecimal amount = new BigDecimal("0.01");
        String a = text(m, "amount", "workload.amount", false);
        if (a != null) {
            try {
                amount = new BigDecimal(a);
                if (amount.signum() <= 0) {
                    add(m.get("amount"), "workload.amount", "must be positive");
                }
            } catch (NumberFormatException e) {
                add(m.get("amount"), "workload.amount", "must be a decimal such as \"0.01\", found '" + a + "'");
            }
        }
        return new Workload(uri(m, "transfers", "workload.transfers"), rate, text(m, "from", "workload.from", true),
                text(m, "to", "workload.to", true), amount, duration(m, "warmup", "workload.warmup", false,
                        Duration.ofSeconds(2)), uri(m, "reconciliation", "workload.reconciliation"));
    }

    // ---- field readers: each records a problem and returns null (or a default) when the value is wrong ----

    private Map<String, PlanNode> map(PlanNode node, String path, Set<String> known) {
        if (node == null) {
            return null;
        }
        if (!(node instanceof PlanNode.MapNode m)) {
            add(node, path, "must be a mapping, found " + node.describe());
            return null;
        }
        for (var e : m.entries().entrySet()) {
            if (known != null && !known.contains(e.getKey())) {
                add(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), "unknown field '"
                        + e.getKey() + "' (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
        return m.entries();
    }

    private List<PlanNode> list(PlanNode node, String path, boolean required) {
        if (node == null) {
            if (required) {
                problems.add(new PlanProblem(0, 0, path, "is required"));
            }
            return List.of();
        }
        if (!(node instanceof PlanNode.ListNode l)) {
            add(node, path, "must be a list, found " + node.describe());
            return List.of();
        }
        return l.items();
    }

    private String scalarText(PlanNode node, String path) {
        if (node instanceof PlanNode.Scalar s && !s.empty()) {
            return s.text();
        }
        add(node, path, "must be a value, found " + node.describe());
        return null;
    }

    private String text(Map<String, PlanNode> m, String key, String path, boolean required) {
        PlanNode n = m.get(key);
        if (n == null) {
            if (required) {
                problems.add(new PlanProblem(0, 0, path, "is required"));
            }
            return null;
        }
        return scalarText(n, path);
    }

    private Duration duration(Map<String, PlanNode> m, String key, String path, boolean required, Duration dflt) {
        String t = text(m, key, path, required);
        if (t == null) {
            return m.containsKey(key) ? null : dflt;
        }
        var d = DurationText.parse(t);
        if (d.isEmpty()) {
            add(m.get(key), path, "must be a duration like 250ms, 30s, 2m or PT1M, found '" + t + "'");
            return null;
        }
        if (d.get().isNegative()) {
            add(m.get(key), path, "must not be negative, found " + t);
            return null;
        }
        if (d.get().compareTo(MAX) > 0) {
            add(m.get(key), path, "must be at most a day, found " + t);
            return null;
        }
        return d.get();
    }

    private int integer(Map<String, PlanNode> m, String key, String path, int dflt, int min, int max) {
        PlanNode n = m.get(key);
        if (n == null) {
            if (dflt < 0) {
                problems.add(new PlanProblem(0, 0, path, "is required"));
            }
            return dflt;
        }
        String t = scalarText(n, path);
        try {
            int v = Integer.parseInt(t);
            if (v < min || v > max) {
                add(n, path, "must be from " + min + " to " + max + ", found " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            add(n, path, "must be a whole number, found " + n.describe());
            return dflt;
        }
    }

    private URI uri(Map<String, PlanNode> m, String key, String path) {
        String t = text(m, key, path, true);
        if (t == null) {
            return null;
        }
        try {
            URI u = URI.create(t);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                add(m.get(key), path, "must be an http:// or https:// URL, found '" + t + "'");
                return null;
            }
            return u;
        } catch (IllegalArgumentException e) {
            add(m.get(key), path, "is not a URL: '" + t + "'");
            return null;
        }
    }

    private List<String> argv(Map<String, PlanNode> m, String path) {
        List<String> out = new ArrayList<>();
        List<PlanNode> items = list(m.get("argv"), path + ".argv", true);
        for (PlanNode n : items) {
            String v = scalarText(n, path + ".argv[]");
            if (v != null) {
                out.add(v);
            }
        }
        if (m.containsKey("argv") && items.isEmpty()) {
            add(m.get("argv"), path + ".argv", "must name the program to run");
        }
        return out;
    }

    private void add(PlanNode at, String path, String message) {
        problems.add(new PlanProblem(at == null ? 0 : at.line(), at == null ? 0 : at.column(), path, message));
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
