/**
 * Data safe harbour at the hub: a hash-chained ledger of institutions' signed vault attestations, vault freshness
 * with a missed-run event, the custody registry with M-of-N restore approvals, and restore drill evidence.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Vault: data safe harbour")
package org.finres.vault;
