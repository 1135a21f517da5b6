package org.finres.sigma.match;

import java.util.Arrays;
import java.util.List;

/**
 * Finds which of a fixed set of literals occur in a text, in one pass, however many literals there are. The rule index
 * keeps one per event field (and one for keyword search) over the necessary literals of every rule, so a value is
 * read once per event instead of once per rule.
 * <p>
 * Matching is on fold classes ({@link #canonical(char)}): two chars are in one class when {@link ValueTest#fold(char)},
 * {@link Character#toLowerCase(char)} or {@link Character#toUpperCase(char)} link them, directly or through other
 * chars. Every case-insensitive comparison of the matcher ({@code c == p || fold(c) == p}), every case-sensitive one
 * ({@code c == p}) and Java's case-insensitive regular expressions imply equal classes, so "the text contains the
 * literal, class by class" is a necessary condition of every test a literal is taken from: a search may report a
 * literal the exact test then rejects, never miss one it would accept.
 * <p>
 * Two implementations: an Aho-Corasick automaton (one table read per char, any set) and a Wu-Manber skip search
 * (reads a fraction of the chars, for a few long literals, such as keyword rules searching every value of an event).
 */
sealed interface LiteralSearch permits LiteralAutomaton, LiteralSkipSearch {

    /** Receives the id (index in the list given) of each literal found; the same id may come repeatedly. */
    interface Sink {
        void found(int literal);
    }

    /** The canonical char of every char's fold class: the class's smallest char that folds to itself. */
    char[] CANONICAL = canonicalTable();

    /** Reports the literals occurring in {@code text[0, length)}. */
    void scan(char[] text, int length, Sink sink);

    int literalCount();

    /** Approximate memory held, in bytes (for statistics). */
    long size();

    /**
     * The faster search for {@code literals} (distinct, non-empty, canonical): skipping pays when the shortest literal
     * is long and the literals few enough to leave most two-char blocks unused.
     */
    static LiteralSearch of(List<String> literals) {
        int shortest = literals.stream().mapToInt(String::length).min().orElse(0);
        if (shortest >= LiteralSkipSearch.MIN_LENGTH && (long) literals.size() * (shortest - 1) <= LiteralSkipSearch.MAX_BLOCKS)
            return new LiteralSkipSearch(literals);
        return new LiteralAutomaton(literals);
    }

    /** The canonical char of {@code c}'s fold class. */
    static char canonical(char c) {
        return CANONICAL[c];
    }

    /** {@code s} char by char in canonical form. */
    static String canonical(String s) {
        char[] out = new char[s.length()];
        for (int i = 0; i < out.length; i++) out[i] = CANONICAL[s.charAt(i)];
        return new String(out);
    }

    /** Union-find over the case-mapping edges of every char; each class is represented by its smallest self-folding char. */
    private static char[] canonicalTable() {
        int n = Character.MAX_VALUE + 1;
        int[] parent = new int[n];
        for (int c = 0; c < n; c++) parent[c] = c;
        for (int c = 0; c < n; c++) {
            union(parent, c, ValueTest.fold((char) c));
            union(parent, c, Character.toLowerCase((char) c));
            union(parent, c, Character.toUpperCase((char) c));
        }
        int[] rep = new int[n];
        Arrays.fill(rep, -1);
        for (int c = 0; c < n; c++) {
            int r = root(parent, c);
            if (rep[r] < 0 && ValueTest.fold((char) c) == c) rep[r] = c;
        }
        char[] out = new char[n];
        for (int c = 0; c < n; c++) {
            int r = root(parent, c);
            out[c] = (char) (rep[r] >= 0 ? rep[r] : r);
        }
        return out;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = root(parent, a);
        int rb = root(parent, b);
        if (ra != rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }

    private static int root(int[] parent, int c) {
        while (parent[c] != c) {
            parent[c] = parent[parent[c]];
            c = parent[c];
        }
        return c;
    }
}
