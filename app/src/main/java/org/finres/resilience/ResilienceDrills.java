package org.finres.resilience;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.finres.core.Actor;
import org.finres.core.AuditEntry;
import org.finres.core.AuditOutcome;
import org.finres.core.AuditTrail;
import org.finres.core.InstitutionId;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.finres.core.TenantAccess;
import org.finres.resilience.drill.evidence.DrillEvidence;
import org.finres.resilience.drill.evidence.EvidenceContent;
import org.finres.resilience.drill.evidence.EvidenceVerification;
import org.finres.resilience.drill.evidence.MalformedEvidenceException;
import org.finres.resilience.drill.evidence.Measurements;
import org.finres.resilience.drill.evidence.WorkloadSummary;
import org.finres.vault.AttestationLedger;
import org.finres.vault.SigningKeyInfo;
import org.finres.vault.engine.signing.SigningPublicKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Failover drill evidence: submitted signed by the institution's drill runner, verified against the institution's
 * registered signing keys, read by the institution itself; the sector sees outcomes per institution only.
 */
@Service
public class ResilienceDrills {

    /** The hub itself, looking up an institution's registered signing keys to verify its evidence. */
    private static final Actor.SystemProcess VERIFIER = new Actor.SystemProcess("resilience-drill-verifier");

    private final JdbcClient jdbc;
    private final TenantAccess access;
    private final ResilienceRegisters registers;
    private final AttestationLedger ledger;
    private final AuditTrail audit;
    private final Clock clock;

    public ResilienceDrills(JdbcClient jdbc, TenantAccess access, ResilienceRegisters registers,
                            AttestationLedger ledger, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.registers = registers;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Verifies and stores signed drill evidence ({@code finres-drill-evidence/1}) of the actor's institution.
     *
     * @throws InvalidInputException  malformed or unsigned evidence (400), naming the field
     * @throws DrillRefusedException  another institution's drill, a signer that is not one of the institution's
     *                                registered active signing keys, a broken hash chain, a bad signature (422)
     */
    @Transactional
    public ResilienceDrill submit(Actor actor, byte[] json) {
        InstitutionId own = actor.institutionId();
        access.check(actor, Permission.RESILIENCE_WRITE, own, "resilience.drill.submit", "resilience_drill", null);
        if (json == null || json.length == 0) {
            throw new InvalidInputException("evidence", "is empty: send the signed drill evidence JSON");
        }
        DrillEvidence evidence;
        try {
            evidence = DrillEvidence.parse(json);
        } catch (MalformedEvidenceException e) {
            throw new InvalidInputException("evidence", "is malformed: " + e.getMessage());
        }
        EvidenceContent content = evidence.content();
        if (!content.institution().equals(own.value())) {
            throw refused(actor, "the evidence is a drill of institution '" + content.institution()
                    + "', but this credential belongs to '" + own.value() + "': an institution submits only its own");
        }
        String fingerprint = evidence.signer().fingerprintHex();
        // The vault's registry is the one list of an institution's signing keys; the hub looks it up on its own
        // behalf, since a drill runner's token reads no vault records.
        SigningKeyInfo key = ledger.keys(VERIFIER, own).stream().filter(k -> k.fingerprint().equals(fingerprint))
                .findFirst().orElse(null);
        if (key == null) {
            throw refused(actor, "signing key " + fingerprint + " is not registered for " + own.value()
                    + " (register it with POST /api/v1/vault/signing-keys)");
        }
        if (!key.active()) {
            throw refused(actor, "signing key " + fingerprint + " was retired at " + key.retiredAt()
                    + " and signs no new evidence");
        }
        SigningPublicKey expected;
        try {
            expected = SigningPublicKey.decode(key.publicKey());
        } catch (RuntimeException e) {
            throw refused(actor, "the registered key " + fingerprint + " cannot be read: " + e.getMessage());
        }
        switch (evidence.verify(expected)) {
            case EvidenceVerification.Valid valid -> {
            }
            case EvidenceVerification.BrokenLink broken -> throw refused(actor, "the timeline's hash chain is broken"
                    + " at entry " + broken.seq() + ": " + broken.reason());
            case EvidenceVerification.WrongSigner wrong -> throw refused(actor, "the evidence is signed by "
                    + wrong.foundFingerprint() + ", not by the registered key " + wrong.expectedFingerprint());
            case EvidenceVerification.BadSignature bad -> throw refused(actor, "the signature does not verify: "
                    + bad.reason());
        }
        Measurements m = content.measured();
        WorkloadSummary w = content.workload();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into resilience_drill (id, institution_id, evidence, service_ids, outcome, started_at,
                    detection_ms, switchover_ms, recovery_ms, transfers_acked, transfers_lost, signer_fingerprint,
                    verified, received_at, submitted_by)
                values (:id, :i, :evidence, :services, :outcome, :started, :detection, :switchover, :recovery,
                        :acked, :lost, :fp, true, :at, :by)
                """).param("id", id).param("i", own.value())
                .param("evidence", new String(json, java.nio.charset.StandardCharsets.UTF_8))
                .param("services", content.services().toArray(String[]::new))
                .param("outcome", content.outcome().status().toUpperCase(java.util.Locale.ROOT))
                .param("started", Timestamp.from(content.startedAt())).param("detection", millis(m.detection()))
                .param("switchover", millis(m.switchover())).param("recovery", millis(m.recovery()))
                .param("acked", w == null ? null : w.acknowledged())
                .param("lost", w == null ? null : (long) w.lost().size()).param("fp", fingerprint)
                .param("at", Timestamp.from(clock.instant())).param("by", actor.auditName()).update();
        audit.record(actor, AuditEntry.success("resilience.drill.submitted", "resilience_drill", id.toString(), own)
                .with("outcome", content.outcome().status()).with("services", String.join(",", content.services()))
                .with("signer", fingerprint));
        return byInstitution(own).stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }

    private static Long millis(java.time.Duration d) {
        return d == null ? null : d.toMillis();
    }

    /** A refusal of well-formed evidence, recorded whatever happens to the request. */
    private DrillRefusedException refused(Actor actor, String reason) {
        audit.recordIndependently(actor, new AuditEntry("resilience.drill.refused", "resilience_drill", null,
                actor.institutionId(), AuditOutcome.FAILURE, null).with("reason", reason));
        return new DrillRefusedException(reason);
    }

    /** Newest first. */
    public List<ResilienceDrill> list(Actor actor, InstitutionId institution) {
        InstitutionId scope = registers.readScope(actor, institution, "resilience.drills.list");
        return byInstitution(scope);
    }

    public ResilienceDrill get(Actor actor, UUID id) {
        return find(actor, id, false).drill();
    }

    /** The evidence exactly as it was submitted. */
    public String evidence(Actor actor, UUID id) {
        return find(actor, id, true).evidence();
    }

    private record Found(ResilienceDrill drill, String evidence) {
    }

    private Found find(Actor actor, UUID id, boolean withEvidence) {
        Found f = jdbc.sql("select * from resilience_drill where id = :id").param("id", id)
                .query((rs, n) -> new Found(map(rs, n), rs.getString("evidence"))).optional().orElse(null);
        if (f == null) {
            access.scope(actor, Permission.RESILIENCE_READ, null, "resilience.drill.read", "resilience_drill");
            throw new NotFoundException("resilience_drill", id.toString());
        }
        access.check(actor, Permission.RESILIENCE_READ, f.drill().institution(), "resilience.drill.read",
                "resilience_drill", id.toString());
        return f;
    }

    List<ResilienceDrill> byInstitution(InstitutionId institution) {
        return jdbc.sql("select * from resilience_drill where institution_id = :i order by received_at desc limit 1000")
                .param("i", institution.value()).query(ResilienceDrills::map).list();
    }

    List<ResilienceDrill> all() {
        return jdbc.sql("select * from resilience_drill order by received_at desc limit 10000")
                .query(ResilienceDrills::map).list();
    }

    static ResilienceDrill map(ResultSet rs, int n) throws SQLException {
        return new ResilienceDrill(rs.getObject("id", UUID.class), InstitutionId.of(rs.getString("institution_id")),
                List.of((String[]) rs.getArray("service_ids").getArray()), rs.getString("outcome"),
                rs.getTimestamp("started_at") == null ? null : rs.getTimestamp("started_at").toInstant(),
                (Long) rs.getObject("detection_ms"), (Long) rs.getObject("switchover_ms"),
                (Long) rs.getObject("recovery_ms"), (Long) rs.getObject("transfers_acked"),
                (Long) rs.getObject("transfers_lost"), rs.getString("signer_fingerprint"), rs.getBoolean("verified"),
                rs.getTimestamp("received_at").toInstant(), rs.getString("submitted_by"));
    }
}
