package org.finres.vault;

import java.time.Instant;

import org.finres.core.InstitutionId;

/** A registered attestation signing key; retired keys stay listed so that old ledger entries keep their signer. */
public record SigningKeyInfo(String fingerprint, InstitutionId institution, byte[] publicKey, boolean mlDsa65,
                             Instant registeredAt, String registeredBy, Instant retiredAt, String retiredBy) {

    public boolean active() {
        return retiredAt == null;
    }
}
