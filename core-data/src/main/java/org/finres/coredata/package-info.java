/**
 * The standard core-data format of the data safe harbour: customers, accounts, balances and transactions of one
 * business date with control totals, imported from CSV, JSON Lines or ISO 20022 camt.053 and validated so that
 * the numbers add up (see core-data/FORMAT.md).
 */
package org.finres.coredata;
