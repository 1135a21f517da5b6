package org.finres.vault;

/**
 * FRESH: the business date due by the latest cut-off (or a later one) is attested. LATE: the institution has vaulted
 * before but not that date. MISSING: it has never vaulted.
 */
public enum FreshnessStatus { FRESH, LATE, MISSING }
