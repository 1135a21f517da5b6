package org.finres.stix.model;

/**
 * Input that is not STIX JSON at all (broken JSON, no {@code type}, no usable {@code id}, not UTF-8). Carries the JSON
 * path of the offending object and, for syntax errors, the line and column. Objects that are well-formed JSON but
 * break STIX rules are read fine and reported by the validator instead.
 */
public final class StixFormatException extends RuntimeException {

    private final String path;
    private final long line;
    private final long column;

    public StixFormatException(String path, String message) {
        this(path, -1, -1, message, null);
    }

    public StixFormatException(String path, long line, long column, String message, Throwable cause) {
        super(path + (line > 0 ? " (line " + line + ", column " + column + ")" : "") + ": " + message, cause);
        this.path = path;
        this.line = line;
        this.column = column;
    }

    /** The JSON path of the object or value at fault, such as {@code $.objects[3]}. */
    public String path() {
        return path;
    }

    /** 1-based line of a syntax error, or -1. */
    public long line() {
        return line;
    }

    /** 1-based column of a syntax error, or -1. */
    public long column() {
        return column;
    }
}
