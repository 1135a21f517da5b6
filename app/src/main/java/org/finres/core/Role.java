package org.finres.core;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import static org.finres.core.Permission.*;
import static org.finres.core.Permission.Reach.ALL;
import static org.finres.core.Permission.Reach.OWN;

/**
 * A user's role. Each role belongs to one kind of tenant, so that an institution's user can never hold a
 * hub-wide role. Least privilege: analysts read, admins manage, the regulator oversees without changing.
 */
public enum Role {
    HUB_ADMIN("hub-admin", Map.ofEntries(
            Map.entry(INSTITUTIONS_READ, ALL), Map.entry(INSTITUTIONS_MANAGE, ALL), Map.entry(USERS_READ, ALL),
            Map.entry(USERS_MANAGE, ALL), Map.entry(TOKENS_READ, ALL), Map.entry(TOKENS_MANAGE, ALL),
            Map.entry(AUDIT_READ, ALL), Map.entry(AUDIT_VERIFY, ALL), Map.entry(EVENTS_READ, ALL),
            Map.entry(ALERTS_READ, ALL), Map.entry(ALERTS_TRIAGE, ALL), Map.entry(RULES_READ, ALL),
            Map.entry(RULES_MANAGE, ALL), Map.entry(INDICATORS_READ, ALL), Map.entry(INDICATORS_MANAGE, ALL),
            Map.entry(VAULT_READ, ALL), Map.entry(VAULT_CUSTODY, OWN), Map.entry(VAULT_MANAGE, ALL),
            Map.entry(INTEL_READ, ALL), Map.entry(INTEL_WRITE, ALL), Map.entry(EXPOSURE_MANAGE, ALL),
            Map.entry(RESILIENCE_READ, ALL), Map.entry(RESILIENCE_OPERATE, ALL), Map.entry(RESILIENCE_SECTOR, ALL),
            Map.entry(CREDIT_READ, ALL), Map.entry(CREDIT_MANAGE, ALL))),
    /** Detection engineering is analysts' work: they write rules and indicators, and triage for the sector. */
    HUB_ANALYST("hub-analyst", Map.ofEntries(
            Map.entry(INSTITUTIONS_READ, ALL), Map.entry(USERS_READ, OWN), Map.entry(EVENTS_READ, ALL),
            Map.entry(ALERTS_READ, ALL), Map.entry(ALERTS_TRIAGE, ALL), Map.entry(RULES_READ, ALL),
            Map.entry(RULES_MANAGE, ALL), Map.entry(INDICATORS_READ, ALL), Map.entry(INDICATORS_MANAGE, ALL),
            Map.entry(VAULT_READ, ALL), Map.entry(INTEL_READ, ALL), Map.entry(INTEL_WRITE, ALL),
            Map.entry(RESILIENCE_READ, ALL), Map.entry(RESILIENCE_OPERATE, ALL), Map.entry(RESILIENCE_SECTOR, ALL),
            Map.entry(CREDIT_READ, ALL), Map.entry(CREDIT_MANAGE, ALL))),
    /**
     * Oversees every institution's vault; acts in an escrow only as the REGULATOR custodian it is; sees the
     * sector's resilience in aggregate, never a member's register; reads the sharing credit ranking.
     */
    REGULATOR("regulator", Map.of(INSTITUTIONS_READ, ALL, USERS_READ, OWN, AUDIT_READ, ALL, AUDIT_VERIFY, ALL,
            VAULT_READ, ALL, VAULT_CUSTODY, OWN, RESILIENCE_SECTOR, ALL, CREDIT_READ, ALL)),
    INSTITUTION_ADMIN("institution-admin", Map.ofEntries(
            Map.entry(INSTITUTIONS_READ, OWN), Map.entry(USERS_READ, OWN), Map.entry(USERS_MANAGE, OWN),
            Map.entry(TOKENS_READ, OWN), Map.entry(TOKENS_MANAGE, OWN), Map.entry(AUDIT_READ, OWN),
            Map.entry(EVENTS_READ, OWN), Map.entry(ALERTS_READ, OWN), Map.entry(ALERTS_TRIAGE, OWN),
            Map.entry(RULES_READ, OWN), Map.entry(RULES_MANAGE, OWN), Map.entry(VAULT_READ, OWN),
            Map.entry(VAULT_KEYS, OWN), Map.entry(VAULT_CUSTODY, OWN), Map.entry(INTEL_READ, OWN),
            Map.entry(INTEL_WRITE, OWN), Map.entry(EXPOSURE_MANAGE, OWN), Map.entry(RESILIENCE_READ, OWN),
            Map.entry(RESILIENCE_MANAGE, OWN), Map.entry(RESILIENCE_OPERATE, OWN), Map.entry(CREDIT_READ, OWN))),
    INSTITUTION_ANALYST("institution-analyst", Map.ofEntries(
            Map.entry(INSTITUTIONS_READ, OWN), Map.entry(USERS_READ, OWN), Map.entry(EVENTS_READ, OWN),
            Map.entry(ALERTS_READ, OWN), Map.entry(ALERTS_TRIAGE, OWN), Map.entry(RULES_READ, OWN),
            Map.entry(VAULT_READ, OWN), Map.entry(INTEL_READ, OWN), Map.entry(INTEL_WRITE, OWN),
            Map.entry(RESILIENCE_READ, OWN), Map.entry(RESILIENCE_OPERATE, OWN), Map.entry(CREDIT_READ, OWN)));

    private final String code;
    private final Map<Permission, Permission.Reach> grants;

    Role(String code, Map<Permission, Permission.Reach> grants) {
        this.code = code;
        this.grants = new EnumMap<>(grants);
    }

    /** The external name used in the API, the CLI and the UI ("hub-admin", ...). */
    public String code() {
        return code;
    }

    public Map<Permission, Permission.Reach> grants() {
        return grants;
    }

    /** The roles a user of this kind of tenant may hold. */
    public static Set<Role> allowedFor(InstitutionKind kind) {
        return switch (kind) {
            case HUB -> Set.of(HUB_ADMIN, HUB_ANALYST);
            case REGULATOR -> Set.of(REGULATOR);
            case BANK, SECURITIES, INSURANCE, BILLS_FINANCE, CREDIT_COOPERATIVE, PAYMENT, OTHER ->
                    Set.of(INSTITUTION_ADMIN, INSTITUTION_ANALYST);
        };
    }

    public static Role fromCode(String code) {
        for (Role role : values()) {
            if (role.code.equals(code) || role.name().equals(code)) {
                return role;
            }
        }
        throw new InvalidInputException("role", "unknown role '" + InvalidInputException.preview(code)
                + "'; expected one of hub-admin, hub-analyst, regulator, institution-admin, institution-analyst", "role.unknown", InvalidInputException.preview(code));
    }
}
