/** The vault module's internals: ledger hashing, the business calendar, settings and the missed-run schedule. */
package org.finres.vault.internal;
