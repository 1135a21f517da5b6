package org.finres.resilience.drill.evidence;

import java.util.Locale;

/** What a timeline entry records; written in lower case on the wire. */
public enum EntryKind {
    /** The runner moved to a phase: steady-state check, fault, observation, rollback, end. */
    PHASE,
    /** A probe changed state (first result, up to down, down to up), with its measurement. */
    PROBE,
    /** The fault was injected, with what the command or hook returned. */
    FAULT,
    /** An abort condition fired. */
    ABORT,
    /** A rollback action ran, with its result. */
    ROLLBACK,
    /** The workload's totals and the reconciliation. */
    WORKLOAD;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static EntryKind fromWire(String s) {
        for (EntryKind k : values()) {
            if (k.wire().equals(s)) {
                return k;
            }
        }
        throw new MalformedEvidenceException("timeline kind must be one of phase, probe, fault, abort, rollback, "
                + "workload; found " + EvidenceFields.shorten(s));
    }
}
