package org.finres.vault.engine;

/**
 * The key-encryption key given to {@link VaultRepository#open} unwraps none of the repository's key files. GCM cannot
 * tell a wrong key from a damaged key file; the message says both are possible. Open for the custody package, whose
 * {@code CustodyRefusedException} says exactly why an escrow restore is refused.
 */
public non-sealed class WrongKeyException extends VaultException {

    public WrongKeyException(String message) {
        super(message, null);
    }
}
