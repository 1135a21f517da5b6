package org.finres.vault.engine;

/**
 * A signing key, a signature, a signed attestation or a signed chain is malformed or does not verify; the message
 * names what was checked and what failed. Public so that the signing and attestation packages can throw it.
 */
public final class SignatureRefusedException extends VaultException {

    public SignatureRefusedException(String message) {
        super(message, null);
    }
}
