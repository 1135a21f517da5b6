package org.finres.vault.engine;

/** A vault attestation's JSON is not one this version reads; the message names the field and what is wrong. */
public final class MalformedAttestationException extends VaultException {

    public MalformedAttestationException(String message) {
        super(message, null);
    }
}
