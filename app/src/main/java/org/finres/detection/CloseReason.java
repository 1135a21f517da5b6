package org.finres.detection;

import java.util.Locale;

import org.finres.core.InvalidInputException;

/** Why an alert was closed; the intelligence module penalises indicators whose alerts are false positives. */
public enum CloseReason {
    RESOLVED, FALSE_POSITIVE, BENIGN, DUPLICATE, ESCALATED_TO_INCIDENT;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static CloseReason fromCode(String code) {
        for (CloseReason r : values()) {
            if (r.code().equals(code)) {
                return r;
            }
        }
        throw new InvalidInputException("reason", "must be one of resolved, false-positive, benign, duplicate, "
                + "escalated-to-incident (was '" + InvalidInputException.preview(code) + "')");
    }
}
