package org.finres.detection.internal;

import java.util.List;
import java.util.Map;

import org.finres.detection.AlertKind;
import org.finres.vault.VaultRunMissed;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A missed vault run is an alert for its institution: without last night's vaulted data a restoring institution
 * could not restore today's balances. One alert per institution and business date.
 */
@Component
class VaultRunMissedAlerts {

    private final AlertWriter writer;

    VaultRunMissedAlerts(AlertWriter writer) {
        this.writer = writer;
    }

    @EventListener
    void on(VaultRunMissed missed) {
        String date = missed.businessDate().toString();
        writer.write(List.of(new AlertHit(AlertKind.VAULT_MISSED, missed.institution(), "finres:vault-run-missed",
                "Vault run missed for business date " + date,
                "No signed vault attestation of " + missed.institution() + " for business date " + date
                        + " arrived by the cut-off; " + (missed.lastBusinessDate() == null
                        ? "it has never vaulted." : "its last vaulted business date is " + missed.lastBusinessDate() + "."),
                "high", "business_date=" + date, Map.of("business_date", date), missed.detectedAt(), List.of(),
                null)));
    }
}
