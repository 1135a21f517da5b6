package org.finres.core;

/** Input that breaks a rule; names the field and what is wrong. Shown to the caller as a 400. */
public class InvalidInputException extends RuntimeException {
    private final String field;

    public InvalidInputException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** A short, printable excerpt of a bad value for an error message (never the whole of a huge input). */
    public static String preview(String value) {
        if (value == null) {
            return "null";
        }
        String printable = value.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...";
    }
}
