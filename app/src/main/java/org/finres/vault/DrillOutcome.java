package org.finres.vault;

/** How a restore drill ended: PASSED only with matching control totals, no discrepancy and within the target. */
public enum DrillOutcome { PASSED, FAILED }
