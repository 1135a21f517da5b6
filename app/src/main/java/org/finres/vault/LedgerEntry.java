package org.finres.vault;

import java.time.Instant;

import org.finres.core.InstitutionId;
import org.finres.vault.engine.attestation.VaultAttestation;

/** One appended attestation with its place in the chain; {@code attestation} is null only for a damaged entry. */
public record LedgerEntry(long sequence, InstitutionId institution, VaultAttestation attestation, String signerFingerprint,
                          Instant receivedAt, String submittedBy, String previousHash, String entryHash) {
}
