package org.finres.resilience.drill.evidence;

import java.time.Duration;
import java.util.regex.Pattern;

/** The shapes evidence values must have, and the one way a wrong one is reported. */
final class EvidenceFields {

    static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    static final Pattern INSTITUTION = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    /** The register's element id shape. */
    static final Pattern ELEMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,199}");
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

    private EvidenceFields() {
    }

    static void require(boolean ok, String field, String expected, Object found) {
        if (!ok) {
            throw new MalformedEvidenceException("evidence field " + field + " must be " + expected
                    + (found == null ? "" : ", found " + shorten(String.valueOf(found))));
        }
    }

    static void nonNegative(String field, Duration d) {
        require(d == null || !d.isNegative(), field, "a duration >= 0", d);
    }

    static String shorten(String s) {
        return s == null ? "nothing" : s.length() <= 80 ? "'" + s + "'" : "'" + s.substring(0, 77) + "...'";
    }
}
