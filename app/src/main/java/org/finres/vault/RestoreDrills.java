package org.finres.vault;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.finres.core.AccessRefusedException;
import org.finres.core.Actor;
import org.finres.core.AuditEntry;
import org.finres.core.AuditTrail;
import org.finres.core.InstitutionId;
import org.finres.core.Permission;
import org.finres.core.TenantAccess;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Restore drill evidence: recorded by the institution itself or by its designated restoring institution (whoever
 * ran the restore), read by the hub and the regulator, by the institution and by the restorer that recorded it.
 */
@Service
public class RestoreDrills {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final TenantAccess access;
    private final AuditTrail audit;
    private final VaultCustody custody;
    private final Clock clock;

    public RestoreDrills(JdbcClient jdbc, TenantAccess access, AuditTrail audit, VaultCustody custody, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.custody = custody;
        this.clock = clock;
    }

    @Transactional
    public DrillRecord record(Actor actor, DrillReport report) {
        InstitutionId own = actor.institutionId();
        access.check(actor, Permission.VAULT_WRITE, own, "vault.drill.record", "vault_drill", null);
        boolean restorer = custody.restoringInstitutionOf(report.institution()).map(own::equals).orElse(false);
        if (!own.equals(report.institution()) && !restorer) {
            if (actor.may(Permission.VAULT_READ, report.institution())) {
                audit.recordDenied(actor, "vault.drill.record", "vault_drill", null, report.institution(),
                        "neither the institution nor its restoring institution");
                throw new AccessRefusedException("a drill of " + report.institution()
                        + " is recorded by that institution or its restoring institution");
            }
            access.refuseOtherTenant(actor, "vault.drill.record", "vault_drill", null, report.institution());
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into vault_drill (id, institution_id, recorded_by_tenant, repository_id, snapshot_id,
                    business_date, started_at, finished_at, phases, files, bytes, control_totals_match, discrepancies,
                    target_seconds, outcome, recorded_at, recorded_by)
                values (:id, :i, :t, :repo, :snap, :date, :start, :end, :phases, :files, :bytes, :match, :disc,
                        :target, :outcome, :at, :by)
                """).param("id", id).param("i", report.institution().value()).param("t", own.value())
                .param("repo", report.repositoryId()).param("snap", report.snapshotId())
                .param("date", report.businessDate()).param("start", Timestamp.from(report.startedAt()))
                .param("end", Timestamp.from(report.finishedAt())).param("phases", JSON.writeValueAsString(report.phases()))
                .param("files", report.files()).param("bytes", report.bytes()).param("match", report.controlTotalsMatch())
                .param("disc", report.discrepancies().toArray(String[]::new)).param("target", report.targetSeconds())
                .param("outcome", report.outcome().name()).param("at", Timestamp.from(clock.instant()))
                .param("by", actor.auditName()).update();
        audit.record(actor, AuditEntry.success("vault.drill.recorded", "vault_drill", id.toString(),
                        report.institution()).with("outcome", report.outcome().name())
                .with("elapsedSeconds", Long.toString(report.elapsedSeconds()))
                .with("targetSeconds", Long.toString(report.targetSeconds()))
                .with("controlTotalsMatch", Boolean.toString(report.controlTotalsMatch()))
                .with("discrepancies", Integer.toString(report.discrepancies().size())));
        return list(actor, report.institution(), 500).stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }

    /** Newest first; {@code institution} null lists every drill the actor may read. */
    public List<DrillRecord> list(Actor actor, InstitutionId institution, int limit) {
        boolean all = actor.grants().get(Permission.VAULT_READ) == Permission.Reach.ALL;
        if (!actor.holds(Permission.VAULT_READ)) {
            access.scope(actor, Permission.VAULT_READ, institution, "vault.drills.list", "vault_drill");
        }
        InstitutionId own = actor.institutionId();
        if (!all && institution != null && !institution.equals(own)
                && !custody.restoringInstitutionOf(institution).map(own::equals).orElse(false)) {
            access.refuseOtherTenant(actor, "vault.drills.list", "vault_drill", null, institution);
        }
        return jdbc.sql("""
                select * from vault_drill
                where (:all or institution_id = :own or recorded_by_tenant = :own)
                  and (cast(:i as text) is null or institution_id = :i)
                order by started_at desc limit :limit
                """).param("all", all).param("own", own.value()).param("i", institution == null ? null : institution.value())
                .param("limit", Math.max(1, Math.min(limit, 500))).query(RestoreDrills::map).list();
    }

    private static DrillRecord map(ResultSet rs, int n) throws SQLException {
        Map<String, Double> phases = JSON.readValue(rs.getString("phases"), new TypeReference<Map<String, Double>>() { });
        String[] disc = (String[]) rs.getArray("discrepancies").getArray();
        DrillReport report = new DrillReport(InstitutionId.of(rs.getString("institution_id")),
                rs.getString("repository_id"), rs.getString("snapshot_id"), rs.getObject("business_date", LocalDate.class),
                rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("finished_at").toInstant(), phases,
                rs.getLong("files"), rs.getLong("bytes"), rs.getBoolean("control_totals_match"), List.of(disc),
                rs.getLong("target_seconds"), DrillOutcome.valueOf(rs.getString("outcome")));
        return new DrillRecord(rs.getObject("id", UUID.class), report, InstitutionId.of(rs.getString("recorded_by_tenant")),
                rs.getTimestamp("recorded_at").toInstant(), rs.getString("recorded_by"));
    }
}
