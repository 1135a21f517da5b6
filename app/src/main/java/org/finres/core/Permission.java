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
    EVENTS_WRITE,
    /** Read alerts (an institution: its own, and its own part of sector alerts). */
    ALERTS_READ,
    /** Acknowledge and close alerts. */
    ALERTS_TRIAGE,
    /** Read the detection rule catalogue (an institution: the hub's rules and its own). */
    RULES_READ,
    /** Upload, enable, disable detection rules (an institution: rules scoped to itself only). */
    RULES_MANAGE,
    /** Read the indicator list the hub matches events against. */
    INDICATORS_READ,
    /** Add and retire indicators. */
    INDICATORS_MANAGE,
    /** Read the vault's attestation ledger, freshness, custody registry, restore requests and drills. */
    VAULT_READ,
    /** Submit signed vault attestations and drill evidence (machine tokens with the vault:write scope). */
    VAULT_WRITE,
    /** Register and retire the institution's attestation signing keys (what makes an attestation believable). */
    VAULT_KEYS,
    /**
     * Act in an escrow as the tenant one holds a custody role for: register one's custodian key, request a restore
     * as the restoring institution, approve or deny as a custodian. Which role a tenant holds is the registry's.
     */
    VAULT_CUSTODY,
    /** Set an institution's escrow threshold and its restoring institution (the hub operator). */
    VAULT_MANAGE,
    /** Read shared threat intelligence (TAXII collections); what an object's TLP and sharing scope allow. */
    INTEL_READ,
    /** Share threat intelligence: post objects to writable collections, delete one's own; acknowledge warnings. */
    INTEL_WRITE,
    /**
     * Declare what the institution runs and depends on (products, suppliers, address ranges, domains), which decides
     * the early warnings it gets, and where they are delivered (webhooks, e-mail addresses).
     */
    EXPOSURE_MANAGE,
    /** Read the own institution's resilience register, its analysis, drills, operations and reports. */
    RESILIENCE_READ,
    /** Upload the institution's resilience register (a new version). */
    RESILIENCE_MANAGE,
    /** Run the command view of a drill or incident: open operations, set status and assignees, mark steps. */
    RESILIENCE_OPERATE,
    /** Submit signed drill evidence (machine tokens with the resilience:write scope). */
    RESILIENCE_WRITE,
    /**
     * Read the sector's resilience aggregates: concentration, counts, drill outcomes per institution. Never a
     * member's register itself.
     */
    RESILIENCE_SECTOR,
    /** Read the sharing credit ranking (every member's points) and ledgers (an institution: its own). */
    CREDIT_READ,
    /** Mark shared indicators false positive and adjust a member's credit by hand (hub analysts and admins). */
    CREDIT_MANAGE;

    /** How far a granted permission reaches: only the actor's own tenant, or every tenant. */
    public enum Reach { OWN, ALL }
}
