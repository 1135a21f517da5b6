package org.finres.detection;

import java.util.Locale;

/** What raised an alert. */
public enum AlertKind {
    /** One event matched a detection rule. */
    DETECTION,
    /** A correlation rule's condition was met within its window. */
    CORRELATION,
    /** An event's observable matched an indicator. */
    INDICATOR,
    /** The same attacker reached several institutions (a sector-scope rule). */
    SECTOR,
    /** An event source sent nothing for longer than expected. */
    SOURCE_SILENT,
    /** An institution attested no vault run for a business date whose cut-off has passed. */
    VAULT_MISSED;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static AlertKind fromCode(String code) {
        for (AlertKind k : values()) {
            if (k.code().equals(code)) {
                return k;
            }
        }
        throw new org.finres.core.InvalidInputException("kind", "must be one of detection, correlation, indicator, "
                + "sector, source-silent, vault-missed (was '" + org.finres.core.InvalidInputException.preview(code) + "')");
    }
}
