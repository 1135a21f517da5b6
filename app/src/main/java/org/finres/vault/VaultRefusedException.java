package org.finres.vault;

/**
 * The request is well formed but the vault cannot accept it: an unregistered or retired signer, a signature that does
 * not verify, a released share for another key or repository. Shown to the caller as a 422 naming the reason.
 */
public class VaultRefusedException extends RuntimeException {
    public VaultRefusedException(String message) {
        super(message);
    }
}
