package org.finres.coredata;

/** Whether the account can be used; CLOSED accounts may leave the next business date's dataset. */
public enum AccountStatus {
    ACTIVE, DORMANT, FROZEN, CLOSED
}
