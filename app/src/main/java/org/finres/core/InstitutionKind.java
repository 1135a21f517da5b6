package org.finres.core;

/**
 * What kind of tenant an institution is. {@link #HUB} (the F-ISAC / F-SOC operator) and {@link #REGULATOR}
 * are the two special tenants; every other kind is a member institution.
 */
public enum InstitutionKind {
    HUB, REGULATOR, BANK, SECURITIES, INSURANCE, BILLS_FINANCE, CREDIT_COOPERATIVE, PAYMENT, OTHER;

    /** The external name: lower case with hyphens ("bills-finance"). */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static InstitutionKind fromCode(String code) {
        for (InstitutionKind kind : values()) {
            if (kind.code().equals(code) || kind.name().equals(code)) {
                return kind;
            }
        }
        throw new InvalidInputException("kind", "unknown kind '" + InvalidInputException.preview(code)
                + "'; expected one of bank, securities, insurance, bills-finance, credit-cooperative, payment, other", "kind.unknown", InvalidInputException.preview(code));
    }

    public boolean isMember() {
        return this != HUB && this != REGULATOR;
    }
}
