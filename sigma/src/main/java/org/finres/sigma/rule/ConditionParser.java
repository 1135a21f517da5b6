package org.finres.sigma.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses a Sigma condition. Precedence from loosest to tightest: {@code or}, {@code and}, {@code not},
 * {@code 1 of / all of}, parentheses. Operators are case-insensitive (as in pySigma). Errors carry the 1-based column
 * in the condition text; only {@link SigmaRuleException} escapes.
 */
public final class ConditionParser {

    /** Deeper nesting than any real rule; bounds recursion so hostile input cannot overflow the stack. */
    static final int MAX_DEPTH = 100;
    static final int MAX_LENGTH = 100_000;

    private record Token(String text, int column) {
        boolean is(String word) { return text.equalsIgnoreCase(word); }
    }

    private final String source;
    private final List<Token> tokens;
    private int pos;
    private int depth;

    private ConditionParser(String source, List<Token> tokens) {
        this.source = source;
        this.tokens = tokens;
    }

    /** Parses {@code text}; {@code source} only labels errors (their line is 0, the column is within the text). */
    public static Condition parse(String source, String text) {
        if (text == null || text.isBlank()) throw SigmaRuleException.invalid(source, 0, 0, "condition is empty");
        if (text.length() > MAX_LENGTH)
            throw SigmaRuleException.invalid(source, 0, 0, "condition is longer than " + MAX_LENGTH + " characters");
        ConditionParser p = new ConditionParser(source, tokenize(source, text));
        Condition c = p.parseOr();
        if (p.pos < p.tokens.size()) {
            Token t = p.tokens.get(p.pos);
            throw p.error(t, t.text().equals(")") ? "unbalanced ')'" : "unexpected '" + t.text() + "'");
        }
        return c;
    }

    private static List<Token> tokenize(String source, String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(new Token(String.valueOf(c), i + 1));
                i++;
            } else if (c == '|') {
                throw SigmaRuleException.unsupported(source, 0, i + 1,
                        "aggregation expressions ('| count() ...') are the obsolete Sigma 1 syntax; use a correlation rule");
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(text.charAt(i)) && "()|".indexOf(text.charAt(i)) < 0) i++;
                out.add(new Token(text.substring(start, i), start + 1));
            }
        }
        return out;
    }

    private Condition parseOr() {
        List<Condition> parts = new ArrayList<>();
        parts.add(parseAnd());
        while (peekIs("or")) {
            pos++;
            parts.add(parseAnd());
        }
        return parts.size() == 1 ? parts.getFirst() : new Condition.Or(parts);
    }

    private Condition parseAnd() {
        List<Condition> parts = new ArrayList<>();
        parts.add(parseNot());
        while (peekIs("and")) {
            pos++;
            parts.add(parseNot());
        }
        return parts.size() == 1 ? parts.getFirst() : new Condition.And(parts);
    }

    private Condition parseNot() {
        if (peekIs("not")) {
            Token t = tokens.get(pos++);
            enter(t);
            Condition inner = parseNot();
            depth--;
            return new Condition.Not(inner);
        }
        return parsePrimary();
    }

    private Condition parsePrimary() {
        if (pos >= tokens.size()) throw error(null, "expression expected at end of condition");
        Token t = tokens.get(pos);
        if (t.text().equals("(")) {
            pos++;
            enter(t);
            Condition inner = parseOr();
            depth--;
            if (pos >= tokens.size() || !tokens.get(pos).text().equals(")"))
                throw error(t, "'(' is never closed");
            pos++;
            return inner;
        }
        if (t.text().equals(")")) throw error(t, "unexpected ')'");
        if (isOperator(t)) throw error(t, "'" + t.text() + "' where a search identifier was expected");
        if (pos + 1 < tokens.size() && tokens.get(pos + 1).is("of")) return parseQuantified(t);
        if (t.is("them") || t.is("of")) throw error(t, "'" + t.text() + "' must follow '1 of' or 'all of'");
        pos++;
        checkName(t, false);
        return new Condition.Identifier(t.text(), t.column());
    }

    private Condition parseQuantified(Token quantifier) {
        Condition.Quantifier q;
        if (quantifier.is("all")) {
            q = Condition.Quantifier.ALL;
        } else if (quantifier.text().equals("1") || quantifier.is("any")) {
            q = Condition.Quantifier.ANY;
        } else if (quantifier.text().chars().allMatch(Character::isDigit)) {
            throw SigmaRuleException.unsupported(source, 0, quantifier.column(),
                    "'" + quantifier.text() + " of' is not part of Sigma: only '1 of' and 'all of' are defined");
        } else {
            throw error(quantifier, "'" + quantifier.text() + " of': expected '1 of' or 'all of'");
        }
        pos += 2;
        if (pos >= tokens.size()) throw error(tokens.get(pos - 1), "a pattern or 'them' must follow 'of'");
        Token target = tokens.get(pos++);
        if (target.is("them")) return new Condition.Quantified(q, "them", quantifier.column());
        if (target.text().equals("(") || target.text().equals(")") || isOperator(target))
            throw error(target, "a pattern or 'them' must follow 'of', found '" + target.text() + "'");
        checkName(target, true);
        return new Condition.Quantified(q, target.text(), quantifier.column());
    }

    private void checkName(Token t, boolean pattern) {
        for (int i = 0; i < t.text().length(); i++) {
            char c = t.text().charAt(i);
            boolean ok = Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || (pattern && c == '*');
            if (!ok) {
                String what = c == '*' ? "wildcard '*' is only allowed in patterns after '1 of' / 'all of'"
                        : "character '" + c + "' is not allowed in a search identifier";
                throw SigmaRuleException.invalid(source, 0, t.column() + i, what);
            }
        }
    }

    private void enter(Token t) {
        if (++depth > MAX_DEPTH) throw error(t, "condition is nested more than " + MAX_DEPTH + " levels deep");
    }

    private boolean peekIs(String word) {
        return pos < tokens.size() && tokens.get(pos).is(word);
    }

    private static boolean isOperator(Token t) {
        String s = t.text().toLowerCase(Locale.ROOT);
        return s.equals("and") || s.equals("or") || s.equals("not");
    }

    private SigmaRuleException error(Token at, String reason) {
        return SigmaRuleException.invalid(source, 0, at == null ? 0 : at.column(), reason);
    }
}
