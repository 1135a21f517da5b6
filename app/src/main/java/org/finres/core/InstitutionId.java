package org.finres.core;

import java.util.regex.Pattern;

/** A tenant's stable identifier: lower-case letters, digits and hyphens, 2 to 63 characters. */
public record InstitutionId(String value) implements Comparable<InstitutionId> {

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    public static final InstitutionId HUB = new InstitutionId("hub");
    public static final InstitutionId REGULATOR = new InstitutionId("regulator");

    public InstitutionId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidInputException("institutionId",
                    "must be 2-63 lower-case letters, digits or hyphens, starting with a letter or digit (was '"
                            + InvalidInputException.preview(value) + "')", "institutionId.shape");
        }
    }

    public static InstitutionId of(String value) {
        return new InstitutionId(value);
    }

    @Override
    public int compareTo(InstitutionId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
