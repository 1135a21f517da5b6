package org.finres.sigma.match;

import java.util.function.UnaryOperator;

/**
 * Whole-value case folding for substring tests: folding an event value once (memoised per event by the view) lets
 * every {@code contains} test use {@link String#indexOf(String)} instead of folding char by char per literal.
 * <p>
 * Equivalence with the char-wise comparison {@code c == p || fold(c) == p} (p a char of a folded literal, so in the
 * image of {@link ValueTest#fold(char)}): the two differ only for a value char c that is itself a folding result but
 * does not fold to itself. Values holding such a char are not folded here ({@link #FOLD} yields null) and the caller
 * falls back to the char-wise comparison.
 */
final class FoldedText {

    /** Chars c with fold(c) != c that some char folds to. */
    private static final boolean[] UNSTABLE = new boolean[Character.MAX_VALUE + 1];
    /** {@link ValueTest#fold(char)} of every char. */
    static final char[] FOLDED = new char[Character.MAX_VALUE + 1];

    static {
        boolean[] image = new boolean[Character.MAX_VALUE + 1];
        // The definition of ValueTest.fold(char), which reads this table for non-ASCII chars.
        for (int c = 0; c <= Character.MAX_VALUE; c++)
            FOLDED[c] = c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : (char) c)
                    : Character.toLowerCase(Character.toUpperCase((char) c));
        for (int c = 0; c <= Character.MAX_VALUE; c++) image[FOLDED[c]] = true;
        for (int c = 0; c <= Character.MAX_VALUE; c++) UNSTABLE[c] = image[c] && FOLDED[c] != c;
    }

    /** The folded value, the value itself when folding changes nothing, or null when it holds an unstable char. */
    static final UnaryOperator<String> FOLD = FoldedText::fold;

    private static String fold(String s) {
        int n = s.length();
        char[] out = null;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            char f = FOLDED[c];
            if (f != c) {
                if (UNSTABLE[c]) return null;
                if (out == null) {
                    out = new char[n];
                    s.getChars(0, i, out, 0);
                }
            }
            if (out != null) out[i] = f;
        }
        return out == null ? s : new String(out);
    }

    private FoldedText() {
    }
}
