package org.finres.sigma.rule;

import java.util.Locale;

/** Rule criticality as defined by the specification; ordered from least to most severe. */
public enum Level {
    INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL;

    public String token() { return name().toLowerCase(Locale.ROOT); }

    /** Returns null for an unknown token so the parser can report where it is. */
    static Level fromToken(String token) {
        for (Level l : values()) if (l.token().equals(token)) return l;
        return null;
    }
}
