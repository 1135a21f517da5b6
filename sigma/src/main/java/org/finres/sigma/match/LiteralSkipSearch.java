package org.finres.sigma.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Wu-Manber multi-literal search on two-char blocks: a window as long as the shortest literal slides over the text;
 * when the block at its end occurs in no literal's leading window, the window jumps by up to that length minus one
 * chars, so on ordinary text only a fraction of the chars is read. Blocks that end a literal's leading window lead to
 * a direct comparison of those literals. Chars are compared by fold class like {@link LiteralAutomaton}. Immutable.
 */
final class LiteralSkipSearch implements LiteralSearch {

    /** Below this shortest length the jumps are too short to beat the automaton. */
    static final int MIN_LENGTH = 5;
    /** At most this many blocks (literals times shortest length minus one), so most table slots keep a long jump. */
    static final int MAX_BLOCKS = 1024;

    private static final int TABLE_BITS = 13;
    private static final int TABLE_MASK = (1 << TABLE_BITS) - 1;
    private static final char[] CANONICAL = LiteralSearch.CANONICAL;

    private final int window;
    private final int[] shift = new int[1 << TABLE_BITS];
    /** Per block hash: the literals whose leading window ends with such a block, and their ids. */
    private final char[][][] ending = new char[1 << TABLE_BITS][][];
    private final int[][] endingIds = new int[1 << TABLE_BITS][];
    private final int literals;

    /** {@code literals}: distinct, canonical, each at least {@link #MIN_LENGTH} long. */
    LiteralSkipSearch(List<String> literals) {
        this.literals = literals.size();
        int m = Integer.MAX_VALUE;
        for (String lit : literals) m = Math.min(m, lit.length());
        if (m < MIN_LENGTH) throw new IllegalArgumentException("literals shorter than " + MIN_LENGTH);
        this.window = m;
        Arrays.fill(shift, m - 1);
        List<List<Integer>> byEnd = new ArrayList<>();
        for (int i = 0; i <= TABLE_MASK; i++) byEnd.add(null);
        for (int id = 0; id < literals.size(); id++) {
            String lit = literals.get(id);
            for (int i = 0; i < lit.length(); i++)
                if (CANONICAL[lit.charAt(i)] != lit.charAt(i)) throw new IllegalArgumentException("literal not canonical: " + lit);
            // Block ending at index j (0-based, j >= 1) of the leading window: the window may move m - 1 - j.
            for (int j = 1; j < m; j++) {
                int h = hash(lit.charAt(j - 1), lit.charAt(j));
                shift[h] = Math.min(shift[h], m - 1 - j);
            }
            int h = hash(lit.charAt(m - 2), lit.charAt(m - 1));
            if (byEnd.get(h) == null) byEnd.set(h, new ArrayList<>());
            byEnd.get(h).add(id);
        }
        for (int h = 0; h <= TABLE_MASK; h++) {
            List<Integer> ids = byEnd.get(h);
            if (ids == null) continue;
            endingIds[h] = ids.stream().mapToInt(Integer::intValue).toArray();
            ending[h] = ids.stream().map(id -> literals.get(id).toCharArray()).toArray(char[][]::new);
        }
    }

    private static int hash(char a, char b) {
        return (a * 31 + b) & TABLE_MASK;
    }

    @Override
    public int literalCount() { return literals; }

    @Override
    public long size() { return (long) shift.length * 12 + (long) literals * window * 4; }

    @Override
    public void scan(char[] text, int length, Sink sink) {
        int m = window;
        int[] jumps = shift;
        char[] canon = CANONICAL;
        int end = m - 1;
        while (end < length) {
            int h = hash(canon[text[end - 1]], canon[text[end]]);
            int jump = jumps[h];
            if (jump > 0) {
                end += jump;
                continue;
            }
            char[][] candidates = ending[h];
            if (candidates != null) {
                int start = end - m + 1;
                for (int k = 0; k < candidates.length; k++) {
                    char[] lit = candidates[k];
                    if (start + lit.length <= length && regionEquals(text, start, lit, canon)) sink.found(endingIds[h][k]);
                }
            }
            end++;
        }
    }

    /** Whether some literal occurs in {@code s}: the same search on a String, stopping at the first. */
    boolean anyIn(String s) {
        int m = window;
        int length = s.length();
        int[] jumps = shift;
        char[] canon = CANONICAL;
        int end = m - 1;
        while (end < length) {
            int h = hash(canon[s.charAt(end - 1)], canon[s.charAt(end)]);
            int jump = jumps[h];
            if (jump > 0) {
                end += jump;
                continue;
            }
            char[][] candidates = ending[h];
            if (candidates != null) {
                int start = end - m + 1;
                for (char[] lit : candidates) if (start + lit.length <= length && regionEquals(s, start, lit, canon)) return true;
            }
            end++;
        }
        return false;
    }

    private static boolean regionEquals(String s, int start, char[] lit, char[] canon) {
        for (int i = 0; i < lit.length; i++) if (canon[s.charAt(start + i)] != lit[i]) return false;
        return true;
    }

    private static boolean regionEquals(char[] text, int start, char[] lit, char[] canon) {
        for (int i = 0; i < lit.length; i++) if (canon[text[start + i]] != lit[i]) return false;
        return true;
    }
}
