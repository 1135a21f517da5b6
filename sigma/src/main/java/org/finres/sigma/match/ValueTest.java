package org.finres.sigma.match;

import org.finres.sigma.event.EventView;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.regex.Pattern;

/**
 * A compiled test of one present, non-null field value (never a list: the caller spreads arrays). Text tests compare
 * against pre-folded patterns region by region so matching allocates nothing for string values.
 */
public sealed interface ValueTest {

    boolean test(Object value, EventView event);

    /** Text form of a value for string comparisons; numbers print without a spurious ".0". */
    static String text(Object v) {
        if (v instanceof String s) return s;
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15)
            return Long.toString(d.longValue());
        if (v instanceof Float f && f == Math.rint(f) && !Float.isInfinite(f)) return Long.toString(f.longValue());
        return String.valueOf(v);
    }

    /** Case folding used on both sides of every case-insensitive comparison (ASCII fast path). */
    static char fold(char c) {
        if (c < 128) return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    static String fold(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) b.append(fold(s.charAt(i)));
        return b.toString();
    }

    /** s[offset..] starts with the already folded {@code lit}, ignoring case. */
    static boolean regionFold(String s, int offset, String lit) {
        if (offset < 0 || offset + lit.length() > s.length()) return false;
        for (int i = 0; i < lit.length(); i++) {
            char c = s.charAt(offset + i);
            char p = lit.charAt(i);
            if (c != p && fold(c) != p) return false;
        }
        return true;
    }

    /** First index at or after {@code from} where the folded literal occurs, ignoring case; -1 if none. */
    static int indexOfFold(String s, String lit, int from) {
        int last = s.length() - lit.length();
        if (lit.isEmpty()) return from <= s.length() ? from : -1;
        char first = lit.charAt(0);
        for (int i = Math.max(0, from); i <= last; i++) {
            char c = s.charAt(i);
            if ((c == first || fold(c) == first) && matchRest(s, i, lit))
                return i;
        }
        return -1;
    }

    private static boolean matchRest(String s, int i, String lit) {
        for (int k = 1; k < lit.length(); k++) {
            char c = s.charAt(i + k);
            char p = lit.charAt(k);
            if (c != p && fold(c) != p) return false;
        }
        return true;
    }

    /** Equality, prefix, suffix, substring or glob against a literal (folded unless cased). */
    enum TextKind { EXACT, PREFIX, SUFFIX, CONTAINS }

    record Text(TextKind kind, String literal, boolean cased) implements ValueTest {
        @Override
        public boolean test(Object value, EventView event) {
            return matches(kind, ValueTest.text(value), literal, cased);
        }

        /** {@code literal} is folded when {@code cased} is false. */
        static boolean matches(TextKind kind, String s, String literal, boolean cased) {
            if (cased) {
                return switch (kind) {
                    case EXACT -> s.equals(literal);
                    case PREFIX -> s.startsWith(literal);
                    case SUFFIX -> s.endsWith(literal);
                    case CONTAINS -> s.contains(literal);
                };
            }
            return switch (kind) {
                case EXACT -> s.length() == literal.length() && regionFold(s, 0, literal);
                case PREFIX -> regionFold(s, 0, literal);
                case SUFFIX -> regionFold(s, s.length() - literal.length(), literal);
                case CONTAINS -> indexOfFold(s, literal, 0) >= 0;
            };
        }
    }

    /** An integer rule value: compares numbers numerically and anything else by text. */
    record IntegerEquals(long number, String literal) implements ValueTest {
        @Override
        public boolean test(Object value, EventView event) {
            if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte)
                return ((Number) value).longValue() == number;
            String s = ValueTest.text(value);
            return s.length() == literal.length() && regionFold(s, 0, literal);
        }
    }

    /**
     * A pattern with {@code ?}, windash classes or inner {@code *}: segments between stars, each an array of folded
     * chars where {@link #ANY} matches one char and {@link #DASH} one of the five dash characters. Earliest-match
     * placement of the middle segments is exact because {@code *} is the only variable-length element.
     */
    final class Glob implements ValueTest {
        static final int ANY = -1;
        static final int DASH = -2;
        private final int[][] segments;
        private final boolean anchoredStart;
        private final boolean anchoredEnd;
        private final boolean cased;
        private final String display;

        Glob(int[][] segments, boolean anchoredStart, boolean anchoredEnd, boolean cased, String display) {
            this.segments = segments;
            this.anchoredStart = anchoredStart;
            this.anchoredEnd = anchoredEnd;
            this.cased = cased;
            this.display = display;
        }

        @Override
        public boolean test(Object value, EventView event) {
            String s = ValueTest.text(value);
            int n = segments.length;
            if (n == 0) return true;
            if (anchoredStart && anchoredEnd && n == 1)
                return s.length() == segments[0].length && segmentAt(s, 0, segments[0]);
            int pos = 0;
            int limit = s.length();
            int first = 0;
            int last = n - 1;
            if (anchoredStart) {
                if (!segmentAt(s, 0, segments[0])) return false;
                pos = segments[0].length;
                first = 1;
            }
            if (anchoredEnd) {
                int[] seg = segments[n - 1];
                int at = s.length() - seg.length;
                if (at < pos || !segmentAt(s, at, seg)) return false;
                limit = at;
                last = n - 2;
            }
            for (int i = first; i <= last; i++) {
                int[] seg = segments[i];
                int found = -1;
                for (int p = pos; p + seg.length <= limit; p++) {
                    if (segmentAt(s, p, seg)) {
                        found = p;
                        break;
                    }
                }
                if (found < 0) return false;
                pos = found + seg.length;
            }
            return true;
        }

        private boolean segmentAt(String s, int offset, int[] seg) {
            if (offset < 0 || offset + seg.length > s.length()) return false;
            for (int i = 0; i < seg.length; i++) {
                int p = seg[i];
                char c = s.charAt(offset + i);
                if (p == ANY) continue;
                if (p == DASH) {
                    if (!isDash(c)) return false;
                    continue;
                }
                if (c != p && (cased || fold(c) != p)) return false;
            }
            return true;
        }

        /**
         * The longest run of plain chars (no {@code ?}, no dash class) of any segment: every matching value contains
         * it (ignoring case unless cased), so the rule index can use it as a necessary literal. Empty when none.
         */
        String longestPlainRun() {
            String best = "";
            for (int[] seg : segments) {
                int start = 0;
                for (int i = 0; i <= seg.length; i++) {
                    if (i == seg.length || seg[i] < 0) {
                        if (i - start > best.length()) {
                            StringBuilder b = new StringBuilder(i - start);
                            for (int k = start; k < i; k++) b.append((char) seg[k]);
                            best = b.toString();
                        }
                        start = i + 1;
                    }
                }
            }
            return best;
        }

        static boolean isDash(char c) {
            return c == '-' || c == '/' || c == '\u2013' || c == '\u2014' || c == '\u2015';
        }

        @Override
        public String toString() { return "Glob[" + display + "]"; }
    }

    record Regex(Pattern pattern) implements ValueTest {
        @Override
        public boolean test(Object value, EventView event) {
            return pattern.matcher(ValueTest.text(value)).find();
        }
    }

    /** An IPv4 or IPv6 network; IPv4-mapped IPv6 addresses also match IPv4 networks. */
    record Cidr(byte[] network, int prefix, String display) implements ValueTest {
        @Override
        public boolean test(Object value, EventView event) {
            byte[] addr = IpAddress.parse(ValueTest.text(value));
            if (addr == null) return false;
            if (addr.length == 16 && network.length == 4 && IpAddress.isV4Mapped(addr)) addr = IpAddress.v4Of(addr);
            if (addr.length != network.length) return false;
            int full = prefix / 8;
            for (int i = 0; i < full; i++) if (addr[i] != network[i]) return false;
            int rest = prefix % 8;
            if (rest == 0) return true;
            int mask = (0xff << (8 - rest)) & 0xff;
            return (addr[full] & mask) == (network[full] & mask);
        }
    }

    /** Numeric comparison, optionally of a part (minute, hour, ...) extracted from a date value. */
    enum Compare { LT, LTE, GT, GTE, EQ }

    enum TimePart { MINUTE, HOUR, DAY, WEEK, MONTH, YEAR }

    record Numeric(Compare op, double limit, TimePart part) implements ValueTest {
        @Override
        public boolean test(Object value, EventView event) {
            double v;
            if (part != null) {
                long p = timePart(value, part);
                if (p < 0) return false;
                v = p;
            } else if (value instanceof Number n) {
                v = n.doubleValue();
            } else {
                String s = ValueTest.text(value).trim();
                try {
                    v = s.startsWith("0x") || s.startsWith("0X") ? Long.parseLong(s.substring(2), 16) : Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    return false;
                }
            }
            return switch (op) {
                case LT -> v < limit;
                case LTE -> v <= limit;
                case GT -> v > limit;
                case GTE -> v >= limit;
                case EQ -> v == limit;
            };
        }

        /** Reads yyyy-MM-dd[T ]HH:mm from the start of the text, without time-zone conversion (as the spec says). */
        static long timePart(Object value, TimePart part) {
            String s;
            if (value instanceof Number n) {
                java.time.Instant t = EventView.parseTime(n);
                s = t == null ? "" : t.toString();
            } else {
                s = ValueTest.text(value).trim();
            }
            if (s.length() < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') return -1;
            try {
                int year = Integer.parseInt(s, 0, 4, 10);
                int month = Integer.parseInt(s, 5, 7, 10);
                int day = Integer.parseInt(s, 8, 10, 10);
                return switch (part) {
                    case YEAR -> year;
                    case MONTH -> month;
                    case DAY -> day;
                    case WEEK -> LocalDate.of(year, month, day).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                    case HOUR -> s.length() >= 13 ? Integer.parseInt(s, 11, 13, 10) : -1;
                    case MINUTE -> s.length() >= 16 ? Integer.parseInt(s, 14, 16, 10) : -1;
                };
            } catch (RuntimeException e) {
                return -1;
            }
        }
    }

    /** Compares with the value of another field of the same event ({@code fieldref}). */
    record FieldRef(String[] otherPaths, TextKind kind, boolean cased) implements ValueTest {
        @Override
        public boolean test(Object value, EventView event) {
            Object other = null;
            for (String p : otherPaths) {
                other = event.field(p);
                if (other != null) break;
            }
            if (other == null || other == EventView.JSON_NULL || other instanceof java.util.List) return false;
            String lit = ValueTest.text(other);
            return Text.matches(kind, ValueTest.text(value), cased ? lit : ValueTest.fold(lit), cased);
        }
    }

    /** Any of several alternatives (windash-free expansions, base64 offsets, placeholder values). */
    record AnyOf(ValueTest[] alternatives) implements ValueTest {
        @Override
        public boolean test(Object value, EventView event) {
            for (ValueTest t : alternatives) if (t.test(value, event)) return true;
            return false;
        }
    }

    /**
     * Several case-insensitive substrings looked for in one pass: at each position only the literals starting with
     * the folded character there are tried. SigmaHQ rules often list dozens of {@code contains} values for one field,
     * and keyword rules search every value of the event, so scanning once instead of once per literal matters.
     */
    final class ContainsAny implements ValueTest {
        private final String[][] ascii = new String[128][];
        private final String[] other;
        private final boolean matchesAll;
        private final String[] literals;

        ContainsAny(String[] foldedLiterals) {
            this.literals = foldedLiterals.clone();
            java.util.Set<String> canonical = new java.util.LinkedHashSet<>();
            for (String lit : foldedLiterals) canonical.add(LiteralSearch.canonical(lit));
            this.absent = canonical.contains("") ? null
                    : LiteralSearch.of(java.util.List.copyOf(canonical)) instanceof LiteralSkipSearch skip ? skip : null;
            boolean empty = false;
            java.util.List<java.util.List<String>> byChar = new java.util.ArrayList<>();
            for (int i = 0; i < 128; i++) byChar.add(null);
            java.util.List<String> rest = new java.util.ArrayList<>();
            for (String lit : foldedLiterals) {
                if (lit.isEmpty()) {
                    empty = true;
                    continue;
                }
                char c = lit.charAt(0);
                if (c < 128) {
                    if (byChar.get(c) == null) byChar.set(c, new java.util.ArrayList<>());
                    byChar.get(c).add(lit);
                } else {
                    rest.add(lit);
                }
            }
            for (int i = 0; i < 128; i++) if (byChar.get(i) != null) ascii[i] = byChar.get(i).toArray(String[]::new);
            this.other = rest.toArray(String[]::new);
            this.matchesAll = empty;
        }

        String[] literals() { return literals.clone(); }

        /**
         * For long literals: a skip search over the raw value, reading a fraction of its chars, that proves most
         * values contain none of them (it compares fold classes, so its "none" is certain) before any folding.
         */
        private final LiteralSkipSearch absent;

        @Override
        public boolean test(Object value, EventView event) {
            if (matchesAll) return true;
            if (absent != null && value instanceof String v && !absent.anyIn(v)) return false;
            String s = ValueTest.text(value);
            int n = s.length();
            for (int i = 0; i < n; i++) {
                char c = fold(s.charAt(i));
                String[] candidates = c < 128 ? ascii[c] : null;
                if (candidates != null) {
                    for (String lit : candidates) if (i + lit.length() <= n && matchRest(s, i, lit)) return true;
                }
                if (other.length > 0 && c >= 128) {
                    for (String lit : other) if (lit.charAt(0) == c && i + lit.length() <= n && matchRest(s, i, lit)) return true;
                }
            }
            return false;
        }
    }

    /** {@code neq}: the value is present and differs. */
    record Not(ValueTest inner) implements ValueTest {
        @Override
        public boolean test(Object value, EventView event) {
            return !inner.test(value, event);
        }
    }
}
