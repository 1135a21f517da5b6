package org.finres.coredata;

/** Where the customer's know-your-customer review stands; a restoring institution needs it before paying out. */
public enum KycStatus {
    VERIFIED, PENDING, EXPIRED, REJECTED
}
