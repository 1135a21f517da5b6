/**
 * Key custody: hybrid X25519 + ML-KEM-768 sealing to named custodians, Shamir M-of-N shares of the data key, and the
 * escrow {@link org.finres.vault.engine.KeyWrapping} through which a restoring institution opens a repository only
 * with M custodians' released shares.
 */
package org.finres.vault.engine.custody;
