package org.finres.coredata;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A booked entry on an account. The amount is never negative; the direction says which way it moves the balance
 * (as camt.053's Amt and CdtDbtInd), so a sign can never be lost or doubled.
 */
public record Transaction(String id, String accountId, LocalDate bookingDate, LocalDate valueDate, BigDecimal amount,
        Direction direction, CurrencyCode currency, String counterpartyReference, String description)
        implements CoreRecord {

    public Transaction {
        Fields.id(id, "transaction id");
        Fields.id(accountId, "account id");
        Fields.required(bookingDate, "booking date");
        Fields.required(valueDate, "value date");
        Fields.required(direction, "direction");
        Fields.required(currency, "currency");
        currency.requireScale(amount, "amount");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount " + amount.toPlainString()
                    + " is negative; give its magnitude and the direction DEBIT or CREDIT");
        }
        counterpartyReference = Fields.text(counterpartyReference, "counterparty reference");
        description = Fields.text(description, "description");
    }

    /** The amount as it moves the balance: positive for credits, negative for debits. */
    public BigDecimal signedAmount() {
        return direction.signed(amount);
    }

    @Override
    public String recordId() {
        return id;
    }

    @Override
    public Entity entity() {
        return Entity.TRANSACTIONS;
    }
}
