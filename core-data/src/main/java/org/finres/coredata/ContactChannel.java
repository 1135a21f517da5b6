package org.finres.coredata;

/** How the restoring institution can reach the customer. */
public enum ContactChannel {
    EMAIL, PHONE, POSTAL, BRANCH, NONE
}
