package org.finres.stix.pattern;

/** A pattern that does not follow the STIX patterning grammar: the 1-based column and what was expected there. */
public final class PatternSyntaxException extends RuntimeException {

    private final int column;
    private final String expected;

    public PatternSyntaxException(int column, String expected, String found) {
        super("column " + column + ": expected " + expected + ", found " + found);
        this.column = column;
        this.expected = expected;
    }

    public int column() {
        return column;
    }

    public String expected() {
        return expected;
    }
}
