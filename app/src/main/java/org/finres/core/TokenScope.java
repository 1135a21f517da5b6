package org.finres.core;

import java.util.Map;

import static org.finres.core.Permission.*;
import static org.finres.core.Permission.Reach.OWN;

/**
 * What an API token may be used for. A token never reaches beyond what its tenant's admin could do:
 * {@link #ADMIN} grants the admin role of the token's tenant, {@link #READ} its analyst role.
 */
public enum TokenScope {
    ADMIN("admin"),
    READ("read"),
    AUDIT_READ("audit:read"),
    /** Send events for the token's own institution only: what an institution's SOC forwarder needs, nothing more. */
    EVENTS_WRITE("events:write"),
    /**
     * Submit the own institution's signed vault attestations and drill evidence, and read its own vault records:
     * what a nightly vault job needs. It cannot register signing keys, so a leaked token cannot forge attestations.
     */
    VAULT_WRITE("vault:write"),
    /** Read and share threat intelligence over TAXII, and nothing else: what a member's TAXII client needs. */
    INTEL_WRITE("intel:write"),
    /**
     * Submit the own institution's signed resilience drill evidence and read its own resilience data: what a drill
     * runner needs. It cannot upload a register or change an operation.
     */
    RESILIENCE_WRITE("resilience:write");

    private final String code;

    TokenScope(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The permissions this scope grants to a token of the given tenant kind. */
    public Map<Permission, Permission.Reach> grantsFor(InstitutionKind kind) {
        return switch (this) {
            case ADMIN -> switch (kind) {
                case HUB -> Role.HUB_ADMIN.grants();
                case REGULATOR -> Role.REGULATOR.grants();
                case BANK, SECURITIES, INSURANCE, BILLS_FINANCE, CREDIT_COOPERATIVE, PAYMENT, OTHER ->
                        Role.INSTITUTION_ADMIN.grants();
            };
            case READ -> switch (kind) {
                case HUB -> Role.HUB_ANALYST.grants();
                // The regulator has one role; its read token reads like it but never acts as an escrow custodian.
                case REGULATOR -> readOnly(Role.REGULATOR.grants());
                case BANK, SECURITIES, INSURANCE, BILLS_FINANCE, CREDIT_COOPERATIVE, PAYMENT, OTHER ->
                        Role.INSTITUTION_ANALYST.grants();
            };
            case AUDIT_READ -> switch (kind) {
                case HUB, REGULATOR -> Map.of(Permission.AUDIT_READ, Permission.Reach.ALL,
                        AUDIT_VERIFY, Permission.Reach.ALL);
                case BANK, SECURITIES, INSURANCE, BILLS_FINANCE, CREDIT_COOPERATIVE, PAYMENT, OTHER ->
                        Map.of(Permission.AUDIT_READ, OWN);
            };
            case EVENTS_WRITE -> Map.of(Permission.EVENTS_WRITE, OWN);
            case VAULT_WRITE -> Map.of(Permission.VAULT_WRITE, OWN, Permission.VAULT_READ, OWN);
            case RESILIENCE_WRITE -> switch (kind) {
                case HUB, REGULATOR -> Map.of();
                case BANK, SECURITIES, INSURANCE, BILLS_FINANCE, CREDIT_COOPERATIVE, PAYMENT, OTHER ->
                        Map.of(Permission.RESILIENCE_WRITE, OWN, Permission.RESILIENCE_READ, OWN);
            };
            case INTEL_WRITE -> switch (kind) {
                case HUB -> Map.of(Permission.INTEL_READ, Permission.Reach.ALL, Permission.INTEL_WRITE, Permission.Reach.ALL);
                case REGULATOR -> Map.of();
                case BANK, SECURITIES, INSURANCE, BILLS_FINANCE, CREDIT_COOPERATIVE, PAYMENT, OTHER ->
                        Map.of(Permission.INTEL_READ, OWN, Permission.INTEL_WRITE, OWN);
            };
        };
    }

    private static Map<Permission, Permission.Reach> readOnly(Map<Permission, Permission.Reach> grants) {
        Map<Permission, Permission.Reach> out = new java.util.EnumMap<>(grants);
        out.remove(Permission.VAULT_CUSTODY);
        return out;
    }

    /** The scopes' codes for messages: "admin, read, audit:read, events:write, vault:write". */
    public static String codes() {
        return String.join(", ", java.util.Arrays.stream(values()).map(TokenScope::code).toList());
    }

    public static TokenScope fromCode(String code) {
        for (TokenScope scope : values()) {
            if (scope.code.equals(code)) {
                return scope;
            }
        }
        throw new InvalidInputException("scopes", "unknown scope '" + InvalidInputException.preview(code)
                + "'; expected one of " + codes(), "scopes.unknown", InvalidInputException.preview(code));
    }
}
