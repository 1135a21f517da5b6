package org.finres.sigma.match;

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

    private static final char[] CANONICAL = LiteralSearch.CANONICAL;

    private final int window;
    /**
     * Jump per block hash. Sized to eight slots per block of the literals (so most slots keep the longest jump) and
     * kept in bytes, because rules hold thousands of small searches: jumps never exceed the shortest length.
     */
    private final byte[] shift;
    private final int mask;
    private final char[][] literalChars;
    /** Per literal: the hash of the block that ends its leading window, compared when a jump is zero. */
    private final int[] endHash;
    /** Per literal: where its window starts in it. */
    private final int[] offset;
    private final int literals;

    /** {@code literals}: distinct, canonical, each at least {@link #MIN_LENGTH} long. */
    LiteralSkipSearch(List<String> literals) {
        this.literals = literals.size();
        int m = Integer.MAX_VALUE;
        for (String lit : literals) m = Math.min(m, lit.length());
        if (m < MIN_LENGTH) throw new IllegalArgumentException("literals shorter than " + MIN_LENGTH);
        // Jumps are bytes; a longer window than this gains little and any part of a literal is as good.
        this.window = Math.min(m, 100);
        int blocks = literals.size() * (window - 1);
        int size = Integer.highestOneBit(Math.max(64, blocks * 8 - 1)) << 1;
        this.shift = new byte[Math.min(size, 1 << 16)];
        this.mask = shift.length - 1;
        Arrays.fill(shift, (byte) (window - 1));
        this.literalChars = new char[literals.size()][];
        this.endHash = new int[literals.size()];
        this.offset = new int[literals.size()];
        for (int id = 0; id < literals.size(); id++) {
            String lit = literals.get(id);
            for (int i = 0; i < lit.length(); i++)
                if (CANONICAL[lit.charAt(i)] != lit.charAt(i)) throw new IllegalArgumentException("literal not canonical: " + lit);
            int o = quietestWindow(lit, window);
            // Block ending at index j (0-based, j >= 1) of the literal's window: the search window may move window - 1 - j.
            for (int j = 1; j < window; j++) {
                int h = hash(lit.charAt(o + j - 1), lit.charAt(o + j));
                shift[h] = (byte) Math.min(shift[h], window - 1 - j);
            }
            literalChars[id] = lit.toCharArray();
            offset[id] = o;
            endHash[id] = hash(lit.charAt(o + window - 2), lit.charAt(o + window - 1));
        }
    }

    /**
     * The start of the window of {@code lit} whose blocks look least like ordinary text (letters, digits, separators
     * of paths and command lines): the fewer text blocks in the table, the longer the jumps. A heuristic only.
     */
    private static int quietestWindow(String lit, int window) {
        int best = 0;
        long bestScore = Long.MAX_VALUE;
        for (int o = 0; o + window <= lit.length(); o++) {
            long score = 0;
            for (int j = o + 1; j < o + window; j++) score += commonness(lit.charAt(j - 1)) * commonness(lit.charAt(j));
            if (score < bestScore) {
                bestScore = score;
                best = o;
            }
        }
        return best;
    }

    private static int commonness(char c) {
        if ("etaoinsrhldcu \\.-_/".indexOf(c) >= 0) return 3;
        if (Character.isLetterOrDigit(c)) return 2;
        return 1;
    }

    private int hash(char a, char b) {
        return (a * 31 + b) & mask;
    }

    @Override
    public int literalCount() { return literals; }

    @Override
    public long size() { return shift.length + literalChars.length * 24L + Arrays.stream(literalChars).mapToLong(c -> c.length * 2L).sum(); }

    @Override
    public void scan(char[] text, int length, Sink sink) {
        scan(new String(text, 0, length), sink);
    }

    /**
     * Reports the literals occurring in {@code s}, reading it in place: copying it to a buffer first would touch every
     * char, which is what skipping avoids.
     */
    void scan(String s, Sink sink) {
        int m = window;
        int length = s.length();
        byte[] jumps = shift;
        char[] canon = CANONICAL;
        int end = m - 1;
        while (end < length) {
            int h = hash(canon[s.charAt(end - 1)], canon[s.charAt(end)]);
            int jump = jumps[h];
            if (jump > 0) {
                end += jump;
                continue;
            }
            int windowStart = end - m + 1;
            for (int id = 0; id < literalChars.length; id++) {
                if (endHash[id] != h) continue;
                char[] lit = literalChars[id];
                int start = windowStart - offset[id];
                if (start >= 0 && start + lit.length <= length && regionEquals(s, start, lit, canon)) sink.found(id);
            }
            end++;
        }
    }

    /** Whether some literal occurs in {@code s}: the same search on a String, stopping at the first. */
    boolean anyIn(String s) {
        int m = window;
        int length = s.length();
        byte[] jumps = shift;
        char[] canon = CANONICAL;
        int end = m - 1;
        while (end < length) {
            int h = hash(canon[s.charAt(end - 1)], canon[s.charAt(end)]);
            int jump = jumps[h];
            if (jump > 0) {
                end += jump;
                continue;
            }
            int windowStart = end - m + 1;
            for (int id = 0; id < literalChars.length; id++) {
                if (endHash[id] != h) continue;
                char[] lit = literalChars[id];
                int start = windowStart - offset[id];
                if (start >= 0 && start + lit.length <= length && regionEquals(s, start, lit, canon)) return true;
            }
            end++;
        }
        return false;
    }

    private static boolean regionEquals(String s, int start, char[] lit, char[] canon) {
        for (int i = 0; i < lit.length; i++) if (canon[s.charAt(start + i)] != lit[i]) return false;
        return true;
    }

}
