package org.finres.sigma.match;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both literal searches against a naive search on random texts, and the property the rule index relies on: whatever
 * the matcher's text tests accept, the search reports.
 */
class LiteralSearchTests {

    /** Few distinct chars so literals really occur; case pairs and chars whose folding is not ASCII-simple. */
    private static final String ALPHABET = "abcAB\\.-: x\u0130\u0131iI\u212Ak\u017Fs\u00DF\u0430\u0410\uD83D\uDE00\u00E9\u00C9";

    private static String random(Random r, int length, String alphabet) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        return b.toString();
    }

    /** Which literals occur in {@code text}, char by char in canonical form, the slow way. */
    private static Set<Integer> naive(List<String> literals, String text) {
        String canonicalText = LiteralSearch.canonical(text);
        Set<Integer> out = new TreeSet<>();
        for (int i = 0; i < literals.size(); i++) if (canonicalText.contains(literals.get(i))) out.add(i);
        return out;
    }

    private static Set<Integer> found(LiteralSearch search, String text) {
        Set<Integer> out = new TreeSet<>();
        search.scan(text.toCharArray(), text.length(), out::add);
        return out;
    }

    private static List<String> literals(Random r, int count, int minLength, int maxLength, String alphabet) {
        Set<String> set = new LinkedHashSet<>();
        while (set.size() < count) {
            set.add(LiteralSearch.canonical(random(r, minLength + r.nextInt(maxLength - minLength + 1), alphabet)));
        }
        return new ArrayList<>(set);
    }

    @Test
    void automatonFindsExactlyWhatNaiveSearchFinds() {
        Random r = new Random(42);
        for (int round = 0; round < 300; round++) {
            List<String> lits = literals(r, 1 + r.nextInt(40), 1, 6, ALPHABET);
            LiteralAutomaton automaton = new LiteralAutomaton(lits);
            for (int t = 0; t < 30; t++) {
                String text = random(r, r.nextInt(80), ALPHABET);
                assertThat(found(automaton, text)).as("%s in %s", lits, text).isEqualTo(naive(lits, text));
            }
        }
    }

    @Test
    void skipSearchFindsExactlyWhatNaiveSearchFinds() {
        Random r = new Random(7);
        for (int round = 0; round < 300; round++) {
            List<String> lits = literals(r, 1 + r.nextInt(20), LiteralSkipSearch.MIN_LENGTH, 12, ALPHABET);
            LiteralSkipSearch skip = new LiteralSkipSearch(lits);
            for (int t = 0; t < 30; t++) {
                // Plant literals so that matches are frequent, including at both ends and overlapping.
                StringBuilder b = new StringBuilder(random(r, r.nextInt(60), ALPHABET));
                for (int k = r.nextInt(3); k > 0; k--) b.insert(r.nextInt(b.length() + 1), lits.get(r.nextInt(lits.size())));
                String text = b.toString();
                assertThat(found(skip, text)).as("%s in %s", lits, text).isEqualTo(naive(lits, text));
                assertThat(skip.anyIn(text)).as("any of %s in %s", lits, text).isEqualTo(!naive(lits, text).isEmpty());
            }
        }
    }

    @Test
    void theFactoryPicksTheSkipSearchOnlyForFewLongLiterals() {
        assertThat(LiteralSearch.of(List.of("sekurlsa::", "kerberos::ptt"))).isInstanceOf(LiteralSkipSearch.class);
        assertThat(LiteralSearch.of(List.of("sekurlsa::", " -e "))).isInstanceOf(LiteralAutomaton.class);
    }

    @Test
    void everyValueTheMatcherAcceptsIsReported() {
        // The index's soundness: a text test that accepts a value implies its literal is found in that value.
        Random r = new Random(3);
        for (int round = 0; round < 3000; round++) {
            String raw = random(r, 1 + r.nextInt(4), ALPHABET);
            String value = random(r, r.nextInt(8), ALPHABET) + mutateCase(r, raw) + random(r, r.nextInt(8), ALPHABET);
            for (boolean cased : new boolean[] {false, true}) {
                String literal = cased ? raw : ValueTest.fold(raw);
                ValueTest test = new ValueTest.Text(ValueTest.TextKind.CONTAINS, literal, cased);
                if (!test.test(value, null)) continue;
                List<String> lits = List.of(LiteralSearch.canonical(literal));
                assertThat(found(new LiteralAutomaton(lits), value)).as("%s in %s", literal, value).containsExactly(0);
            }
        }
    }

    /** Replaces chars by others of the same case mapping so that the case-insensitive test accepts them. */
    private static String mutateCase(Random r, String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(switch (r.nextInt(3)) {
                case 0 -> Character.toUpperCase(c);
                case 1 -> Character.toLowerCase(c);
                default -> c;
            });
        }
        return b.toString();
    }

    @Test
    void canonicalFormIsAClassOfTheMatchersFolding() {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            char ch = (char) c;
            assertThat(LiteralSearch.canonical(ValueTest.fold(ch))).isEqualTo(LiteralSearch.canonical(ch));
            assertThat(LiteralSearch.canonical(Character.toUpperCase(ch))).isEqualTo(LiteralSearch.canonical(ch));
            assertThat(LiteralSearch.canonical(Character.toLowerCase(ch))).isEqualTo(LiteralSearch.canonical(ch));
        }
        assertThat(LiteralSearch.canonical("C:\\Windows\\SYSTEM32")).isEqualTo("c:\\windows\\system32");
    }
}
