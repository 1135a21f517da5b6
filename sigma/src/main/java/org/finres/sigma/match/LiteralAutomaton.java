package org.finres.sigma.match;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An Aho-Corasick automaton over canonical literals: one pass over a value reports every literal occurring in it,
 * however many literals there are, one table read per char. For large literal sets and for short literals.
 * <p>
 * For ASCII chars the transition function is a complete table (a DFA) over the literals' ASCII alphabet plus one
 * symbol for every other char, so each char costs one table read; targets are stored pre-multiplied by the row width
 * and complemented when the target state ends a literal, so the inner loop does no multiplication and no second
 * look-up on the common path. Non-ASCII literal chars (homoglyphs, emoji in some rules) would widen every row, so they
 * get sparse edges followed through failure links instead: rare in event values, and cheap enough when they occur.
 * Immutable once built.
 */
final class LiteralAutomaton implements LiteralSearch {

    private static final char[] CANONICAL = LiteralSearch.CANONICAL;

    private final int[] asciiSymbol = new int[128];
    private final int width;
    /** Row {@code state * width}, column symbol: {@code target * width}, or its complement when the target reports. */
    private final int[] delta;
    /** Canonical non-ASCII chars of some literal, sorted. */
    private final char[] otherChars;
    /** Sparse non-ASCII edges: open addressing on {@code state << 16 | char}, -1 for a free slot. */
    private final long[] edgeKeys;
    private final int[] edgeTargets;
    private final int[] fail;
    /** Per state: the literal ending exactly there, or -1. */
    private final int[] literalAt;
    /** Per state: the nearest proper suffix state that ends a literal (its dictionary link), or -1. */
    private final int[] dictionary;
    /** Per state: the first reporting state on its suffix chain, itself included, or -1. */
    private final int[] firstReport;
    private final int literals;

    /** {@code literals} must be distinct and non-empty, and already {@link LiteralSearch#canonical(String) canonical}. */
    LiteralAutomaton(List<String> literals) {
        this.literals = literals.size();
        TreeSet<Character> ascii = new TreeSet<>();
        TreeSet<Character> others = new TreeSet<>();
        for (String lit : literals) {
            if (lit.isEmpty()) throw new IllegalArgumentException("empty literal");
            for (int i = 0; i < lit.length(); i++) {
                char c = lit.charAt(i);
                if (CANONICAL[c] != c) throw new IllegalArgumentException("literal not canonical: " + lit);
                (c < 128 ? ascii : others).add(c);
            }
        }
        int next = 1; // 0: any char outside every literal
        int[] symbolOf = new int[128];
        for (char c : ascii) symbolOf[c] = next++;
        this.width = next;
        for (int c = 0; c < 128; c++) asciiSymbol[c] = CANONICAL[c] < 128 ? symbolOf[CANONICAL[c]] : 0;
        this.otherChars = new char[others.size()];
        int o = 0;
        for (char c : others) otherChars[o++] = c;

        // The trie: ASCII edges by symbol, non-ASCII edges by char, in one map while building.
        Map<Long, Integer> trie = new HashMap<>();
        List<Integer> ends = new ArrayList<>();
        ends.add(-1);
        for (int id = 0; id < literals.size(); id++) {
            String lit = literals.get(id);
            int s = 0;
            for (int i = 0; i < lit.length(); i++) {
                long key = edgeKey(s, lit.charAt(i));
                Integer t = trie.get(key);
                if (t == null) {
                    t = ends.size();
                    ends.add(-1);
                    trie.put(key, t);
                }
                s = t;
            }
            if (ends.get(s) >= 0) throw new IllegalArgumentException("duplicate literal: " + lit);
            ends.set(s, id);
        }
        int states = ends.size();
        this.literalAt = ends.stream().mapToInt(Integer::intValue).toArray();
        int[] table = new int[states * width];
        Arrays.fill(table, -1);
        List<List<long[]>> otherEdges = new ArrayList<>(states);
        for (int s = 0; s < states; s++) otherEdges.add(null);
        int edgeCount = 0;
        for (Map.Entry<Long, Integer> e : trie.entrySet()) {
            int s = (int) (e.getKey() >>> 16);
            char c = (char) (e.getKey() & 0xffff);
            if (c < 128) {
                table[s * width + symbolOf[c]] = e.getValue();
            } else {
                if (otherEdges.get(s) == null) otherEdges.set(s, new ArrayList<>());
                otherEdges.get(s).add(new long[] {c, e.getValue()});
                edgeCount++;
            }
        }
        int capacity = Integer.highestOneBit(Math.max(1, edgeCount) * 2) * 2;
        this.edgeKeys = new long[capacity];
        Arrays.fill(edgeKeys, -1);
        this.edgeTargets = new int[capacity];
        this.fail = new int[states];

        // Breadth first: failure links, completed ASCII transitions, dictionary links.
        int[] dict = new int[states];
        Arrays.fill(dict, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(0);
        while (!queue.isEmpty()) {
            int s = queue.poll();
            int f = fail[s];
            if (s != 0) dict[s] = literalAt[f] >= 0 ? f : dict[f];
            for (int a = 0; a < width; a++) {
                int cell = s * width + a;
                int t = table[cell];
                if (t < 0) {
                    table[cell] = s == 0 ? 0 : table[f * width + a];
                } else {
                    fail[t] = s == 0 ? 0 : table[f * width + a];
                    queue.add(t);
                }
            }
            if (otherEdges.get(s) != null) {
                for (long[] edge : otherEdges.get(s)) {
                    int t = (int) edge[1];
                    putEdge(s, (char) edge[0], t);
                    fail[t] = s == 0 ? 0 : otherStep(f, (char) edge[0]);
                    queue.add(t);
                }
            }
        }
        this.dictionary = dict;
        this.firstReport = new int[states];
        for (int s = 0; s < states; s++) firstReport[s] = literalAt[s] >= 0 ? s : dict[s];
        this.delta = new int[states * width];
        for (int cell = 0; cell < delta.length; cell++) delta[cell] = encode(table[cell]);
    }

    private static long edgeKey(int state, char c) {
        return (long) state << 16 | c;
    }

    private void putEdge(int state, char c, int target) {
        long key = edgeKey(state, c);
        int mask = edgeKeys.length - 1;
        int i = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
        while (edgeKeys[i] != -1) i = (i + 1) & mask;
        edgeKeys[i] = key;
        edgeTargets[i] = target;
    }

    private int edge(int state, char c) {
        long key = edgeKey(state, c);
        int mask = edgeKeys.length - 1;
        for (int i = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask; edgeKeys[i] != -1; i = (i + 1) & mask)
            if (edgeKeys[i] == key) return edgeTargets[i];
        return -1;
    }

    /** The state after non-ASCII canonical char {@code k} from {@code state}: its edge, or its failure link's. */
    private int otherStep(int state, char k) {
        for (int s = state; ; s = fail[s]) {
            int t = edge(s, k);
            if (t >= 0) return t;
            if (s == 0) return 0;
        }
    }

    private int encode(int state) {
        return firstReport[state] >= 0 ? ~(state * width) : state * width;
    }

    @Override
    public int literalCount() { return literals; }

    @Override
    public long size() { return (long) delta.length * 4 + literalAt.length * 16L + edgeKeys.length * 12L; }

    @Override
    public void scan(char[] text, int length, Sink sink) {
        int[] d = delta;
        int[] ascii = asciiSymbol;
        int state = 0;
        for (int i = 0; i < length; i++) {
            char c = text[i];
            int t = c < 128 ? d[state + ascii[c]] : other(state, c);
            if (t < 0) {
                t = ~t;
                for (int r = firstReport[t / width]; r >= 0; r = dictionary[r]) sink.found(literalAt[r]);
            }
            state = t;
        }
    }

    /** The encoded transition for a non-ASCII char from the state at row offset {@code row}. */
    private int other(int row, char c) {
        char k = CANONICAL[c];
        if (k < 128) return delta[row + asciiSymbol[k]];
        if (Arrays.binarySearch(otherChars, k) < 0) return 0; // in no literal: back to the root, which never reports
        return encode(otherStep(row / width, k));
    }
}
