package org.finres.sigma.rule;

/**
 * The only exception the rule and condition parsers (and the rule compiler) throw on bad input. It carries where the
 * problem is (source, 1-based line and column, 0 when unknown) and whether the input is invalid Sigma or valid Sigma
 * that this engine does not support, because a loader reports the two differently.
 */
public final class SigmaRuleException extends RuntimeException {

    /** Invalid input versus a valid construct we knowingly do not implement. */
    public enum Kind { INVALID, UNSUPPORTED }

    private final Kind kind;
    private final String source;
    private final int line;
    private final int column;
    private final String reason;

    public SigmaRuleException(Kind kind, String source, int line, int column, String reason) {
        super(format(source, line, column, reason));
        this.kind = kind;
        this.source = source == null ? "" : source;
        this.line = Math.max(0, line);
        this.column = Math.max(0, column);
        this.reason = reason;
    }

    public static SigmaRuleException invalid(String source, int line, int column, String reason) {
        return new SigmaRuleException(Kind.INVALID, source, line, column, reason);
    }

    public static SigmaRuleException unsupported(String source, int line, int column, String reason) {
        return new SigmaRuleException(Kind.UNSUPPORTED, source, line, column, reason);
    }

    /** The same problem, placed in a source (used when a nested parser did not know the file name or line). */
    public SigmaRuleException locate(String newSource, int lineOffset, int columnOffset) {
        return new SigmaRuleException(kind, newSource, line + lineOffset, column + columnOffset, reason);
    }

    private static String format(String source, int line, int column, String reason) {
        StringBuilder b = new StringBuilder();
        if (source != null && !source.isEmpty()) b.append(source);
        if (line > 0) b.append(b.isEmpty() ? "" : ":").append(line).append(column > 0 ? ":" + column : "");
        if (!b.isEmpty()) b.append(": ");
        return b.append(reason).toString();
    }

    public Kind kind() { return kind; }
    public String source() { return source; }
    public int line() { return line; }
    public int column() { return column; }
    public String reason() { return reason; }
}
