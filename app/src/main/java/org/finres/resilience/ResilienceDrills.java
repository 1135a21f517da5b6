package org.finres.resilience;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.finres.core.Actor;
import org.finres.core.InstitutionId;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.finres.core.TenantAccess;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Failover drill evidence: submitted signed by the institution's drill runner, verified against the institution's
 * registered signing keys, read by the institution itself; the sector sees outcomes per institution only.
 */
@Service
public class ResilienceDrills {

    private final JdbcClient jdbc;
    private final TenantAccess access;
    private final ResilienceRegisters registers;

    public ResilienceDrills(JdbcClient jdbc, TenantAccess access, ResilienceRegisters registers) {
        this.jdbc = jdbc;
        this.access = access;
        this.registers = registers;
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
