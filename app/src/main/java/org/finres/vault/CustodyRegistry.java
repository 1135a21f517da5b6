package org.finres.vault;

import java.time.Instant;
import java.util.List;

import org.finres.core.InstitutionId;
import org.finres.vault.engine.custody.CustodianRole;

/**
 * Who holds an institution's escrow: the threshold M and the restoring institution (both null until the hub operator
 * sets them) and the custodian keys registered so far, one per role.
 */
public record CustodyRegistry(InstitutionId institution, Integer threshold, InstitutionId restoringInstitution,
                              Instant updatedAt, String updatedBy, List<Custodian> custodians) {

    public CustodyRegistry {
        custodians = List.copyOf(custodians);
    }

    public boolean configured() {
        return threshold != null;
    }

    /** A registered custodian key; {@code tenant} is the tenant that holds the role and registered it. */
    public record Custodian(CustodianRole role, String name, InstitutionId tenant, byte[] publicKey, String fingerprint,
                            Instant registeredAt, String registeredBy) {
    }

    public java.util.Optional<Custodian> custodian(CustodianRole role) {
        return custodians.stream().filter(c -> c.role() == role).findFirst();
    }
}
