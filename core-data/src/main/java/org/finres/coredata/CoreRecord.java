package org.finres.coredata;

/** One line of a standard dataset: a customer, an account, a balance or a transaction. */
public sealed interface CoreRecord permits Customer, Account, Balance, Transaction {

    /** The record's key within its file: customer id, account id, the balance's account id, transaction id. */
    String recordId();

    /** Which file of the dataset the record belongs in. */
    Entity entity();
}
