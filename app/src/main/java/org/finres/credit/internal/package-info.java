/** The ledger's storage, the scoring rules in force, and the listeners that turn shares, sightings and acknowledgements into entries. */
package org.finres.credit.internal;
