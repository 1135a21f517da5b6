package org.finres.sigma.match;

import org.finres.sigma.mapping.LogSourceMapping;
import org.finres.sigma.mapping.Pipeline;
import org.finres.sigma.rule.Condition;
import org.finres.sigma.rule.Detection;
import org.finres.sigma.rule.DetectionItem;
import org.finres.sigma.rule.Modifier;
import org.finres.sigma.rule.RuleParser;
import org.finres.sigma.rule.SigmaRuleException;
import org.finres.sigma.rule.SigmaValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns a detection into an {@link Expr} for one log-source entry of a pipeline: resolves the condition (quantified
 * patterns included), maps field names, and applies the modifiers in the order written. Semantic problems (bad
 * combinations, bad regular expressions or networks, unknown placeholders) are reported as
 * {@link SigmaRuleException} at the detection item's line.
 */
public final class DetectionCompiler {

    private static final Set<Modifier> STRING_MODIFIERS = EnumSet.of(Modifier.CONTAINS, Modifier.STARTSWITH,
            Modifier.ENDSWITH, Modifier.WINDASH, Modifier.BASE64, Modifier.BASE64OFFSET, Modifier.UTF16LE,
            Modifier.UTF16BE, Modifier.UTF16, Modifier.WIDE, Modifier.CASED, Modifier.NEQ, Modifier.ALL,
            Modifier.EXPAND);
    private static final Set<Modifier> REGEX_MODIFIERS = EnumSet.of(Modifier.RE, Modifier.RE_I, Modifier.RE_M,
            Modifier.RE_S, Modifier.NEQ, Modifier.ALL, Modifier.CASED);
    private static final Set<Modifier> CIDR_MODIFIERS = EnumSet.of(Modifier.CIDR, Modifier.NEQ, Modifier.ALL);
    private static final Set<Modifier> FIELDREF_MODIFIERS = EnumSet.of(Modifier.FIELDREF, Modifier.CONTAINS,
            Modifier.STARTSWITH, Modifier.ENDSWITH, Modifier.CASED, Modifier.NEQ, Modifier.ALL);
    private static final int MAX_EXPANSION = 4096;

    // Tokens of a parsed Sigma string: chars are >= 0.
    private static final int STAR = -10;
    private static final int QMARK = -11;
    private static final int DASH = -12;

    private final Pipeline pipeline;
    private final String source;

    public DetectionCompiler(Pipeline pipeline, String source) {
        this.pipeline = pipeline;
        this.source = source;
    }

    /** The detection under one pipeline entry (null: no entry, global field map only). */
    public Expr compile(Detection detection, LogSourceMapping entry) {
        Map<String, Expr> cache = new HashMap<>();
        return condition(detection.condition(), detection, entry, cache);
    }

    /** The predicate of an entry's conditions: each field equals one of its values, case-insensitively. */
    public static Expr conditions(LogSourceMapping entry) {
        if (entry == null || entry.conditions().isEmpty()) return new Expr.Const(true);
        List<Expr> parts = new ArrayList<>();
        entry.conditions().forEach((field, values) -> {
            ValueTest[] tests = new ValueTest[values.size()];
            for (int i = 0; i < tests.length; i++) tests[i] = exact(values.get(i), false);
            parts.add(new Expr.Field(field, new String[] {field}, tests, false));
        });
        return parts.size() == 1 ? parts.getFirst() : new Expr.And(parts.toArray(Expr[]::new));
    }

    private Expr condition(Condition c, Detection d, LogSourceMapping entry, Map<String, Expr> cache) {
        return switch (c) {
            case Condition.Identifier id -> identifier(id.name(), d, entry, cache);
            case Condition.And a -> new Expr.And(cheapFirst(a.operands().stream()
                    .map(o -> condition(o, d, entry, cache)).toArray(Expr[]::new)));
            case Condition.Or o -> new Expr.Or(o.operands().stream()
                    .map(x -> condition(x, d, entry, cache)).toArray(Expr[]::new));
            case Condition.Not n -> new Expr.Not(condition(n.operand(), d, entry, cache));
            case Condition.Quantified q -> {
                List<String> names = RuleParser.resolvePattern(q, d.identifiers().keySet());
                if (names.isEmpty())
                    throw SigmaRuleException.invalid(source, 0, 0, "pattern '" + q.pattern() + "' matches no search identifier");
                Expr[] parts = names.stream().map(n -> identifier(n, d, entry, cache)).toArray(Expr[]::new);
                yield parts.length == 1 ? parts[0]
                        : q.quantifier() == Condition.Quantifier.ALL ? new Expr.And(parts) : new Expr.Or(parts);
            }
        };
    }

    private Expr identifier(String name, Detection d, LogSourceMapping entry, Map<String, Expr> cache) {
        Expr e = cache.get(name);
        if (e != null) return e;
        DetectionItem item = d.identifiers().get(name);
        if (item == null) throw SigmaRuleException.invalid(source, 0, 0, "undefined search identifier '" + name + "'");
        e = item(item, entry);
        cache.put(name, e);
        return e;
    }

    private Expr item(DetectionItem item, LogSourceMapping entry) {
        return switch (item) {
            case DetectionItem.FieldItem f -> field(f, entry);
            case DetectionItem.Keywords k -> keywords(k);
            case DetectionItem.AllOf a -> new Expr.And(cheapFirst(a.items().stream().map(i -> item(i, entry)).toArray(Expr[]::new)));
            case DetectionItem.AnyOf a -> new Expr.Or(a.items().stream().map(i -> item(i, entry)).toArray(Expr[]::new));
        };
    }

    private Expr field(DetectionItem.FieldItem f, LogSourceMapping entry) {
        String[] paths = pipeline.eventFields(f.field(), entry).toArray(String[]::new);
        List<Modifier> mods = f.modifiers();
        Loc at = new Loc(f.line(), f.column());
        if (f.values().size() == 1 && f.values().getFirst() instanceof SigmaValue.SigmaNull) {
            if (!mods.isEmpty()) throw at.invalid("null cannot be combined with modifiers");
            return new Expr.FieldNull(f.field(), paths);
        }
        if (mods.contains(Modifier.EXISTS)) {
            if (mods.size() != 1) throw at.invalid("'exists' cannot be combined with other modifiers");
            if (f.values().size() != 1 || !(f.values().getFirst() instanceof SigmaValue.SigmaBoolean b))
                throw at.invalid("'exists' takes a single true or false");
            return new Expr.FieldExists(f.field(), paths, b.value());
        }
        boolean all = mods.contains(Modifier.ALL);
        if (all && f.values().size() < 2) throw at.invalid("'all' needs a list of at least two values");
        ValueTest[] tests = new ValueTest[f.values().size()];
        for (int i = 0; i < tests.length; i++) tests[i] = value(mods, f.values().get(i), at, entry);
        return new Expr.Field(f.field(), paths, all ? tests : mergeContains(tests), all);
    }

    private Expr keywords(DetectionItem.Keywords k) {
        Loc at = new Loc(k.line(), k.column());
        List<Modifier> mods = k.modifiers();
        for (Modifier m : mods)
            if (m == Modifier.EXISTS || m == Modifier.FIELDREF || m == Modifier.NEQ)
                throw at.invalid("'" + m.token() + "' needs a field; keywords have none");
        boolean all = mods.contains(Modifier.ALL);
        if (all && k.values().size() < 2) throw at.invalid("'all' needs a list of at least two values");
        // A keyword is looked for anywhere in a value: plain keywords get implicit wildcards (full-text semantics).
        List<Modifier> effective = new ArrayList<>(mods);
        boolean typed = mods.stream().anyMatch(m -> m == Modifier.RE || m == Modifier.CIDR || m.isComparison() || m.isTimePart());
        boolean positioned = mods.contains(Modifier.CONTAINS) || mods.contains(Modifier.STARTSWITH) || mods.contains(Modifier.ENDSWITH);
        if (!typed && !positioned) effective.add(Modifier.CONTAINS);
        ValueTest[] tests = new ValueTest[k.values().size()];
        for (int i = 0; i < tests.length; i++) {
            SigmaValue v = k.values().get(i);
            if (v instanceof SigmaValue.SigmaNull) throw at.invalid("a keyword cannot be null");
            tests[i] = value(effective, v, at, null);
        }
        return new Expr.Keywords(all ? tests : mergeContains(tests), all);
    }

    /** OR-ed substring tests become one single-pass {@link ValueTest.ContainsAny}; the other tests stay. */
    private static ValueTest[] mergeContains(ValueTest[] tests) {
        List<String> literals = new ArrayList<>();
        List<ValueTest> rest = new ArrayList<>();
        for (ValueTest t : tests) {
            if (t instanceof ValueTest.Text x && x.kind() == ValueTest.TextKind.CONTAINS && !x.cased()) literals.add(x.literal());
            else rest.add(t);
        }
        if (literals.size() < 2) return tests;
        rest.addFirst(new ValueTest.ContainsAny(literals.toArray(String[]::new)));
        return rest.toArray(ValueTest[]::new);
    }

    /**
     * AND has no side effects, so its operands may run in any order: field look-ups first, full-event keyword searches
     * and regular expressions last, so that a cheap mismatch ends the evaluation early.
     */
    static Expr[] cheapFirst(Expr[] parts) {
        Expr[] sorted = parts.clone();
        java.util.Arrays.sort(sorted, java.util.Comparator.comparingInt(DetectionCompiler::cost));
        return sorted;
    }

    static int cost(Expr e) {
        return switch (e) {
            case Expr.Const c -> 0;
            case Expr.FieldNull n -> 1;
            case Expr.FieldExists x -> 1;
            case Expr.Field f -> {
                int c = 2;
                for (ValueTest t : f.tests()) if (t instanceof ValueTest.Regex || t instanceof ValueTest.AnyOf) c += 5;
                yield Math.min(c, 20);
            }
            case Expr.Keywords k -> 100;
            case Expr.Not n -> cost(n.inner());
            case Expr.And a -> Math.min(1000, java.util.Arrays.stream(a.parts()).mapToInt(DetectionCompiler::cost).sum());
            case Expr.Or o -> Math.min(1000, java.util.Arrays.stream(o.parts()).mapToInt(DetectionCompiler::cost).sum());
        };
    }

    // ---------------------------------------------------------------------------------------------- values

    private ValueTest value(List<Modifier> mods, SigmaValue v, Loc at, LogSourceMapping entry) {
        if (v instanceof SigmaValue.SigmaNull) throw at.invalid("null cannot be part of a list of values");
        boolean neq = mods.contains(Modifier.NEQ);
        ValueTest t;
        if (mods.contains(Modifier.RE)) {
            t = regex(mods, v, at);
        } else if (mods.contains(Modifier.CIDR)) {
            only(mods, CIDR_MODIFIERS, "cidr", at);
            t = cidr(v, at);
        } else if (mods.contains(Modifier.FIELDREF)) {
            only(mods, FIELDREF_MODIFIERS, "fieldref", at);
            t = fieldref(mods, v, entry, at);
        } else if (mods.stream().anyMatch(m -> m.isComparison() || m.isTimePart())) {
            t = numeric(mods, v, at);
        } else {
            for (Modifier m : mods) {
                if (m.isRegexFlag()) throw at.invalid("'" + m.token() + "' is a sub-modifier of 're' and needs it first");
                if (!STRING_MODIFIERS.contains(m)) throw at.invalid("'" + m.token() + "' cannot be used here");
            }
            t = string(mods, v, at);
        }
        return neq ? new ValueTest.Not(t) : t;
    }

    private void only(List<Modifier> mods, Set<Modifier> allowed, String main, Loc at) {
        for (Modifier m : mods)
            if (!allowed.contains(m)) throw at.invalid("'" + m.token() + "' cannot be combined with '" + main + "'");
    }

    private ValueTest regex(List<Modifier> mods, SigmaValue v, Loc at) {
        only(mods, REGEX_MODIFIERS, "re", at);
        int re = mods.indexOf(Modifier.RE);
        int flags = 0;
        for (int i = 0; i < mods.size(); i++) {
            Modifier m = mods.get(i);
            if (m.isRegexFlag() && i < re) throw at.invalid("'" + m.token() + "' must come after 're'");
            if (m == Modifier.RE_I) flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
            if (m == Modifier.RE_M) flags |= Pattern.MULTILINE;
            if (m == Modifier.RE_S) flags |= Pattern.DOTALL;
        }
        if (v instanceof SigmaValue.SigmaBoolean) throw at.invalid("'re' needs a string value");
        try {
            return new ValueTest.Regex(Pattern.compile(v.text(), flags));
        } catch (PatternSyntaxException | StackOverflowError e) {
            String why = e instanceof PatternSyntaxException p ? p.getDescription() + " near index " + p.getIndex() : "too complex";
            throw at.invalid("invalid regular expression '" + v.text() + "': " + why);
        }
    }

    private ValueTest cidr(SigmaValue v, Loc at) {
        String s = v.text().trim();
        int slash = s.indexOf('/');
        byte[] addr = IpAddress.parse(slash < 0 ? s : s.substring(0, slash));
        if (addr == null) throw at.invalid("'" + s + "' is not an IPv4 or IPv6 network");
        int max = addr.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw at.invalid("'" + s + "' has an invalid prefix length");
            }
            if (prefix < 0 || prefix > max) throw at.invalid("'" + s + "' has a prefix length outside 0.." + max);
        }
        return new ValueTest.Cidr(addr, prefix, s);
    }

    private ValueTest fieldref(List<Modifier> mods, SigmaValue v, LogSourceMapping entry, Loc at) {
        ValueTest.TextKind kind = ValueTest.TextKind.EXACT;
        int positional = 0;
        for (Modifier m : mods) {
            switch (m) {
                case CONTAINS -> { kind = ValueTest.TextKind.CONTAINS; positional++; }
                case STARTSWITH -> { kind = ValueTest.TextKind.PREFIX; positional++; }
                case ENDSWITH -> { kind = ValueTest.TextKind.SUFFIX; positional++; }
                default -> { }
            }
        }
        if (positional > 1) throw at.invalid("only one of contains, startswith, endswith may be used with 'fieldref'");
        if (!(v instanceof SigmaValue.SigmaString) || v.text().isEmpty()) throw at.invalid("'fieldref' needs a field name");
        String[] other = pipeline.eventFields(v.text(), entry).toArray(String[]::new);
        return new ValueTest.FieldRef(other, kind, mods.contains(Modifier.CASED));
    }

    private ValueTest numeric(List<Modifier> mods, SigmaValue v, Loc at) {
        ValueTest.Compare op = ValueTest.Compare.EQ;
        ValueTest.TimePart part = null;
        int comparisons = 0;
        for (Modifier m : mods) {
            switch (m) {
                case LT -> { op = ValueTest.Compare.LT; comparisons++; }
                case LTE -> { op = ValueTest.Compare.LTE; comparisons++; }
                case GT -> { op = ValueTest.Compare.GT; comparisons++; }
                case GTE -> { op = ValueTest.Compare.GTE; comparisons++; }
                case MINUTE, HOUR, DAY, WEEK, MONTH, YEAR -> {
                    if (part != null) throw at.invalid("only one time modifier may be used");
                    if (comparisons > 0) throw at.invalid("the time modifier must come before the comparison");
                    part = ValueTest.TimePart.valueOf(m.name());
                }
                case NEQ, ALL -> { }
                default -> throw at.invalid("'" + m.token() + "' cannot be combined with numeric comparisons");
            }
        }
        if (comparisons > 1) throw at.invalid("only one of lt, lte, gt, gte may be used");
        if (comparisons == 1 && mods.contains(Modifier.NEQ)) throw at.invalid("'neq' cannot be combined with lt, lte, gt, gte");
        if (v instanceof SigmaValue.SigmaBoolean) throw at.invalid("a number is expected, found '" + v.text() + "'");
        double limit;
        try {
            limit = Double.parseDouble(v.text().trim());
        } catch (NumberFormatException e) {
            throw at.invalid("a number is expected, found '" + v.text() + "'");
        }
        if (Double.isNaN(limit)) throw at.invalid("a number is expected, found '" + v.text() + "'");
        return new ValueTest.Numeric(op, limit, part);
    }

    // --------------------------------------------------------------------------------------------- strings

    /** A value being transformed: a token string (chars and wildcards) or raw bytes after an encoding modifier. */
    private record Work(int[] tokens, byte[] bytes) {}

    private ValueTest string(List<Modifier> mods, SigmaValue v, Loc at) {
        boolean cased = mods.contains(Modifier.CASED);
        List<String> raws = mods.contains(Modifier.EXPAND) ? expand(v.text(), at) : List.of(v.text());
        boolean plainText = v instanceof SigmaValue.SigmaString;
        List<ValueTest> out = new ArrayList<>();
        for (String raw : raws) {
            // Numbers and booleans are literal text; only strings carry wildcards and escapes.
            List<Work> works = new ArrayList<>();
            works.add(new Work(plainText || mods.contains(Modifier.EXPAND) ? parseWildcards(raw) : literal(raw), null));
            for (Modifier m : mods) works = apply(m, works, at);
            for (Work w : works) {
                int[] tokens = w.bytes() != null ? literal(new String(w.bytes(), StandardCharsets.ISO_8859_1)) : w.tokens();
                out.add(compileTokens(tokens, cased));
            }
        }
        if (v instanceof SigmaValue.SigmaNumber && out.size() == 1 && mods.isEmpty()) {
            try {
                return new ValueTest.IntegerEquals(Long.parseLong(v.text().trim()), v.text().trim());
            } catch (NumberFormatException notAnInteger) {
                // falls through to the text comparison
            }
        }
        return out.size() == 1 ? out.getFirst() : new ValueTest.AnyOf(out.toArray(ValueTest[]::new));
    }

    private List<Work> apply(Modifier m, List<Work> works, Loc at) {
        List<Work> out = new ArrayList<>(works.size());
        for (Work w : works) {
            switch (m) {
                case CONTAINS, STARTSWITH, ENDSWITH -> {
                    int[] t = tokensOf(w, m, at);
                    boolean front = m != Modifier.STARTSWITH && (t.length == 0 || t[0] != STAR);
                    boolean back = m != Modifier.ENDSWITH && (t.length == 0 || t[t.length - 1] != STAR);
                    int[] r = new int[t.length + (front ? 1 : 0) + (back ? 1 : 0)];
                    if (front) r[0] = STAR;
                    System.arraycopy(t, 0, r, front ? 1 : 0, t.length);
                    if (back) r[r.length - 1] = STAR;
                    out.add(new Work(r, null));
                }
                case WINDASH -> {
                    int[] t = tokensOf(w, m, at).clone();
                    for (int i = 0; i < t.length; i++) if (t[i] >= 0 && ValueTest.Glob.isDash((char) t[i])) t[i] = DASH;
                    out.add(new Work(t, null));
                }
                case UTF16LE, WIDE, UTF16BE, UTF16 -> {
                    String s = plain(tokensOf(w, m, at), m, at);
                    byte[] b = switch (m) {
                        case UTF16BE -> s.getBytes(StandardCharsets.UTF_16BE);
                        case UTF16 -> concat(new byte[] {(byte) 0xff, (byte) 0xfe}, s.getBytes(StandardCharsets.UTF_16LE));
                        default -> s.getBytes(StandardCharsets.UTF_16LE);
                    };
                    out.add(new Work(null, b));
                }
                case BASE64 -> out.add(new Work(literal(Base64.getEncoder().encodeToString(bytesOf(w, m, at))), null));
                case BASE64OFFSET -> {
                    byte[] b = bytesOf(w, m, at);
                    // Same three shifts as pySigma: the encoding of the value at offsets 0, 1 and 2 of a 3-byte group,
                    // trimmed of the characters that depend on the unknown neighbouring bytes.
                    int[] startOffsets = {0, 2, 3};
                    int[] endOffsets = {0, -3, -2};
                    for (int i = 0; i < 3; i++) {
                        byte[] padded = concat(new byte[i], b);
                        for (int k = 0; k < i; k++) padded[k] = ' ';
                        String enc = Base64.getEncoder().encodeToString(padded);
                        int end = endOffsets[(b.length + i) % 3];
                        int stop = end == 0 ? enc.length() : enc.length() + end;
                        if (stop > startOffsets[i]) out.add(new Work(literal(enc.substring(startOffsets[i], stop)), null));
                    }
                }
                case CASED, NEQ, ALL, EXPAND -> out.add(w);
                default -> throw at.invalid("'" + m.token() + "' cannot be used on strings");
            }
        }
        if (out.size() > MAX_EXPANSION) throw at.invalid("value expands to more than " + MAX_EXPANSION + " alternatives");
        return out;
    }

    private int[] tokensOf(Work w, Modifier m, Loc at) {
        if (w.tokens() == null)
            throw at.invalid("'" + m.token() + "' cannot follow an encoding modifier; put it after base64/base64offset");
        return w.tokens();
    }

    private byte[] bytesOf(Work w, Modifier m, Loc at) {
        return w.bytes() != null ? w.bytes() : plain(w.tokens(), m, at).getBytes(StandardCharsets.UTF_8);
    }

    private String plain(int[] tokens, Modifier m, Loc at) {
        StringBuilder b = new StringBuilder(tokens.length);
        for (int t : tokens) {
            if (t < 0) throw at.invalid("'" + m.token() + "' cannot encode a value with wildcards (apply contains/startswith/endswith after it)");
            b.append((char) t);
        }
        return b.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** Sigma string escapes: {@code \*}, {@code \?} and {@code \\} escape; any other backslash is literal. */
    static int[] parseWildcards(String raw) {
        int[] out = new int[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(i + 1);
                if (next == '*' || next == '?' || next == '\\') {
                    out[n++] = next;
                    i++;
                    continue;
                }
            }
            out[n++] = c == '*' ? STAR : c == '?' ? QMARK : c;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static int[] literal(String s) {
        int[] out = new int[s.length()];
        for (int i = 0; i < s.length(); i++) out[i] = s.charAt(i);
        return out;
    }

    /** Chooses the cheapest test for a token string: exact, prefix, suffix, substring, or a general glob. */
    private static ValueTest compileTokens(int[] tokens, boolean cased) {
        int stars = 0;
        boolean special = false;
        for (int t : tokens) {
            if (t == STAR) stars++;
            else if (t < 0) special = true;
        }
        boolean lead = tokens.length > 0 && tokens[0] == STAR;
        boolean trail = tokens.length > 0 && tokens[tokens.length - 1] == STAR && (tokens.length > 1 || !lead);
        int innerStars = stars - (lead ? 1 : 0) - (trail ? 1 : 0);
        if (!special && innerStars == 0) {
            String lit = chars(tokens, lead ? 1 : 0, tokens.length - (trail ? 1 : 0), cased);
            if (lead && trail) return new ValueTest.Text(ValueTest.TextKind.CONTAINS, lit, cased);
            if (lead) return new ValueTest.Text(ValueTest.TextKind.SUFFIX, lit, cased);
            if (trail) return new ValueTest.Text(ValueTest.TextKind.PREFIX, lit, cased);
            return new ValueTest.Text(ValueTest.TextKind.EXACT, lit, cased);
        }
        List<int[]> segments = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        StringBuilder display = new StringBuilder();
        for (int t : tokens) {
            display.append(t == STAR ? "*" : t == QMARK ? "?" : t == DASH ? "[-/]" : String.valueOf((char) t));
            if (t == STAR) {
                if (!current.isEmpty()) segments.add(current.stream().mapToInt(Integer::intValue).toArray());
                current.clear();
                continue;
            }
            current.add(t == QMARK ? ValueTest.Glob.ANY : t == DASH ? ValueTest.Glob.DASH
                    : cased ? t : (int) ValueTest.fold((char) t));
        }
        if (!current.isEmpty()) segments.add(current.stream().mapToInt(Integer::intValue).toArray());
        boolean anchoredStart = tokens.length > 0 && tokens[0] != STAR;
        boolean anchoredEnd = tokens.length > 0 && tokens[tokens.length - 1] != STAR;
        if (tokens.length == 0) return new ValueTest.Text(ValueTest.TextKind.EXACT, "", cased);
        return new ValueTest.Glob(segments.toArray(int[][]::new), anchoredStart, anchoredEnd, cased, display.toString());
    }

    private static String chars(int[] tokens, int from, int to, boolean cased) {
        StringBuilder b = new StringBuilder(Math.max(0, to - from));
        for (int i = from; i < to; i++) b.append(cased ? (char) tokens[i] : ValueTest.fold((char) tokens[i]));
        return b.toString();
    }

    static ValueTest exact(String s, boolean cased) {
        return new ValueTest.Text(ValueTest.TextKind.EXACT, cased ? s : ValueTest.fold(s), cased);
    }

    /**
     * Replaces {@code %name%} placeholders with each configured value (all combinations); {@code \%} is a plain
     * percent sign. Placeholder values keep their wildcards.
     */
    private List<String> expand(String raw, Loc at) {
        List<String> results = new ArrayList<>();
        results.add("");
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length() && raw.charAt(i + 1) == '\\') {
                // An escaped backslash stays escaped for the wildcard parser and cannot escape a following '%'.
                append(results, "\\\\");
                i += 2;
            } else if (c == '\\' && i + 1 < raw.length() && raw.charAt(i + 1) == '%') {
                append(results, "%");
                i += 2;
            } else if (c == '%') {
                int end = raw.indexOf('%', i + 1);
                if (end < 0) {
                    append(results, raw.substring(i));
                    break;
                }
                String name = raw.substring(i + 1, end);
                List<String> values = pipeline.placeholders().get(name);
                if (values == null || values.isEmpty())
                    throw SigmaRuleException.unsupported(source, at.line(), at.column(),
                            "placeholder %" + name + "% has no values; define it under 'placeholders' in the pipeline");
                List<String> next = new ArrayList<>();
                for (String prefix : results) for (String v : values) next.add(prefix + v);
                if (next.size() > MAX_EXPANSION) throw at.invalid("placeholders expand to too many values");
                results = next;
                i = end + 1;
            } else {
                append(results, String.valueOf(c));
                i++;
            }
        }
        return results;
    }

    private static void append(List<String> results, String s) {
        results.replaceAll(r -> r + s);
    }

    private final class Loc {
        private final int line;
        private final int column;

        Loc(int line, int column) {
            this.line = line;
            this.column = column;
        }

        int line() { return line; }

        int column() { return column; }

        SigmaRuleException invalid(String reason) {
            return SigmaRuleException.invalid(source, line, column, reason);
        }
    }
}
