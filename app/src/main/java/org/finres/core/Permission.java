package org.finres.core;

/** What an actor may do. Roles and token scopes grant permissions, each with a {@link Reach}. */
public enum Permission {
    INSTITUTIONS_READ,
    INSTITUTIONS_MANAGE,
    USERS_READ,
    USERS_MANAGE,
    TOKENS_READ,
    TOKENS_MANAGE,
    AUDIT_READ,
    AUDIT_VERIFY,
    /** Search and read security events and dead letters. */
    EVENTS_READ,
    /** Send security events (machine tokens of an institution's SOC). */
    EVENTS_WRITE;

    /** How far a granted permission reaches: only the actor's own tenant, or every tenant. */
    public enum Reach { OWN, ALL }
}
