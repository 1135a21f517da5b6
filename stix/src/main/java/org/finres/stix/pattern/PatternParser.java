package org.finres.stix.pattern;

import org.finres.stix.model.StixTimestamp;
import org.finres.stix.pattern.StixPattern.Comparison;
import org.finres.stix.pattern.StixPattern.Join;
import org.finres.stix.pattern.StixPattern.Literal;
import org.finres.stix.pattern.StixPattern.ObjectPath;
import org.finres.stix.pattern.StixPattern.Operator;
import org.finres.stix.pattern.StixPattern.Qualifier;
import org.finres.stix.pattern.StixPattern.Step;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for the STIX 2.1 patterning grammar (specification section 9), written from the
 * grammar rather than generated, so errors can say at which column what was expected. Keywords are upper case as
 * the grammar defines them. Fails only with {@link PatternSyntaxException}.
 */
public final class PatternParser {

    private static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "FOLLOWEDBY", "LIKE", "MATCHES", "ISSUBSET",
            "ISSUPERSET", "IN", "EXISTS", "WITHIN", "SECONDS", "REPEATS", "TIMES", "START", "STOP");
    // Nesting beyond this is never written by a person and would otherwise overflow the stack.
    private static final int MAX_DEPTH = 100;

    private enum Kind { LBRACKET, RBRACKET, LPAREN, RPAREN, COLON, DOT, COMMA, EQ, NEQ, LT, LE, GT, GE, STAR,
        IDENT, KEYWORD, STRING, INT, FLOAT, BOOL, BINARY, HEX, TIMESTAMP, END }

    private record Token(Kind kind, String text, int column) {
        String describe() {
            return kind == Kind.END ? "end of pattern" : "'" + text + "'";
        }
    }

    private final List<Token> tokens;
    private int pos;
    private int depth;

    private PatternParser(String text) {
        this.tokens = lex(text);
    }

    public static StixPattern parse(String pattern) {
        PatternParser p = new PatternParser(pattern);
        StixPattern result = p.observationExpressions();
        p.expect(Kind.END, "AND, OR, FOLLOWEDBY, a qualifier or the end of the pattern");
        return result;
    }

    // ---- observation expressions -------------------------------------------------------------------------------

    private StixPattern observationExpressions() {
        return joined(Join.FOLLOWEDBY, this::observationOr);
    }

    private StixPattern observationOr() {
        return joined(Join.OR, this::observationAnd);
    }

    private StixPattern observationAnd() {
        return joined(Join.AND, this::qualifiedObservation);
    }

    private StixPattern joined(Join join, java.util.function.Supplier<StixPattern> operand) {
        List<StixPattern> operands = new ArrayList<>(List.of(operand.get()));
        while (keyword(join.name())) {
            pos++;
            operands.add(operand.get());
        }
        return operands.size() == 1 ? operands.get(0) : new StixPattern.Combined(join, operands);
    }

    private StixPattern qualifiedObservation() {
        enter();
        StixPattern p;
        Token t = peek();
        if (t.kind == Kind.LBRACKET) {
            pos++;
            p = new StixPattern.Observation(comparisonOr());
            expect(Kind.RBRACKET, "']' or AND/OR");
        } else if (t.kind == Kind.LPAREN) {
            pos++;
            p = observationExpressions();
            expect(Kind.RPAREN, "')' or AND/OR/FOLLOWEDBY");
        } else {
            throw error(t, "'[' or '('");
        }
        while (keyword("WITHIN") || keyword("REPEATS") || keyword("START")) p = new StixPattern.Qualified(p, qualifier());
        depth--;
        return p;
    }

    private Qualifier qualifier() {
        Token k = next();
        switch (k.text) {
            case "WITHIN" -> {
                Token n = next();
                if ((n.kind != Kind.INT && n.kind != Kind.FLOAT) || n.text.startsWith("-") || new BigDecimal(n.text).signum() <= 0)
                    throw error(n, "a positive number of seconds");
                expectKeyword("SECONDS");
                return new Qualifier.Within(new BigDecimal(n.text));
            }
            case "REPEATS" -> {
                Token n = next();
                if (n.kind != Kind.INT || n.text.startsWith("-") || n.text.length() > 9 || Integer.parseInt(n.text.replace("+", "")) <= 0)
                    throw error(n, "a positive whole number of repetitions");
                expectKeyword("TIMES");
                return new Qualifier.Repeats(Integer.parseInt(n.text.replace("+", "")));
            }
            default -> {
                Token start = expect(Kind.TIMESTAMP, "a timestamp t'...' after START");
                expectKeyword("STOP");
                Token stop = expect(Kind.TIMESTAMP, "a timestamp t'...' after STOP");
                return new Qualifier.StartStop(timestamp(start).value(), timestamp(stop).value());
            }
        }
    }

    // ---- comparison expressions --------------------------------------------------------------------------------

    private Comparison comparisonOr() {
        List<Comparison> operands = new ArrayList<>(List.of(comparisonAnd()));
        while (keyword("OR")) {
            pos++;
            operands.add(comparisonAnd());
        }
        return operands.size() == 1 ? operands.get(0) : new Comparison.Any(operands);
    }

    private Comparison comparisonAnd() {
        List<Comparison> operands = new ArrayList<>(List.of(propertyTest()));
        while (keyword("AND")) {
            pos++;
            operands.add(propertyTest());
        }
        return operands.size() == 1 ? operands.get(0) : new Comparison.All(operands);
    }

    private Comparison propertyTest() {
        enter();
        try {
            if (peek().kind == Kind.LPAREN) {
                pos++;
                Comparison c = comparisonOr();
                expect(Kind.RPAREN, "')' or AND/OR");
                return c;
            }
            if (keyword("EXISTS")) {
                pos++;
                return new Comparison.Test(objectPath(), Operator.EXISTS, false, null);
            }
            ObjectPath path = objectPath();
            boolean negated = false;
            if (keyword("NOT")) {
                pos++;
                negated = true;
            }
            Token op = next();
            Operator operator = switch (op.kind) {
                case EQ -> Operator.EQ;
                case NEQ -> Operator.NEQ;
                case LT -> Operator.LT;
                case LE -> Operator.LE;
                case GT -> Operator.GT;
                case GE -> Operator.GE;
                case KEYWORD -> switch (op.text) {
                    case "IN" -> Operator.IN;
                    case "LIKE" -> Operator.LIKE;
                    case "MATCHES" -> Operator.MATCHES;
                    case "ISSUBSET" -> Operator.ISSUBSET;
                    case "ISSUPERSET" -> Operator.ISSUPERSET;
                    default -> throw error(op, "a comparison operator");
                };
                default -> throw error(op, "a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET)");
            };
            Literal value = switch (operator) {
                case IN -> set();
                case LIKE, ISSUBSET, ISSUPERSET -> text(expect(Kind.STRING, "a string literal"));
                case MATCHES -> regex(expect(Kind.STRING, "a string literal holding a regular expression"));
                case LT, LE, GT, GE -> {
                    Token v = next();
                    if (v.kind == Kind.BOOL || v.kind == Kind.LPAREN) throw error(v, "an orderable literal (number, string, timestamp, binary)");
                    yield literal(v);
                }
                default -> literal(next());
            };
            return new Comparison.Test(path, operator, negated, value);
        } finally {
            depth--;
        }
    }

    private ObjectPath objectPath() {
        Token type = expect(Kind.IDENT, "an object type such as ipv4-addr");
        expect(Kind.COLON, "':' after the object type");
        List<Step> steps = new ArrayList<>();
        Token first = next();
        if (first.kind == Kind.IDENT && !first.text.contains("-")) steps.add(new Step.Property(first.text));
        else if (first.kind == Kind.STRING) steps.add(new Step.Property(text(first).value()));
        else throw error(first, "a property name");
        while (true) {
            Token t = peek();
            if (t.kind == Kind.DOT) {
                pos++;
                Token n = next();
                if (n.kind == Kind.IDENT && !n.text.contains("-")) steps.add(new Step.Property(n.text));
                else if (n.kind == Kind.STRING) steps.add(new Step.Property(text(n).value()));
                else throw error(n, "a property name or a quoted name such as 'SHA-256'");
            } else if (t.kind == Kind.LBRACKET) {
                pos++;
                Token i = next();
                if (i.kind == Kind.STAR) steps.add(new Step.AnyIndex());
                else if (i.kind == Kind.INT && i.text.replaceFirst("^[+-]", "").length() <= 9) steps.add(new Step.Index(Integer.parseInt(i.text)));
                else throw error(i, "a list index or '*'");
                expect(Kind.RBRACKET, "']' after the list index");
            } else {
                return new ObjectPath(type.text, steps);
            }
        }
    }

    private Literal set() {
        expect(Kind.LPAREN, "'(' starting a set of values");
        List<Literal> values = new ArrayList<>();
        if (peek().kind != Kind.RPAREN) {
            values.add(literal(next()));
            while (peek().kind == Kind.COMMA) {
                pos++;
                values.add(literal(next()));
            }
        }
        expect(Kind.RPAREN, "',' or ')' in the set");
        return new Literal.Set(values);
    }

    private Literal literal(Token t) {
        return switch (t.kind) {
            case STRING -> text(t);
            case INT -> {
                try {
                    yield new Literal.Integer(Long.parseLong(t.text.replace("+", "")));
                } catch (NumberFormatException e) {
                    throw error(t, "an integer that fits 64 bits");
                }
            }
            case FLOAT -> new Literal.Decimal(Double.parseDouble(t.text));
            case BOOL -> new Literal.Bool(t.text.equalsIgnoreCase("true"));
            case BINARY -> {
                try {
                    yield new Literal.Bytes(Base64.getDecoder().decode(t.text));
                } catch (IllegalArgumentException e) {
                    throw error(t, "base64 inside b'...'");
                }
            }
            case HEX -> {
                if (t.text.length() % 2 != 0) throw error(t, "an even number of hex digits inside h'...'");
                yield new Literal.Bytes(HexFormat.of().parseHex(t.text));
            }
            case TIMESTAMP -> timestamp(t);
            default -> throw error(t, "a literal (string, number, boolean, b'...', h'...', t'...')");
        };
    }

    private Literal.Text text(Token t) {
        return new Literal.Text(t.text);
    }

    private Literal.Text regex(Token t) {
        try {
            java.util.regex.Pattern.compile(t.text);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw error(t, "a valid regular expression (" + e.getDescription() + ")");
        } catch (StackOverflowError e) {
            throw error(t, "a regular expression of reasonable nesting");
        }
        return new Literal.Text(t.text);
    }

    private Literal.Timestamp timestamp(Token t) {
        StixTimestamp ts = StixTimestamp.parseOrNull(t.text);
        if (ts == null) throw error(t, "an RFC 3339 UTC timestamp inside t'...'");
        return new Literal.Timestamp(ts.instant());
    }

    // ---- tokens ------------------------------------------------------------------------------------------------

    private void enter() {
        if (++depth > MAX_DEPTH) throw error(peek(), "at most " + MAX_DEPTH + " levels of nesting");
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind != Kind.END) pos++;
        return t;
    }

    private boolean keyword(String k) {
        Token t = peek();
        return t.kind == Kind.KEYWORD && t.text.equals(k);
    }

    private Token expect(Kind kind, String expected) {
        Token t = peek();
        if (t.kind != kind) throw error(t, expected);
        return next();
    }

    private void expectKeyword(String k) {
        if (!keyword(k)) throw error(peek(), k);
        pos++;
    }

    private static PatternSyntaxException error(Token t, String expected) {
        return new PatternSyntaxException(t.column, expected, t.describe());
    }

    private static List<Token> lex(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int col = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            switch (c) {
                case '[' -> { out.add(new Token(Kind.LBRACKET, "[", col)); i++; continue; }
                case ']' -> { out.add(new Token(Kind.RBRACKET, "]", col)); i++; continue; }
                case '(' -> { out.add(new Token(Kind.LPAREN, "(", col)); i++; continue; }
                case ')' -> { out.add(new Token(Kind.RPAREN, ")", col)); i++; continue; }
                case ':' -> { out.add(new Token(Kind.COLON, ":", col)); i++; continue; }
                case '.' -> { out.add(new Token(Kind.DOT, ".", col)); i++; continue; }
                case ',' -> { out.add(new Token(Kind.COMMA, ",", col)); i++; continue; }
                case '*' -> { out.add(new Token(Kind.STAR, "*", col)); i++; continue; }
                case '=' -> {
                    int len = s.startsWith("==", i) ? 2 : 1;
                    out.add(new Token(Kind.EQ, s.substring(i, i + len), col));
                    i += len;
                    continue;
                }
                case '!' -> {
                    if (!s.startsWith("!=", i)) throw new PatternSyntaxException(col, "'!='", "'!'");
                    out.add(new Token(Kind.NEQ, "!=", col));
                    i += 2;
                    continue;
                }
                case '<' -> {
                    if (s.startsWith("<>", i)) { out.add(new Token(Kind.NEQ, "<>", col)); i += 2; }
                    else if (s.startsWith("<=", i)) { out.add(new Token(Kind.LE, "<=", col)); i += 2; }
                    else { out.add(new Token(Kind.LT, "<", col)); i++; }
                    continue;
                }
                case '>' -> {
                    if (s.startsWith(">=", i)) { out.add(new Token(Kind.GE, ">=", col)); i += 2; }
                    else { out.add(new Token(Kind.GT, ">", col)); i++; }
                    continue;
                }
                case '\'' -> {
                    StringBuilder sb = new StringBuilder();
                    i = quoted(s, i, sb, col);
                    out.add(new Token(Kind.STRING, sb.toString(), col));
                    continue;
                }
                default -> { }
            }
            if ((c == 'b' || c == 'h' || c == 't') && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                int close = s.indexOf('\'', i + 2);
                if (close < 0) throw new PatternSyntaxException(col, "a closing quote", "end of pattern");
                String body = s.substring(i + 2, close);
                Kind k = c == 'b' ? Kind.BINARY : c == 'h' ? Kind.HEX : Kind.TIMESTAMP;
                if (k == Kind.HEX && !body.matches("[0-9a-fA-F]*")) throw new PatternSyntaxException(col, "hex digits inside h'...'", "'" + body + "'");
                if (k == Kind.BINARY && !body.matches("[A-Za-z0-9+/]*={0,2}")) throw new PatternSyntaxException(col, "base64 inside b'...'", "'" + body + "'");
                out.add(new Token(k, body, col));
                i = close + 1;
                continue;
            }
            if (Character.isLetter(c) && c < 128 || c == '_') {
                int j = i + 1;
                while (j < s.length() && (isIdent(s.charAt(j)) || s.charAt(j) == '-')) j++;
                String word = s.substring(i, j);
                Kind k = KEYWORDS.contains(word) ? Kind.KEYWORD
                        : word.equalsIgnoreCase("true") || word.equalsIgnoreCase("false") ? Kind.BOOL : Kind.IDENT;
                out.add(new Token(k, word, col));
                i = j;
                continue;
            }
            if (Character.isDigit(c) || ((c == '-' || c == '+') && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int j = i + 1;
                while (j < s.length() && Character.isDigit(s.charAt(j))) j++;
                boolean isFloat = false;
                if (j + 1 < s.length() && s.charAt(j) == '.' && Character.isDigit(s.charAt(j + 1))) {
                    isFloat = true;
                    j++;
                    while (j < s.length() && Character.isDigit(s.charAt(j))) j++;
                }
                out.add(new Token(isFloat ? Kind.FLOAT : Kind.INT, s.substring(i, j), col));
                i = j;
                continue;
            }
            throw new PatternSyntaxException(col, "a token", "'" + new String(Character.toChars(s.codePointAt(i))) + "'");
        }
        out.add(new Token(Kind.END, "", s.length() + 1));
        return out;
    }

    private static boolean isIdent(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }

    /** Reads a single-quoted string starting at {@code i}; only \' and \\ are escapes, as the grammar says. */
    private static int quoted(String s, int i, StringBuilder sb, int col) {
        int j = i + 1;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c == '\\') {
                if (j + 1 < s.length() && (s.charAt(j + 1) == '\'' || s.charAt(j + 1) == '\\')) {
                    sb.append(s.charAt(j + 1));
                    j += 2;
                    continue;
                }
                throw new PatternSyntaxException(j + 1, "\\' or \\\\ (the only escapes in a string)", "'\\'");
            }
            if (c == '\'') return j + 1;
            sb.append(c);
            j++;
        }
        throw new PatternSyntaxException(col, "a closing quote", "end of pattern");
    }
}
