package org.finres.detection;

import java.util.Locale;

import org.finres.core.InvalidInputException;

/** Triage state: new, acknowledged by an analyst, closed with a reason. A closed alert is never reopened. */
public enum AlertStatus {
    NEW, ACKNOWLEDGED, CLOSED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AlertStatus fromCode(String code) {
        for (AlertStatus s : values()) {
            if (s.code().equals(code)) {
                return s;
            }
        }
        throw new InvalidInputException("status", "must be one of new, acknowledged, closed (was '"
                + InvalidInputException.preview(code) + "')");
    }
}
