package org.finres.sigma.rule;

/**
 * One value of a detection item as written in the rule. Strings and numbers keep their raw YAML text: wildcards and
 * escapes are interpreted by the compiler according to the modifiers (a regular expression must see the raw text).
 */
public sealed interface SigmaValue {

    /** The raw text, or "null" for {@link SigmaNull}. */
    String text();

    record SigmaString(String text) implements SigmaValue {}

    record SigmaNumber(String text) implements SigmaValue {}

    /** A YAML boolean; {@code text} keeps the spelling ({@code yes}, {@code on}) for string comparisons. */
    record SigmaBoolean(boolean value, String text) implements SigmaValue {}

    record SigmaNull() implements SigmaValue {
        @Override public String text() { return "null"; }
    }
}
