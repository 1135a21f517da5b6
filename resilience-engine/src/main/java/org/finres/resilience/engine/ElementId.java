package org.finres.resilience.engine;

import java.util.regex.Pattern;

/** The register-wide identifier of a service, an element or a redundancy group. */
public record ElementId(String value) implements Comparable<ElementId> {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,199}");

    public ElementId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("an id is 1 to 200 letters, digits or ._:/@- and starts with a letter"
                    + " or digit, not " + (value == null ? "nothing" : "'" + abbreviate(value) + "'"));
        }
    }

    public static ElementId of(String value) {
        return new ElementId(value);
    }

    /** Whether {@code value} would make a valid id (the reader reports a bad one instead of throwing). */
    public static boolean isValid(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    @Override
    public int compareTo(ElementId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
