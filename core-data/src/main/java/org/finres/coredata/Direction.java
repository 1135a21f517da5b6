package org.finres.coredata;

import java.math.BigDecimal;

/** Whether an entry adds to (credit) or takes from (debit) the account's balance, as camt.053's CdtDbtInd. */
public enum Direction {
    CREDIT, DEBIT;

    /** The amount with the sign it has on the balance: credits positive, debits negative. */
    public BigDecimal signed(BigDecimal amount) {
        return this == CREDIT ? amount : amount.negate();
    }

    /** Accepts CREDIT/DEBIT and the ISO 20022 codes CRDT/DBIT, any case. */
    public static Direction parse(String text) {
        if (text != null) {
            switch (text.strip().toUpperCase(java.util.Locale.ROOT)) {
                case "CREDIT", "CRDT", "CR" -> { return CREDIT; }
                case "DEBIT", "DBIT", "DR" -> { return DEBIT; }
                default -> { }
            }
        }
        throw new IllegalArgumentException("direction must be CREDIT or DEBIT (or CRDT/DBIT), got "
                + CurrencyCode.quote(text));
    }
}
