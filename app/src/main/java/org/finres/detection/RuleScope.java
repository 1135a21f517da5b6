package org.finres.detection;

import java.util.Locale;

import org.finres.core.InvalidInputException;

/**
 * Whose events a rule reads and whose alert it raises. Hub rules run on every institution's events with
 * correlations kept apart per institution; institution rules only on that institution's events; sector rules
 * correlate across institutions over the hub's detection facts (alerts and sightings) and raise sector alerts.
 */
public enum RuleScope {
    HUB, INSTITUTION, SECTOR;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RuleScope fromCode(String code) {
        if (code != null) {
            for (RuleScope s : values()) {
                if (s.code().equals(code.strip().toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
        }
        throw new InvalidInputException("scope", "must be one of hub, institution, sector (was '"
                + InvalidInputException.preview(code) + "')");
    }
}
