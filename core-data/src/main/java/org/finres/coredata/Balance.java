package org.finres.coredata;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An account's booked balances for one business date, signed (a debit balance is negative), each at the
 * currency's scale. Opening plus the signed transactions booked on the date must equal closing.
 */
public record Balance(String accountId, LocalDate businessDate, BigDecimal opening, BigDecimal closing,
        BigDecimal available, CurrencyCode currency) implements CoreRecord {

    public Balance {
        Fields.id(accountId, "account id");
        Fields.required(businessDate, "business date");
        Fields.required(currency, "currency");
        currency.requireScale(opening, "opening balance");
        currency.requireScale(closing, "closing balance");
        currency.requireScale(available, "available balance");
    }

    @Override
    public String recordId() {
        return accountId;
    }

    @Override
    public Entity entity() {
        return Entity.BALANCES;
    }
}
