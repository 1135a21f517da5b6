package org.finres.events.internal.grading;

import java.util.Locale;

/** OCSF severity_id values, in order of gravity (Other is kept last and treated as unknown gravity). */
public enum Severity {
    UNKNOWN(0), INFORMATIONAL(1), LOW(2), MEDIUM(3), HIGH(4), CRITICAL(5), FATAL(6), OTHER(99);

    private final int id;

    Severity(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public static Severity ofId(int id) {
        for (Severity s : values()) {
            if (s.id == id) {
                return s;
            }
        }
        return UNKNOWN;
    }

    public static Severity ofName(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    /** Gravity for comparisons; Other ranks with Unknown. */
    public int rank() {
        return this == OTHER ? 0 : id;
    }
}
