package org.finres.core;

/** Input that breaks a rule; names the field and what is wrong. Shown to the caller as a 400. */
public class InvalidInputException extends RuntimeException {
    private final String field;
    private final String rule;
    private final transient Object[] args;

    public InvalidInputException(String field, String problem) {
        this(field, problem, null);
    }

    /**
     * @param rule names the rule broken (message key {@code validation.<rule>}), so that pages can say it in the
     *             visitor's language; {@code args} fill the message's placeholders
     */
    public InvalidInputException(String field, String problem, String rule, Object... args) {
        super(field + " " + problem);
        this.field = field;
        this.rule = rule;
        this.args = args == null ? new Object[0] : args.clone();
    }

    public String field() {
        return field;
    }

    /** The rule broken, or null when the message exists in English only. */
    public String rule() {
        return rule;
    }

    public Object[] args() {
        return args.clone();
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
