package org.finres.sigma.match;

import org.finres.sigma.event.EventView;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Finds the rule variants an event can possibly match. Two levels key on the pipeline's index fields (for Windows:
 * Channel, then EventID) using the literal values of each variant's log-source conditions; each combination of keys
 * gets one {@link Probe} over every variant it can reach. Inside a probe, a variant whose detection requires one of a
 * set of literals (a necessary condition derived from the condition tree) is a candidate only when the event holds
 * one of them:
 * <ul>
 *   <li>an exact field value, or the file name after its last backslash (for {@code endswith '\\name.exe'}), through
 *   case-insensitive hash tables probed with the event's value;</li>
 *   <li>a substring of a field value ({@code contains}, {@code startswith}, {@code endswith}, the longest plain run
 *   of a wildcard pattern or of a regular expression's top level), through one {@link LiteralSearch} per field over every such literal of the probe;</li>
 *   <li>a substring of any value of the event (keywords), through one automaton over all leaf values.</li>
 * </ul>
 * The other variants are always candidates. The index only narrows: every candidate is still fully evaluated, so it
 * can never cause a wrong match; it can only miss one if a literal were not truly necessary, which is what the
 * derivation in {@link #atoms(Expr)} is careful about.
 */
public final class RuleIndex {

    /** How a necessary literal is looked for. */
    enum AtomKind { EXACT, BASENAME, SUBSTRING, KEYWORD }

    /**
     * A necessary literal. EXACT: the value of {@code paths} (the first present, as {@link Expr.Field} reads) equals
     * {@code key} ignoring case; BASENAME: its part after the last backslash does; SUBSTRING: it contains {@code key}
     * fold class by fold class; KEYWORD: some leaf value of the event does ({@code paths} empty). Keys of EXACT and
     * BASENAME are folded, keys of SUBSTRING and KEYWORD {@link LiteralSearch#canonical(String) canonical}.
     */
    record Atom(AtomKind kind, List<String> paths, String key) {}

    private record Entry(CompiledRule.Variant variant, Set<Atom> atoms) {}

    private static final class Bucket {
        final List<Entry> entries = new ArrayList<>();
    }

    private static final class Level2 {
        final TreeMap<String, Bucket> byValue = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final Bucket any = new Bucket();
    }

    /** Everything to check for one field (or field list) of the event. */
    private record FieldProbe(String[] paths, FoldedTable<CompiledRule.Variant> exact,
                              FoldedTable<CompiledRule.Variant> basename, LiteralSearch substrings, int literalBase) {}

    /** The candidates of one combination of index keys. */
    private record Probe(CompiledRule.Variant[] always, FieldProbe[] fields, LiteralSearch keywords,
                         int keywordBase) {}

    /** Probes by the second index key for one value (or no known value) of the first. */
    private record Dispatch(FoldedTable<Probe> byValue, Probe otherwise) {}

    private final String field1;
    private final String field2;
    private final FoldedTable<Dispatch> byField1 = new FoldedTable<>();
    private final Dispatch unknownField1;
    private final int variantCount;
    private final int indexedByLiteral;
    /** Per literal id (over all automata): the variants it is necessary for. */
    private final CompiledRule.Variant[][] literalVariants;
    private final int probeCount;
    private final long searchBytes;

    public RuleIndex(List<CompiledRule.Variant> variants, List<String> indexFields) {
        this.field1 = indexFields.isEmpty() ? null : indexFields.get(0);
        this.field2 = indexFields.size() < 2 ? null : indexFields.get(1);
        this.variantCount = variants.size();
        TreeMap<String, Level2> byValue = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Level2 any = new Level2();
        int literal = 0;
        for (CompiledRule.Variant v : variants) {
            Set<Atom> atoms = atoms(v.detection());
            if (atoms != null) literal++;
            Entry entry = new Entry(v, atoms);
            List<String> v1 = keyValues(v, field1);
            List<String> v2 = keyValues(v, field2);
            List<Level2> level2s = new ArrayList<>();
            if (v1 == null) level2s.add(any);
            else for (String k : v1) level2s.add(byValue.computeIfAbsent(k, x -> new Level2()));
            for (Level2 l2 : level2s) {
                if (v2 == null) l2.any.entries.add(entry);
                else for (String k : v2) l2.byValue.computeIfAbsent(k, x -> new Bucket()).entries.add(entry);
            }
        }
        this.indexedByLiteral = literal;

        ProbeBuilder builder = new ProbeBuilder();
        this.unknownField1 = dispatch(builder, any, null);
        for (Map.Entry<String, Level2> e : byValue.entrySet())
            byField1.add(ValueTest.fold(e.getKey()), dispatch(builder, any, e.getValue()));
        this.literalVariants = builder.literalVariants.toArray(CompiledRule.Variant[][]::new);
        this.probeCount = builder.probes;
        this.searchBytes = builder.bytes;
    }

    /** The probes for events whose first key selects {@code specific} (null: no known value). */
    private static Dispatch dispatch(ProbeBuilder builder, Level2 any, Level2 specific) {
        TreeSet<String> keys = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        keys.addAll(any.byValue.keySet());
        if (specific != null) keys.addAll(specific.byValue.keySet());
        FoldedTable<Probe> byValue = new FoldedTable<>();
        for (String k : keys) {
            List<Entry> entries = new ArrayList<>(any.any.entries);
            entries.addAll(entries(any.byValue.get(k)));
            if (specific != null) {
                entries.addAll(specific.any.entries);
                entries.addAll(entries(specific.byValue.get(k)));
            }
            byValue.add(ValueTest.fold(k), builder.build(entries));
        }
        List<Entry> otherwise = new ArrayList<>(any.any.entries);
        if (specific != null) otherwise.addAll(specific.any.entries);
        return new Dispatch(byValue, builder.build(otherwise));
    }

    private static List<Entry> entries(Bucket b) {
        return b == null ? List.of() : b.entries;
    }

    /** Builds probes, numbering the literals of all their automata in one sequence. */
    private static final class ProbeBuilder {
        final List<CompiledRule.Variant[]> literalVariants = new ArrayList<>();
        /** Searches are pure functions of their literal list, so probes with the same list share one. */
        final Map<List<String>, LiteralSearch> searches = new HashMap<>();
        int probes;
        long bytes;

        Probe build(List<Entry> entries) {
            probes++;
            List<CompiledRule.Variant> always = new ArrayList<>();
            Map<List<String>, FieldLiterals> byPaths = new LinkedHashMap<>();
            Map<String, Map<Integer, CompiledRule.Variant>> keywords = new LinkedHashMap<>();
            // Variants by number: their records compare deeply, which is slow and not what is meant here.
            Set<Integer> seen = new HashSet<>();
            for (Entry e : entries) {
                if (!seen.add(e.variant().number())) continue;
                if (e.atoms() == null) {
                    always.add(e.variant());
                    continue;
                }
                for (Atom a : e.atoms()) {
                    switch (a.kind()) {
                        case EXACT -> byPaths.computeIfAbsent(a.paths(), p -> new FieldLiterals()).exact.add(a.key(), e.variant());
                        case BASENAME -> byPaths.computeIfAbsent(a.paths(), p -> new FieldLiterals()).basename.add(a.key(), e.variant());
                        case SUBSTRING -> byPaths.computeIfAbsent(a.paths(), p -> new FieldLiterals()).substrings
                                .computeIfAbsent(a.key(), k -> new LinkedHashMap<>()).put(e.variant().number(), e.variant());
                        case KEYWORD -> keywords.computeIfAbsent(a.key(), k -> new LinkedHashMap<>()).put(e.variant().number(), e.variant());
                    }
                }
            }
            List<FieldProbe> fields = new ArrayList<>();
            byPaths.forEach((paths, lits) -> {
                int base = literalVariants.size();
                LiteralSearch automaton = automaton(lits.substrings);
                fields.add(new FieldProbe(paths.toArray(String[]::new), lits.exact.size() == 0 ? null : lits.exact,
                        lits.basename.size() == 0 ? null : lits.basename, automaton, base));
            });
            int keywordBase = literalVariants.size();
            LiteralSearch keywordAutomaton = automaton(keywords);
            return new Probe(always.toArray(CompiledRule.Variant[]::new), fields.toArray(FieldProbe[]::new),
                    keywordAutomaton, keywordBase);
        }

        private LiteralSearch automaton(Map<String, Map<Integer, CompiledRule.Variant>> literals) {
            if (literals.isEmpty()) return null;
            for (Map<Integer, CompiledRule.Variant> vs : literals.values()) literalVariants.add(vs.values().toArray(CompiledRule.Variant[]::new));
            LiteralSearch a = searches.get(List.copyOf(literals.keySet()));
            if (a != null) return a;
            a = LiteralSearch.of(List.copyOf(literals.keySet()));
            searches.put(List.copyOf(literals.keySet()), a);
            bytes += a.size();
            return a;
        }
    }

    private static final class FieldLiterals {
        final FoldedTable<CompiledRule.Variant> exact = new FoldedTable<>();
        final FoldedTable<CompiledRule.Variant> basename = new FoldedTable<>();
        final Map<String, Map<Integer, CompiledRule.Variant>> substrings = new LinkedHashMap<>();
    }

    private static List<String> keyValues(CompiledRule.Variant v, String field) {
        if (field == null || v.entry() == null) return null;
        return v.entry().conditions().get(field);
    }

    /** Variants indexed through a required literal rather than always evaluated (for statistics). */
    public int indexedByLiteral() { return indexedByLiteral; }

    public int size() { return variantCount; }

    /** Statistics for the load report and benchmarks: probes, literals and automaton states. */
    public String describe() {
        return probeCount + " probes, " + literalVariants.length + " literals, " + searchBytes / 1024 + " KiB of literal searches";
    }

    /** Per-stream scratch space for {@link #candidates(EventView, Candidates)}; not thread-safe. */
    public Candidates newCandidates() {
        return new Candidates(this, variantCount, literalVariants.length);
    }

    /**
     * The candidate variants of one event, each once. Marks are stamps rather than booleans so that nothing is cleared
     * between events; the list is reused, so it is valid until the next call.
     */
    public static final class Candidates implements LiteralSearch.Sink {
        private final int[] variantMarks;
        private final int[] literalMarks;
        private final List<CompiledRule.Variant> out = new ArrayList<>();
        private final Predicate<Object> leafScanner = this::scanLeaf;
        private int stamp;
        private CompiledRule.Variant[][] literalVariants;
        private int literalBase;
        private LiteralSearch leafSearch;
        private char[] text = new char[256];

        private final RuleIndex owner;

        private Candidates(RuleIndex owner, int variants, int literals) {
            this.owner = owner;
            this.variantMarks = new int[variants];
            this.literalMarks = new int[literals];
        }

        private void start(CompiledRule.Variant[][] variantsOfLiterals) {
            if (++stamp == 0) {
                Arrays.fill(variantMarks, 0);
                Arrays.fill(literalMarks, 0);
                stamp = 1;
            }
            literalVariants = variantsOfLiterals;
            out.clear();
        }

        void add(CompiledRule.Variant v) {
            if (variantMarks[v.number()] != stamp) {
                variantMarks[v.number()] = stamp;
                out.add(v);
            }
        }

        @Override
        public void found(int literal) {
            int id = literalBase + literal;
            if (literalMarks[id] == stamp) return;
            literalMarks[id] = stamp;
            for (CompiledRule.Variant v : literalVariants[id]) add(v);
        }

        private boolean scanLeaf(Object value) {
            scan(leafSearch, ValueTest.text(value));
            return false;
        }

        void scan(LiteralSearch search, String s) {
            switch (search) {
                // Reads a fraction of the chars, in place.
                case LiteralSkipSearch skip -> skip.scan(s, this);
                // Reads every char: from a copy in the reused buffer, as array reads are cheaper than charAt.
                case LiteralAutomaton automaton -> {
                    int n = s.length();
                    if (n > text.length) text = new char[Math.max(n, text.length * 2)];
                    s.getChars(0, n, text, 0);
                    automaton.scan(text, n, this);
                }
            }
        }
    }

    /** The candidate variants for {@code e}, each once, in {@code scratch}'s reused list. */
    public List<CompiledRule.Variant> candidates(EventView e, Candidates scratch) {
        if (scratch.owner != this) throw new IllegalArgumentException("scratch space of another index");
        scratch.start(literalVariants);
        Dispatch d = unknownField1;
        if (field1 != null) {
            String k = key(e.field(field1));
            if (k != null) {
                List<Dispatch> found = byField1.get(k, 0, k.length());
                if (found != null) d = found.getFirst();
            }
        }
        Probe probe = d.otherwise();
        if (field2 != null && d.byValue().size() > 0) {
            String k2 = key(e.field(field2));
            if (k2 != null) {
                List<Probe> found = d.byValue().get(k2, 0, k2.length());
                if (found != null) probe = found.getFirst();
            }
        }
        probe(probe, e, scratch);
        return scratch.out;
    }

    /**
     * Adds the candidate variants for {@code e} to {@code out}, each once: {@code marks[variant number]} is set to
     * {@code stamp} when added, so the caller passes a fresh stamp per event and no set is allocated. Kept for callers
     * of the first version; {@link #candidates(EventView, Candidates)} reuses its scratch space.
     */
    public void candidates(EventView e, int stamp, int[] marks, List<CompiledRule.Variant> out) {
        for (CompiledRule.Variant v : candidates(e, newCandidates())) {
            if (marks[v.number()] != stamp) {
                marks[v.number()] = stamp;
                out.add(v);
            }
        }
    }

    private static String key(Object v) {
        return v instanceof String || v instanceof Number || v instanceof Boolean ? ValueTest.text(v) : null;
    }

    private static void probe(Probe p, EventView e, Candidates c) {
        for (CompiledRule.Variant v : p.always()) c.add(v);
        for (FieldProbe f : p.fields()) {
            Object value = Expr.read(e, f.paths());
            if (value == null || value == EventView.JSON_NULL) continue;
            c.literalBase = f.literalBase();
            if (value instanceof List<?> list) {
                for (Object item : list) if (item != EventView.JSON_NULL && !(item instanceof List)) lookup(f, item, c);
            } else {
                lookup(f, value, c);
            }
        }
        if (p.keywords() != null) {
            c.literalBase = p.keywordBase();
            c.leafSearch = p.keywords();
            e.anyValue(c.leafScanner);
        }
    }

    private static void lookup(FieldProbe f, Object value, Candidates c) {
        String s = ValueTest.text(value);
        if (f.exact() != null) add(f.exact().get(s, 0, s.length()), c);
        if (f.basename() != null) {
            int slash = s.lastIndexOf('\\');
            if (slash >= 0) add(f.basename().get(s, slash + 1, s.length()), c);
        }
        if (f.substrings() != null) c.scan(f.substrings(), s);
    }

    private static void add(List<CompiledRule.Variant> hits, Candidates c) {
        if (hits != null) for (CompiledRule.Variant v : hits) c.add(v);
    }

    // ------------------------------------------------------------------------------------- necessary literals

    /**
     * A set of literals at least one of which the event must hold for {@code e} to match, or null when no such set
     * is known (then the variant is always a candidate). Of several sets that would do (the operands of an AND), the
     * one least likely to be present by chance is kept ({@link #weight(Set)}).
     */
    static Set<Atom> atoms(Expr e) {
        return switch (e) {
            case Expr.And a -> {
                Set<Atom> best = null;
                for (Expr p : a.parts()) {
                    Set<Atom> s = atoms(p);
                    if (s != null && (best == null || weight(s) < weight(best))) best = s;
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
            case Expr.Field f -> values(List.of(f.paths()), f.tests(), f.all(), false);
            case Expr.Keywords k -> values(List.of(), k.tests(), k.all(), true);
            case Expr.Const c -> c.value() ? null : Set.of();
            case Expr.Not n -> null;
            case Expr.FieldNull n -> null;
            case Expr.FieldExists x -> null;
        };
    }

    /** Tests OR-ed (or AND-ed when {@code all}) over one value: the union of theirs, or the best one's. */
    private static Set<Atom> values(List<String> paths, ValueTest[] tests, boolean all, boolean keyword) {
        if (all) {
            Set<Atom> best = null;
            for (ValueTest t : tests) {
                Set<Atom> s = atoms(paths, t, keyword);
                if (s != null && (best == null || weight(s) < weight(best))) best = s;
            }
            return best;
        }
        Set<Atom> union = new HashSet<>();
        for (ValueTest t : tests) {
            Set<Atom> s = atoms(paths, t, keyword);
            if (s == null) return null;
            union.addAll(s);
        }
        return union;
    }

    private static Set<Atom> atoms(List<String> paths, ValueTest t, boolean keyword) {
        return switch (t) {
            case ValueTest.Text x when x.kind() == ValueTest.TextKind.EXACT && !keyword ->
                    Set.of(new Atom(AtomKind.EXACT, paths, x.cased() ? ValueTest.fold(x.literal()) : x.literal()));
            case ValueTest.Text x when x.kind() == ValueTest.TextKind.SUFFIX && !keyword && isFileName(x.literal()) ->
                    Set.of(new Atom(AtomKind.BASENAME, paths, ValueTest.fold(x.literal().substring(1))));
            case ValueTest.Text x -> substring(paths, x.literal(), keyword);
            case ValueTest.IntegerEquals i -> {
                // Long values compare numerically (05 equals 5), so the number's own text is a key as well.
                Set<String> texts = new LinkedHashSet<>(List.of(i.literal(), Long.toString(i.number())));
                Set<Atom> out = new HashSet<>();
                for (String s : texts) {
                    if (keyword) out.addAll(substring(paths, s, true));
                    else out.add(new Atom(AtomKind.EXACT, paths, ValueTest.fold(s)));
                }
                yield out;
            }
            case ValueTest.ContainsAny any -> {
                Set<Atom> union = new HashSet<>();
                for (String lit : any.literals()) {
                    Set<Atom> s = substring(paths, lit, keyword);
                    if (s == null) yield null;
                    union.addAll(s);
                }
                yield union;
            }
            case ValueTest.Glob g -> substring(paths, g.longestPlainRun(), keyword);
            case ValueTest.AnyOf any -> {
                Set<Atom> union = new HashSet<>();
                for (ValueTest alt : any.alternatives()) {
                    Set<Atom> s = atoms(paths, alt, keyword);
                    if (s == null) yield null;
                    union.addAll(s);
                }
                yield union;
            }
            case ValueTest.Regex r -> substring(paths, RegexLiteral.required(r.pattern()), keyword);
            case ValueTest.Cidr c -> null;
            case ValueTest.Numeric n -> null;
            case ValueTest.FieldRef f -> null;
            case ValueTest.Not n -> null;
        };
    }

    /** Literals are cut to their last this many chars. */
    private static final int MAX_LITERAL = 16;

    /** The empty literal is in every value, so it narrows nothing. */
    private static Set<Atom> substring(List<String> paths, String literal, boolean keyword) {
        if (literal.isEmpty()) return null;
        // Any part of a necessary literal is necessary too: the tail keeps automata small (hash lists) and selective.
        String key = LiteralSearch.canonical(literal.length() > MAX_LITERAL ? literal.substring(literal.length() - MAX_LITERAL) : literal);
        return Set.of(new Atom(keyword ? AtomKind.KEYWORD : AtomKind.SUBSTRING, paths, key));
    }

    /**
     * How likely a set of literals is to be present by chance, roughly: exact values and file names are selective,
     * substrings the more the longer they are, keywords (searched in every value) less so.
     */
    static long weight(Set<Atom> atoms) {
        long w = 0;
        for (Atom a : atoms) {
            long one = switch (a.kind()) {
                case EXACT, BASENAME -> 1;
                case SUBSTRING -> 1L << Math.max(0, 8 - a.key().length());
                case KEYWORD -> 2L << Math.max(0, 8 - a.key().length());
            };
            if (a.kind() == AtomKind.SUBSTRING || a.kind() == AtomKind.KEYWORD) {
                for (String common : UBIQUITOUS) {
                    if (a.key().contains(common)) {
                        one <<= 8;
                        break;
                    }
                }
            }
            w += one;
        }
        return w;
    }

    /**
     * Substrings found in most Windows events' values, whatever their length: a rule requiring both "powershell" and
     * a registry path should be reached through the path. Only a preference between necessary sets; never a
     * question of correctness.
     */
    private static final List<String> UBIQUITOUS = List.of("powershell", "windows", "system32", "microsoft",
            "program files", ".exe", ".dll", "c:\\", "\\users\\", "svchost", "cmd");

    /** {@code \name} with no other backslash: the value's part after its last backslash must equal {@code name}. */
    private static boolean isFileName(String lit) {
        return lit.length() > 1 && lit.charAt(0) == '\\' && lit.indexOf('\\', 1) < 0;
    }
}
