package org.finres.warning;

import java.util.Locale;

import org.finres.core.InvalidInputException;

/** How urgent a warning is; the scale of the sector's incident levels, low to critical. */
public enum WarningSeverity {
    LOW, MEDIUM, HIGH, CRITICAL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WarningSeverity fromCode(String code) {
        for (WarningSeverity s : values()) {
            if (s.code().equals(code == null ? null : code.strip().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new InvalidInputException("severity", "must be low, medium, high or critical, not '"
                + InvalidInputException.preview(code) + "'");
    }
}
