package org.finres.credit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a ledger entry was earned (or lost) for. */
public enum CreditKind {
    /** The first report of an indicator's pattern in a collection. */
    FIRST_REPORT,
    /** Sharing a pattern another member had already shared: independent confirmation. */
    CORROBORATION,
    /** Another member's events held the institution's indicator (credited to the indicator's submitter). */
    SIGHTING_CONFIRMS_OTHER,
    /** The institution's events held another member's indicator, and the hub was told (credited to the sighting member). */
    SIGHTING_REPORTED,
    TIMELY_ACKNOWLEDGEMENT,
    LATE_ACKNOWLEDGEMENT,
    /** A warning went unacknowledged past its deadline. */
    ESCALATED,
    /** A hub analyst marked the institution's indicator false positive (and what it earned through sightings is taken back). */
    FALSE_POSITIVE_PENALTY,
    /** A hub operator's correction, always with a reason. */
    MANUAL_ADJUSTMENT;

    /** The external name: {@code first-report}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<CreditKind> ofCode(String code) {
        return code == null ? Optional.empty() : Arrays.stream(values()).filter(k -> k.code().equals(code)).findFirst();
    }
}
