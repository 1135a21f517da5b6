/**
 * Vault-run attestations: what one backup of an institution's core data vaulted (business date, record counts,
 * control totals, hashes), in canonical JSON, signed by the institution's signing key for the hub's ledger.
 */
package org.finres.vault.engine.attestation;
