package org.finres.sigma.match;

import org.finres.sigma.event.EventView;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds the rule variants an event can possibly match. Two levels key on the pipeline's index fields (for Windows:
 * Channel, then EventID) using the literal values of each variant's log-source conditions. Inside a bucket, variants
 * whose detection requires one of a few literals (a necessary condition derived from the condition tree: an exact
 * field value, or the file name after the last backslash for {@code endswith '\\name.exe'}) are found through
 * case-insensitive hash tables; the rest are always candidates. The index only narrows: every candidate is still
 * fully evaluated, so it can never cause a wrong match.
 */
public final class RuleIndex {

    /** A necessary literal: {@code path} equals {@code key}, or its part after the last backslash does. */
    record Atom(String path, boolean basename, String key) {}

    private static final class Bucket {
        final List<CompiledRule.Variant> always = new ArrayList<>();
        final Map<String, FoldedTable<CompiledRule.Variant>> exact = new LinkedHashMap<>();
        final Map<String, FoldedTable<CompiledRule.Variant>> basename = new LinkedHashMap<>();
        String[] exactPaths = new String[0];
        String[] basenamePaths = new String[0];

        void add(CompiledRule.Variant v, Set<Atom> atoms) {
            if (atoms == null) {
                always.add(v);
                return;
            }
            for (Atom a : atoms) {
                (a.basename() ? basename : exact).computeIfAbsent(a.path(), p -> new FoldedTable<>()).add(a.key(), v);
            }
        }

        void freeze() {
            exactPaths = exact.keySet().toArray(String[]::new);
            basenamePaths = basename.keySet().toArray(String[]::new);
        }
    }

    private static final class Level2 {
        final TreeMap<String, Bucket> byValue = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final Bucket any = new Bucket();
    }

    private final String field1;
    private final String field2;
    private final TreeMap<String, Level2> byValue = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Level2 any = new Level2();
    private final int variantCount;
    private int indexedByLiteral;

    public RuleIndex(List<CompiledRule.Variant> variants, List<String> indexFields) {
        this.field1 = indexFields.isEmpty() ? null : indexFields.get(0);
        this.field2 = indexFields.size() < 2 ? null : indexFields.get(1);
        this.variantCount = variants.size();
        for (CompiledRule.Variant v : variants) {
            Set<Atom> atoms = atoms(v.detection());
            if (atoms != null) indexedByLiteral++;
            List<String> v1 = keyValues(v, field1);
            List<String> v2 = keyValues(v, field2);
            for (Level2 l2 : level2s(v1)) {
                if (v2 == null) l2.any.add(v, atoms);
                else for (String k : v2) l2.byValue.computeIfAbsent(k, x -> new Bucket()).add(v, atoms);
            }
        }
        any.any.freeze();
        any.byValue.values().forEach(Bucket::freeze);
        for (Level2 l2 : byValue.values()) {
            l2.any.freeze();
            l2.byValue.values().forEach(Bucket::freeze);
        }
    }

    private List<Level2> level2s(List<String> values) {
        if (values == null) return List.of(any);
        List<Level2> out = new ArrayList<>();
        for (String k : values) out.add(byValue.computeIfAbsent(k, x -> new Level2()));
        return out;
    }

    private static List<String> keyValues(CompiledRule.Variant v, String field) {
        if (field == null || v.entry() == null) return null;
        return v.entry().conditions().get(field);
    }

    /** Variants indexed through a required literal rather than always evaluated (for statistics). */
    public int indexedByLiteral() { return indexedByLiteral; }

    public int size() { return variantCount; }

    /**
     * Adds the candidate variants for {@code e} to {@code out}, each once: {@code marks[variant number]} is set to
     * {@code stamp} when added, so the caller passes a fresh stamp per event and no set is allocated.
     */
    public void candidates(EventView e, int stamp, int[] marks, List<CompiledRule.Variant> out) {
        Level2 specific = null;
        if (field1 != null) {
            String k = key(e.field(field1));
            if (k != null) specific = byValue.get(k);
        }
        String k2 = null;
        if (field2 != null) k2 = key(e.field(field2));
        collect(any, k2, e, stamp, marks, out);
        if (specific != null) collect(specific, k2, e, stamp, marks, out);
    }

    private static String key(Object v) {
        return v instanceof String || v instanceof Number || v instanceof Boolean ? ValueTest.text(v) : null;
    }

    private void collect(Level2 l2, String k2, EventView e, int stamp, int[] marks, List<CompiledRule.Variant> out) {
        probe(l2.any, e, stamp, marks, out);
        if (k2 != null && !l2.byValue.isEmpty()) {
            Bucket b = l2.byValue.get(k2);
            if (b != null) probe(b, e, stamp, marks, out);
        }
    }

    private static void probe(Bucket b, EventView e, int stamp, int[] marks, List<CompiledRule.Variant> out) {
        for (CompiledRule.Variant v : b.always) add(v, stamp, marks, out);
        for (String path : b.exactPaths) {
            Object value = e.field(path);
            if (value instanceof List<?> list) {
                for (Object item : list) lookup(b.exact.get(path), item, false, stamp, marks, out);
            } else {
                lookup(b.exact.get(path), value, false, stamp, marks, out);
            }
        }
        for (String path : b.basenamePaths) {
            Object value = e.field(path);
            if (value instanceof List<?> list) {
                for (Object item : list) lookup(b.basename.get(path), item, true, stamp, marks, out);
            } else {
                lookup(b.basename.get(path), value, true, stamp, marks, out);
            }
        }
    }

    private static void lookup(FoldedTable<CompiledRule.Variant> table, Object value, boolean basename, int stamp,
                               int[] marks, List<CompiledRule.Variant> out) {
        if (value == null || value == EventView.JSON_NULL || value instanceof List) return;
        String s = ValueTest.text(value);
        int from = 0;
        if (basename) {
            int slash = s.lastIndexOf('\\');
            if (slash < 0) return;
            from = slash + 1;
        }
        List<CompiledRule.Variant> hits = table.get(s, from, s.length());
        if (hits != null) for (CompiledRule.Variant v : hits) add(v, stamp, marks, out);
    }

    private static void add(CompiledRule.Variant v, int stamp, int[] marks, List<CompiledRule.Variant> out) {
        if (marks[v.number()] != stamp) {
            marks[v.number()] = stamp;
            out.add(v);
        }
    }

    /**
     * A set of literals at least one of which the event must contain for {@code e} to match, or null when no such set
     * is known (then the variant is always a candidate).
     */
    static Set<Atom> atoms(Expr e) {
        return switch (e) {
            case Expr.And a -> {
                Set<Atom> best = null;
                for (Expr p : a.parts()) {
                    Set<Atom> s = atoms(p);
                    if (s != null && (best == null || s.size() < best.size())) best = s;
                }
                yield best;
            }
            case Expr.Or o -> {
                Set<Atom> union = new HashSet<>();
                for (Expr p : o.parts()) {
                    Set<Atom> s = atoms(p);
                    if (s == null) yield null;
                    union.addAll(s);
                }
                yield union;
            }
            case Expr.Field f -> {
                if (f.paths().length != 1) yield null;
                if (f.all()) {
                    for (ValueTest t : f.tests()) {
                        Set<Atom> s = atoms(f.paths()[0], t);
                        if (s != null) yield s;
                    }
                    yield null;
                }
                Set<Atom> union = new HashSet<>();
                for (ValueTest t : f.tests()) {
                    Set<Atom> s = atoms(f.paths()[0], t);
                    if (s == null) yield null;
                    union.addAll(s);
                }
                yield union;
            }
            case Expr.Const c -> c.value() ? null : Set.of();
            case Expr.Not n -> null;
            case Expr.FieldNull n -> null;
            case Expr.FieldExists x -> null;
            case Expr.Keywords k -> null;
        };
    }

    private static Set<Atom> atoms(String path, ValueTest t) {
        return switch (t) {
            case ValueTest.Text x when x.kind() == ValueTest.TextKind.EXACT ->
                    Set.of(new Atom(path, false, x.cased() ? ValueTest.fold(x.literal()) : x.literal()));
            case ValueTest.Text x when x.kind() == ValueTest.TextKind.SUFFIX && isFileName(x.literal()) ->
                    Set.of(new Atom(path, true, ValueTest.fold(x.literal().substring(1))));
            case ValueTest.IntegerEquals i -> Set.of(new Atom(path, false, i.literal()));
            case ValueTest.AnyOf any -> {
                Set<Atom> union = new HashSet<>();
                for (ValueTest alt : any.alternatives()) {
                    Set<Atom> s = atoms(path, alt);
                    if (s == null) yield null;
                    union.addAll(s);
                }
                yield union;
            }
            default -> null;
        };
    }

    /** {@code \name} with no other backslash: the value's part after its last backslash must equal {@code name}. */
    private static boolean isFileName(String lit) {
        return lit.length() > 1 && lit.charAt(0) == '\\' && lit.indexOf('\\', 1) < 0;
    }
}
