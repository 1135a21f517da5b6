package org.finres.coredata;

/** The kinds of discrepancy the validator reports (FORMAT.md, "Validation", explains each). */
public enum DiscrepancyKind {
    /** A line of a dataset file is not a valid record of its kind (bad JSON, missing field, wrong scale). */
    MALFORMED_RECORD,
    /** A dataset file's SHA-256 differs from the one dataset.json recorded when it was written. */
    FILE_CHECKSUM_MISMATCH,
    /** The number of records in a file differs from the count dataset.json declares. */
    RECORD_COUNT_MISMATCH,
    /** A control total recomputed from the records differs from the one declared (dataset.json or the source). */
    CONTROL_TOTAL_MISMATCH,
    /** Opening balance plus the day's signed entries is not the closing balance. */
    BALANCE_DOES_NOT_ADD_UP,
    /** Two records with the same key (customer id, account id, a second balance for an account, transaction id). */
    DUPLICATE_RECORD,
    /** A transaction or balance names an account the dataset does not contain. */
    UNKNOWN_ACCOUNT,
    /** An account names a customer the dataset does not contain. */
    UNKNOWN_CUSTOMER,
    /** An account has no balance record for the business date. */
    MISSING_BALANCE,
    /** A balance or transaction is in another currency than its account. */
    CURRENCY_MISMATCH,
    /** A balance of another business date, or a transaction booked on another date than the dataset's. */
    WRONG_BUSINESS_DATE,
    /** Today's opening balance is not the previous business date's closing balance. */
    OPENING_DIFFERS_FROM_PREVIOUS_CLOSING,
    /** An account of the previous business date (not closed there) is missing today. */
    ACCOUNT_VANISHED,
    /** An account that was not in the previous dataset appears today without being opened since then at zero. */
    ACCOUNT_APPEARED_WITHOUT_OPENING,
    /** The previous dataset is of another institution, or not of an earlier business date. */
    PREVIOUS_DATASET_MISMATCH
}
