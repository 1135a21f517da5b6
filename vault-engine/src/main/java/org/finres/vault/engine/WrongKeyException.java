package org.finres.vault.engine;

/**
 * The key-encryption key given to {@link VaultRepository#open} unwraps none of the repository's key files. GCM cannot
 * tell a wrong key from a damaged key file; the message says both are possible.
 */
public final class WrongKeyException extends VaultException {

    public WrongKeyException(String message) {
        super(message, null);
    }
}
