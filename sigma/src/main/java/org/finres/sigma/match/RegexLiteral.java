package org.finres.sigma.match;

import java.util.regex.Pattern;

/**
 * The longest run of plain chars every match of a regular expression contains, so that {@code |re} rules can be
 * reached through the rule index like {@code contains} rules. Only the top level of the expression is read: groups,
 * classes, escapes such as {@code \s} and optional chars end a run; a top-level alternation, {@code \Q}, comments
 * mode and anything not understood give no literal at all (the rule is then always a candidate), so a literal
 * returned is required by construction. Case-insensitive flags need no care here: the index compares fold classes.
 */
final class RegexLiteral {

    /** The required literal of {@code pattern}, or the empty string when none is known. */
    static String required(Pattern pattern) {
        if ((pattern.flags() & (Pattern.COMMENTS | Pattern.LITERAL)) != 0) return "";
        try {
            return new RegexLiteral(pattern.pattern()).longest();
        } catch (Unknown e) {
            return "";
        }
    }

    /** Thrown on syntax this reader does not follow; the expression then yields no literal. */
    private static final class Unknown extends Exception {
        Unknown() {
            super(null, null, false, false);
        }
    }

    private final String p;
    private int i;
    private final StringBuilder run = new StringBuilder();
    private String best = "";

    private RegexLiteral(String pattern) {
        this.p = pattern;
    }

    private String longest() throws Unknown {
        int n = p.length();
        while (i < n) {
            char c = p.charAt(i);
            int literal = -1; // the plain char of this item, or -1 for anything else
            switch (c) {
                case '|', ')', '*', '+', '?', '{' -> throw new Unknown();
                case '(' -> i = group(i);
                case '[' -> i = charClass(i);
                case '.', '^', '$' -> i++;
                case '\\' -> {
                    if (i + 1 >= n) throw new Unknown();
                    char d = p.charAt(i + 1);
                    if (Character.isLetterOrDigit(d)) {
                        i = escape(i);
                    } else {
                        literal = d;
                        i += 2;
                    }
                }
                default -> {
                    // A quantifier after a surrogate pair applies to both halves: not followed here.
                    if (Character.isSurrogate(c)) throw new Unknown();
                    literal = c;
                    i++;
                }
            }
            int min = quantifier();
            if (literal < 0) {
                end();
            } else if (min < 0) {
                run.append((char) literal);
            } else if (min == 0) {
                end();
            } else {
                // Repeated at least once: the run so far ends with it, and the next run starts with its last copy.
                run.append((char) literal);
                end();
                run.append((char) literal);
            }
        }
        end();
        return best;
    }

    private void end() {
        if (run.length() > best.length()) best = run.toString();
        run.setLength(0);
    }

    /** Reads a quantifier at {@code i} if there is one: its minimum count, or -1 when none. */
    private int quantifier() throws Unknown {
        if (i >= p.length()) return -1;
        char q = p.charAt(i);
        int min;
        switch (q) {
            case '*', '?' -> {
                min = 0;
                i++;
            }
            case '+' -> {
                min = 1;
                i++;
            }
            case '{' -> {
                int close = p.indexOf('}', i);
                if (close < 0) throw new Unknown();
                String body = p.substring(i + 1, close);
                String first = body.contains(",") ? body.substring(0, body.indexOf(',')) : body;
                try {
                    min = Integer.parseInt(first.trim());
                } catch (NumberFormatException e) {
                    throw new Unknown();
                }
                i = close + 1;
            }
            default -> {
                return -1;
            }
        }
        if (i < p.length() && (p.charAt(i) == '?' || p.charAt(i) == '+')) i++; // lazy or possessive
        return min;
    }

    /** Skips a group (any kind, nested); returns the index after it. An inline comments flag is not followed. */
    private int group(int start) throws Unknown {
        int depth = 0;
        int k = start;
        while (k < p.length()) {
            char c = p.charAt(k);
            if (c == '\\') {
                if (k + 1 < p.length() && p.charAt(k + 1) == 'Q') throw new Unknown();
                k += 2;
                continue;
            }
            if (c == '[') {
                k = charClass(k);
                continue;
            }
            if (c == '(') depth++;
            if (c == ')' && --depth == 0) {
                String inner = p.substring(start + 1, k);
                if (inner.startsWith("?") && inner.matches("\\?[a-zA-Z-]*") && inner.contains("x")) throw new Unknown();
                return k + 1;
            }
            k++;
        }
        throw new Unknown();
    }

    /** Skips a character class (nested classes included); returns the index after it. */
    private int charClass(int start) throws Unknown {
        int k = start + 1;
        if (k < p.length() && p.charAt(k) == '^') k++;
        if (k < p.length() && p.charAt(k) == ']') throw new Unknown(); // a leading ']' is read differently by engines
        int depth = 1;
        while (k < p.length()) {
            char c = p.charAt(k);
            if (c == '\\') {
                if (k + 1 < p.length() && p.charAt(k + 1) == 'Q') throw new Unknown();
                k += 2;
                continue;
            }
            if (c == '[') depth++;
            if (c == ']' && --depth == 0) return k + 1;
            k++;
        }
        throw new Unknown();
    }

    /** Skips an escape starting with a letter or digit ({@code \s}, {@code \x41}, {@code \p{L}}, back references...). */
    private int escape(int start) throws Unknown {
        char d = p.charAt(start + 1);
        int k = start + 2;
        switch (d) {
            case 'x' -> {
                if (k < p.length() && p.charAt(k) == '{') return closing(k, '}');
                return k + 2;
            }
            case 'u' -> {
                return k + 4;
            }
            case 'c' -> {
                return k + 1;
            }
            case '0' -> {
                for (int j = 0; j < 3 && k < p.length() && p.charAt(k) >= '0' && p.charAt(k) <= '7'; j++) k++;
                return k;
            }
            case 'p', 'P' -> {
                if (k < p.length() && p.charAt(k) == '{') return closing(k, '}');
                return k + 1;
            }
            case 'N' -> {
                return closing(k, '}');
            }
            case 'k' -> {
                return closing(k, '>');
            }
            case 'Q' -> throw new Unknown();
            default -> {
                if (d >= '1' && d <= '9') {
                    while (k < p.length() && Character.isDigit(p.charAt(k))) k++;
                    return k;
                }
                if ("dDsSwWhHvVRXbBAGZzftnreaE".indexOf(d) >= 0) return k;
                throw new Unknown();
            }
        }
    }

    private int closing(int from, char close) throws Unknown {
        int k = p.indexOf(close, from);
        if (k < 0) throw new Unknown();
        return k + 1;
    }
}
