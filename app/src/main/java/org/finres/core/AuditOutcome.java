package org.finres.core;

public enum AuditOutcome {
    /** The operation was carried out. */
    SUCCESS,
    /** The actor was refused: missing permission, another tenant's resource, a locked account. */
    DENIED,
    /** The operation was attempted and failed (a wrong password, invalid input). */
    FAILURE
}
