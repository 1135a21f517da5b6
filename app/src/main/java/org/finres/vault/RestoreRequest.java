package org.finres.vault;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.finres.core.InstitutionId;
import org.finres.vault.engine.custody.CustodianRole;

/** A restore of an institution's vault by its restoring institution, with every custodian's decision so far. */
public record RestoreRequest(UUID id, InstitutionId institution, InstitutionId restoringInstitution,
                             String repositoryId, String reason, String restorerFingerprint, int threshold,
                             RestoreStatus status, Instant requestedAt, String requestedBy, Instant decidedAt,
                             List<Decision> decisions) {

    public RestoreRequest {
        decisions = List.copyOf(decisions);
    }

    /** A custodian's approval or denial; the released share itself is never part of this view. */
    public record Decision(CustodianRole role, InstitutionId tenant, boolean approved, String custodianFingerprint,
                           String reason, Instant decidedAt, String decidedBy) {
    }

    public long approvals() {
        return decisions.stream().filter(Decision::approved).count();
    }

    public long denials() {
        return decisions.stream().filter(d -> !d.approved()).count();
    }

    public java.util.Optional<Decision> decisionOf(CustodianRole role) {
        return decisions.stream().filter(d -> d.role() == role).findFirst();
    }
}
