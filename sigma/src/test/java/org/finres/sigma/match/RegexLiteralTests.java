package org.finres.sigma.match;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The literal a regular expression requires: only what every match holds, nothing when unsure. */
class RegexLiteralTests {

    private static String required(String regex) {
        return RegexLiteral.required(Pattern.compile(regex));
    }

    @Test
    void takesTheLongestPlainRunOfTheTopLevel() {
        assertThat(required("\\$PSHome\\[\\s*\\d{1,3}\\s*\\]\\s*\\+\\s*\\$PSHome\\[")).isEqualTo("$PSHome[");
        assertThat(required("cmd.{0,5}(?:/c|/r)(?:\\s|)\"set\\s[a-zA-Z]{3,6}")).isEqualTo("\"set");
        assertThat(required("[abc]def")).isEqualTo("def");
        assertThat(required("(?i)FooBar\\d")).isEqualTo("FooBar");
    }

    @Test
    void optionalAndRepeatedCharsEndARun() {
        assertThat(required("colou?r")).isEqualTo("colo");
        assertThat(required("xab+cy")).isEqualTo("xab");
        assertThat(required("ab{0,3}cde")).isEqualTo("cde");
        assertThat(required("ab{2}cd")).isEqualTo("bcd");
    }

    @Test
    void escapesAreEitherLiteralCharsOrSkippedWhole() {
        assertThat(required("\\x41bc")).isEqualTo("bc");
        assertThat(required("\\u0041xyz")).isEqualTo("xyz");
        assertThat(required("\\p{L}word")).isEqualTo("word");
        assertThat(required("a\\.exe")).isEqualTo("a.exe");
    }

    @Test
    void givesNothingWhenUnsure() {
        assertThat(required("abc|def")).isEmpty();
        assertThat(required("\\Qa.b\\E")).isEmpty();
        assertThat(required("(?x) a b c")).isEmpty();
        assertThat(RegexLiteral.required(Pattern.compile("a b c", Pattern.COMMENTS))).isEmpty();
    }

    @Test
    void everyMatchFoundContainsTheLiteral() {
        // Random texts over a small alphabet: whenever the expression finds a match, the literal is in the text.
        String[] regexes = {"ab+c", "a(b|c)d+e", "x?yz{1,2}w", "a.c\\.d", "(?i)AbC", "q[rs]*t\\st", "mn{0,1}op"};
        Random r = new Random(11);
        String alphabet = "abcdeqrstwxyzmnop. ABC";
        for (String regex : regexes) {
            Pattern p = Pattern.compile(regex);
            String literal = RegexLiteral.required(p);
            assertThat(literal).as(regex).isNotEmpty();
            for (int i = 0; i < 20000; i++) {
                StringBuilder b = new StringBuilder();
                for (int k = r.nextInt(12); k > 0; k--) b.append(alphabet.charAt(r.nextInt(alphabet.length())));
                String text = b.toString();
                if (p.matcher(text).find())
                    assertThat(LiteralSearch.canonical(text)).as("%s on %s", regex, text).contains(LiteralSearch.canonical(literal));
            }
        }
    }
}
