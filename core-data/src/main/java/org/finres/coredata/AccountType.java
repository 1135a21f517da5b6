package org.finres.coredata;

/** The kind of account; camt.053 Acct/Tp/Cd codes map onto it (CACC current, SVGS savings, LOAN, CARD...). */
public enum AccountType {
    CURRENT, SAVINGS, TIME_DEPOSIT, LOAN, CARD, OTHER;

    /** ISO 20022 ExternalCashAccountType1Code to our type; unknown codes are OTHER. */
    public static AccountType fromIsoCode(String code) {
        return switch (code == null ? "" : code) {
            case "CACC", "TRAN", "SLRY", "CASH", "COMM" -> CURRENT;
            case "SVGS", "ONDP", "MGLD" -> SAVINGS;
            case "TRAS", "NREX" -> TIME_DEPOSIT;
            case "LOAN", "MOMA" -> LOAN;
            case "CARD" -> CARD;
            default -> OTHER;
        };
    }
}
