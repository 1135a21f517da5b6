package org.finres.stix.pattern;

import org.finres.stix.model.StixTimestamp;
import org.finres.stix.net.IpNetwork;
import org.finres.stix.pattern.StixPattern.Comparison;
import org.finres.stix.pattern.StixPattern.Literal;
import org.finres.stix.pattern.StixPattern.Qualifier;
import org.finres.stix.pattern.StixPattern.Step;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates a {@link StixPattern} over observations. Inside one observation expression, tests on the same object
 * type must hold for the same object (so {@code [file:name = 'a' AND file:size = 3]} is one file); {@code *_ref}
 * steps follow references inside the observation; a list step {@code [*]} holds when any element does. Across
 * observations, AND and FOLLOWEDBY need distinct observations, FOLLOWEDBY in time order, and the qualifiers
 * restrict the time span (WITHIN), the count (REPEATS) or the time range (START/STOP, stop exclusive).
 */
public final class PatternMatcher {

    // Guards against patterns that combine many observation expressions over long streams.
    private static final int MAX_CANDIDATES = 10_000;
    private final Map<String, java.util.regex.Pattern> regexes = new ConcurrentHashMap<>();

    /** True when {@code pattern} matches this one observation alone. */
    public boolean matches(StixPattern pattern, Observation observation) {
        return matches(pattern, List.of(observation));
    }

    /** True when {@code pattern} matches some observations of the stream (in any order; times decide). */
    public boolean matches(StixPattern pattern, List<Observation> observations) {
        return firstMatch(pattern, observations).isPresent();
    }

    /** The indices of the observations of one match, if any. */
    public Optional<List<Integer>> firstMatch(StixPattern pattern, List<Observation> observations) {
        return candidates(pattern, observations).stream().findFirst()
                .map(c -> c.members.stream().boxed().toList());
    }

    /** A set of observations that together satisfy an expression, with its time span. */
    private record Candidate(BitSet members, long first, long last) {
        Candidate plus(Candidate o) {
            BitSet m = (BitSet) members.clone();
            m.or(o.members);
            return new Candidate(m, Math.min(first, o.first), Math.max(last, o.last));
        }
        boolean disjoint(Candidate o) {
            return !members.intersects(o.members);
        }
    }

    private List<Candidate> candidates(StixPattern p, List<Observation> obs) {
        return switch (p) {
            case StixPattern.Observation o -> {
                List<Candidate> out = new ArrayList<>();
                for (int i = 0; i < obs.size(); i++) {
                    if (holds(o.comparison(), obs.get(i))) {
                        BitSet b = new BitSet();
                        b.set(i);
                        long t = obs.get(i).time().toEpochMilli();
                        out.add(new Candidate(b, t, t));
                    }
                }
                yield out;
            }
            case StixPattern.Combined c -> {
                List<Candidate> acc = candidates(c.operands().get(0), obs);
                for (int k = 1; k < c.operands().size(); k++) {
                    List<Candidate> next = candidates(c.operands().get(k), obs);
                    acc = switch (c.join()) {
                        case OR -> cap(concat(acc, next));
                        case AND -> combine(acc, next, false);
                        case FOLLOWEDBY -> combine(acc, next, true);
                    };
                }
                yield acc;
            }
            case StixPattern.Qualified q -> qualify(candidates(q.pattern(), obs), q.qualifier(), obs);
        };
    }

    private static List<Candidate> combine(List<Candidate> a, List<Candidate> b, boolean ordered) {
        List<Candidate> out = new ArrayList<>();
        for (Candidate x : a)
            for (Candidate y : b) {
                if (!x.disjoint(y) || (ordered && y.first < x.last)) continue;
                out.add(x.plus(y));
                if (out.size() >= MAX_CANDIDATES) return out;
            }
        return out;
    }

    private static List<Candidate> qualify(List<Candidate> in, Qualifier q, List<Observation> obs) {
        return switch (q) {
            case Qualifier.Within w -> {
                long limit = w.seconds().multiply(BigDecimal.valueOf(1000)).min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue();
                yield in.stream().filter(c -> c.last - c.first <= limit).toList();
            }
            case Qualifier.StartStop s -> in.stream().filter(c -> c.members.stream().allMatch(i -> {
                var t = obs.get(i).time();
                return !t.isBefore(s.start()) && t.isBefore(s.stop());
            })).toList();
            case Qualifier.Repeats r -> {
                // Sliding windows of r time-ordered, pairwise distinct matches.
                List<Candidate> sorted = new ArrayList<>(in);
                sorted.sort((x, y) -> Long.compare(x.first, y.first));
                List<Candidate> out = new ArrayList<>();
                for (int start = 0; start < sorted.size() && out.size() < MAX_CANDIDATES; start++) {
                    Candidate acc = sorted.get(start);
                    int count = 1;
                    for (int j = start + 1; j < sorted.size() && count < r.times(); j++)
                        if (acc.disjoint(sorted.get(j))) {
                            acc = acc.plus(sorted.get(j));
                            count++;
                        }
                    if (count >= r.times()) out.add(acc);
                }
                yield out;
            }
        };
    }

    private static List<Candidate> concat(List<Candidate> a, List<Candidate> b) {
        List<Candidate> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static List<Candidate> cap(List<Candidate> l) {
        return l.size() > MAX_CANDIDATES ? l.subList(0, MAX_CANDIDATES) : l;
    }

    // ---- one observation ---------------------------------------------------------------------------------------

    private boolean holds(Comparison c, Observation o) {
        Map<String, Set<String>> b = bind(c, o);
        return b != null && b.values().stream().noneMatch(Set::isEmpty);
    }

    /** For each object type the expression names, the ids of objects satisfying it; null when it cannot hold. */
    private Map<String, Set<String>> bind(Comparison c, Observation o) {
        return switch (c) {
            case Comparison.Test t -> {
                Set<String> ids = new HashSet<>();
                o.objects().forEach((id, obj) -> {
                    if (t.path().objectType().equals(obj.path("type").asString("")) && test(t, obj, o)) ids.add(id);
                });
                yield ids.isEmpty() ? null : new HashMap<>(Map.of(t.path().objectType(), ids));
            }
            case Comparison.All all -> {
                Map<String, Set<String>> acc = new HashMap<>();
                for (Comparison part : all.operands()) {
                    Map<String, Set<String>> b = bind(part, o);
                    if (b == null) yield null;
                    for (var e : b.entrySet()) {
                        Set<String> prior = acc.get(e.getKey());
                        if (prior == null) acc.put(e.getKey(), new HashSet<>(e.getValue()));
                        else prior.retainAll(e.getValue());
                    }
                    if (acc.values().stream().anyMatch(Set::isEmpty)) yield null;
                }
                yield acc;
            }
            case Comparison.Any any -> {
                Map<String, Set<String>> acc = null;
                for (Comparison part : any.operands()) {
                    Map<String, Set<String>> b = bind(part, o);
                    if (b == null) continue;
                    if (acc == null) acc = new HashMap<>();
                    for (var e : b.entrySet())
                        acc.merge(e.getKey(), new HashSet<>(e.getValue()), (x, y) -> { x.addAll(y); return x; });
                }
                yield acc;
            }
        };
    }

    private boolean test(Comparison.Test t, JsonNode object, Observation o) {
        List<JsonNode> values = new ArrayList<>();
        resolve(object, t.path().steps(), 0, o, values, 0);
        if (t.operator() == StixPattern.Operator.EXISTS) return !values.isEmpty();
        if (values.isEmpty()) return false;
        boolean any = false;
        for (JsonNode v : values) if (compare(t.operator(), v, t.value())) { any = true; break; }
        return t.negated() != any;
    }

    private static void resolve(JsonNode node, List<Step> steps, int i, Observation o, List<JsonNode> out, int hops) {
        if (node == null || node.isMissingNode() || node.isNull()) return;
        if (i == steps.size()) {
            out.add(node);
            return;
        }
        switch (steps.get(i)) {
            case Step.Property p -> {
                JsonNode next = node.get(p.name());
                // A reference followed by more steps continues at the referenced object of the same observation.
                if (next != null && next.isString() && p.name().endsWith("_ref") && i + 1 < steps.size() && hops < 16)
                    next = o.objects().get(next.stringValue());
                resolve(next, steps, i + 1, o, out, hops + 1);
            }
            case Step.Index x -> {
                if (!node.isArray()) return;
                int idx = x.index() < 0 ? node.size() + x.index() : x.index();
                if (idx >= 0 && idx < node.size()) resolve(deref(node.get(idx), steps, i, o), steps, i + 1, o, out, hops + 1);
            }
            case Step.AnyIndex a -> {
                if (!node.isArray()) return;
                for (JsonNode e : node) resolve(deref(e, steps, i, o), steps, i + 1, o, out, hops + 1);
            }
        }
    }

    /** An element of a {@code *_refs} list stands for the object it names when the path goes on past it. */
    private static JsonNode deref(JsonNode element, List<Step> steps, int i, Observation o) {
        boolean refs = i > 0 && steps.get(i - 1) instanceof Step.Property p && p.name().endsWith("_refs");
        if (refs && element.isString() && i + 1 < steps.size()) return o.objects().get(element.stringValue());
        return element;
    }

    private boolean compare(StixPattern.Operator op, JsonNode v, Literal lit) {
        return switch (op) {
            case EQ -> equal(v, lit);
            case NEQ -> !equal(v, lit);
            case LT -> order(v, lit).map(c -> c < 0).orElse(false);
            case LE -> order(v, lit).map(c -> c <= 0).orElse(false);
            case GT -> order(v, lit).map(c -> c > 0).orElse(false);
            case GE -> order(v, lit).map(c -> c >= 0).orElse(false);
            case IN -> lit instanceof Literal.Set s && s.values().stream().anyMatch(x -> equal(v, x));
            case LIKE -> v.isString() && lit instanceof Literal.Text t && like(t.value()).matcher(v.stringValue()).matches();
            case MATCHES -> v.isString() && lit instanceof Literal.Text t
                    && regexes.computeIfAbsent(t.value(), java.util.regex.Pattern::compile).matcher(v.stringValue()).find();
            case ISSUBSET -> v.isString() && lit instanceof Literal.Text t && IpNetwork.parse(t.value()).flatMap(outer ->
                    IpNetwork.parse(v.stringValue()).map(outer::contains)).orElse(false);
            case ISSUPERSET -> v.isString() && lit instanceof Literal.Text t && IpNetwork.parse(v.stringValue()).flatMap(outer ->
                    IpNetwork.parse(t.value()).map(outer::contains)).orElse(false);
            case EXISTS -> true;
        };
    }

    private static boolean equal(JsonNode v, Literal lit) {
        return switch (lit) {
            case Literal.Text t -> v.isString() && v.stringValue().equals(t.value());
            case Literal.Integer i -> v.isNumber() && v.decimalValue().compareTo(BigDecimal.valueOf(i.value())) == 0;
            case Literal.Decimal d -> v.isNumber() && v.doubleValue() == d.value();
            case Literal.Bool b -> v.isBoolean() && v.booleanValue() == b.value();
            case Literal.Bytes b -> bytesOf(v).map(x -> Arrays.equals(x, b.value())).orElse(false);
            case Literal.Timestamp t -> v.isString() && Optional.ofNullable(StixTimestamp.parseOrNull(v.stringValue()))
                    .map(x -> x.instant().equals(t.value())).orElse(false);
            case Literal.Set s -> false;
        };
    }

    private static Optional<Integer> order(JsonNode v, Literal lit) {
        return switch (lit) {
            case Literal.Text t -> v.isString() ? Optional.of(Integer.signum(v.stringValue().compareTo(t.value()))) : Optional.empty();
            case Literal.Integer i -> v.isNumber() ? Optional.of(v.decimalValue().compareTo(BigDecimal.valueOf(i.value()))) : Optional.empty();
            case Literal.Decimal d -> v.isNumber() ? Optional.of(Double.compare(v.doubleValue(), d.value())) : Optional.empty();
            case Literal.Timestamp t -> v.isString() ? Optional.ofNullable(StixTimestamp.parseOrNull(v.stringValue()))
                    .map(x -> x.instant().compareTo(t.value())) : Optional.empty();
            case Literal.Bytes b -> bytesOf(v).map(x -> Arrays.compareUnsigned(x, b.value()));
            case Literal.Bool b -> Optional.empty();
            case Literal.Set s -> Optional.empty();
        };
    }

    /** Binary properties are base64 in STIX JSON; hash values are hex. Either may be compared with b'' or h''. */
    private static Optional<byte[]> bytesOf(JsonNode v) {
        if (!v.isString()) return Optional.empty();
        String s = v.stringValue();
        if (s.matches("(?:[0-9a-fA-F]{2})+")) return Optional.of(java.util.HexFormat.of().parseHex(s));
        try {
            return Optional.of(Base64.getDecoder().decode(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static java.util.regex.Pattern like(String like) {
        StringBuilder re = new StringBuilder();
        StringBuilder lit = new StringBuilder();
        for (char ch : like.toCharArray()) {
            if (ch == '%' || ch == '_') {
                if (!lit.isEmpty()) re.append(java.util.regex.Pattern.quote(lit.toString()));
                lit.setLength(0);
                re.append(ch == '%' ? ".*" : ".");
            } else {
                lit.append(ch);
            }
        }
        if (!lit.isEmpty()) re.append(java.util.regex.Pattern.quote(lit.toString()));
        return java.util.regex.Pattern.compile(re.toString(), java.util.regex.Pattern.DOTALL);
    }

    /** Duration of a WITHIN qualifier, for callers sizing their windows. */
    public static Duration window(Qualifier.Within w) {
        return Duration.ofMillis(w.seconds().multiply(BigDecimal.valueOf(1000)).longValue());
    }
}
