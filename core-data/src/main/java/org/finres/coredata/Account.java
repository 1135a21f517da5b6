package org.finres.coredata;

import java.time.LocalDate;

/**
 * An account held by a customer, in one currency.
 *
 * @param opened the date the account was opened, or null when the source does not say (camt.053 does not)
 */
public record Account(String id, String customerId, AccountType type, CurrencyCode currency, AccountStatus status,
        LocalDate opened) implements CoreRecord {

    public Account {
        Fields.id(id, "account id");
        Fields.id(customerId, "customer id");
        Fields.required(type, "account type");
        Fields.required(currency, "currency");
        Fields.required(status, "account status");
    }

    @Override
    public String recordId() {
        return id;
    }

    @Override
    public Entity entity() {
        return Entity.ACCOUNTS;
    }
}
