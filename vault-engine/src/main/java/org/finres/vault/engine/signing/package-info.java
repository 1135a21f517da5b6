/**
 * Signing keys of the vault: Ed25519, optionally together with ML-DSA-65 (FIPS 204), for the signed chain of
 * manifests and for vault-run attestations; private keys live only in passphrase-encrypted files.
 */
package org.finres.vault.engine.signing;
