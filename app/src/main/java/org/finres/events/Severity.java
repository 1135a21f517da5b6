package org.finres.events;

import java.util.Optional;

/** OCSF {@code severity_id}: the normalised severity every decoder maps its source's own scale onto. */
public enum Severity {
    UNKNOWN(0, "Unknown"),
    INFORMATIONAL(1, "Informational"),
    LOW(2, "Low"),
    MEDIUM(3, "Medium"),
    HIGH(4, "High"),
    CRITICAL(5, "Critical"),
    FATAL(6, "Fatal"),
    OTHER(99, "Other");

    private final int id;
    private final String caption;

    Severity(int id, String caption) {
        this.id = id;
        this.caption = caption;
    }

    public int id() {
        return id;
    }

    public String caption() {
        return caption;
    }

    public static Optional<Severity> ofId(long id) {
        for (Severity severity : values()) {
            if (severity.id == id) {
                return Optional.of(severity);
            }
        }
        return Optional.empty();
    }
}
