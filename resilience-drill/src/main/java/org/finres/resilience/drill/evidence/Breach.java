package org.finres.resilience.drill.evidence;

import java.util.Set;

/**
 * One tolerance a drill breached: {@code tolerance} is {@code maxTolerableDowntime}, {@code rto}, {@code rpo},
 * {@code transfersLost} or {@code notRecovered}; {@code detail} says by how much, in words.
 */
public record Breach(String tolerance, String detail) {

    public static final Set<String> TOLERANCES = Set.of("maxTolerableDowntime", "rto", "rpo", "transfersLost",
            "notRecovered");

    public Breach {
        EvidenceFields.require(tolerance != null && TOLERANCES.contains(tolerance), "breach tolerance",
                "one of " + String.join(", ", new java.util.TreeSet<>(TOLERANCES)), tolerance);
        EvidenceFields.require(detail != null && detail.length() <= 2_000, "breach detail",
                "a text of at most 2000 characters", detail == null ? null : detail.length());
    }
}
