package org.finres.detection;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.finres.core.Actor;
import org.finres.core.AuditEntry;
import org.finres.core.AuditTrail;
import org.finres.core.ConflictException;
import org.finres.core.InstitutionId;
import org.finres.stix.attack.TechniqueId;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.finres.core.Permission;
import org.finres.core.TenantAccess;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading and triaging alerts within the caller's tenancy. The hub reads every alert; an institution reads its own
 * alerts and, of a sector alert it is part of, only its own part: its own counts and member row, never the other
 * institutions. Sector alerts are triaged by the hub.
 */
@Service
public class Alerts {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = """
            a.id, a.uid, a.institution_id, a.kind, a.rule_key, a.rule_title, a.level, a.severity_id, a.status,
            a.close_reason, a.first_seen, a.last_seen, a.hits, a.group_values::text as group_text, a.created_at,
            a.attack_techniques,
            a.acknowledged_by, a.acknowledged_at, a.closed_by, a.closed_at, a.close_note,
            m.first_seen as m_first, m.last_seen as m_last, m.hits as m_hits,
            (select count(*) from sector_alert_member x where x.alert_id = a.id) as members
            """;

    private final JdbcClient jdbc;
    private final TenantAccess access;
    private final AuditTrail audit;
    private final Clock clock;

    public Alerts(JdbcClient jdbc, TenantAccess access, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    public List<AlertSummary> list(Actor actor, AlertQuery query) {
        InstitutionId scope = access.scope(actor, Permission.ALERTS_READ, query.institution(), "alerts.list",
                "detection_alert");
        boolean own = isOwnReader(actor);
        StringBuilder where = new StringBuilder("true");
        if (scope != null) {
            where.append(" and (a.institution_id = :scope or m.institution_id is not null)");
        }
        if (query.status() != null) {
            where.append(" and a.status = :status");
        }
        if (query.kind() != null) {
            where.append(" and a.kind = :kind");
        }
        if (query.minLevel() != null) {
            where.append(" and a.severity_id >= :minSeverity");
        }
        if (query.text() != null && !query.text().isBlank()) {
            where.append(" and a.search_text ilike :text");
        }
        if (query.beforeId() != null) {
            where.append(" and a.id < :before");
        }
        var sql = jdbc.sql("select " + COLUMNS + " from detection_alert a left join sector_alert_member m"
                        + " on m.alert_id = a.id and m.institution_id = :scope where " + where
                        + " order by a.id desc limit :limit")
                .param("scope", scope == null ? null : scope.value())
                .param("limit", query.limit());
        if (query.status() != null) {
            sql = sql.param("status", query.status().code());
        }
        if (query.kind() != null) {
            sql = sql.param("kind", query.kind().code());
        }
        if (query.minLevel() != null) {
            sql = sql.param("minSeverity", AlertQuery.severityOf(query.minLevel()));
        }
        if (query.text() != null && !query.text().isBlank()) {
            sql = sql.param("text", "%" + query.text().strip().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (query.beforeId() != null) {
            sql = sql.param("before", query.beforeId());
        }
        return sql.query((rs, n) -> summary(rs, own)).list();
    }

    public AlertDetail get(Actor actor, long id) {
        Row row = readable(actor, id, "alerts.read");
        boolean own = isOwnReader(actor);
        InstitutionId viewer = own ? actor.institutionId() : null;
        String finding = jdbc.sql("select finding::text from detection_alert where id = :id").param("id", id)
                .query(String.class).single();
        List<AlertDetail.EvidenceRef> evidence = jdbc.sql("""
                select institution_id, event_id, event_time from detection_alert_event
                where alert_id = :id and (cast(:viewer as text) is null or institution_id = :viewer)
                order by event_time
                """).param("id", id).param("viewer", viewer == null ? null : viewer.value())
                .query((rs, n) -> new AlertDetail.EvidenceRef(InstitutionId.of(rs.getString(1)),
                        rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant())).list();
        List<AlertDetail.Member> members = jdbc.sql("""
                select institution_id, first_seen, last_seen, hits, member_alerts from sector_alert_member
                where alert_id = :id and (cast(:viewer as text) is null or institution_id = :viewer)
                order by first_seen
                """).param("id", id).param("viewer", viewer == null ? null : viewer.value())
                .query((rs, n) -> new AlertDetail.Member(InstitutionId.of(rs.getString(1)),
                        rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant(), rs.getLong(4),
                        longs(rs.getArray(5)))).list();
        if (row.summary().kind() == AlertKind.SECTOR && own) {
            // A member reads the sector finding's title and group, never who else is in it.
            finding = null;
        }
        return new AlertDetail(row.summary(), finding, evidence, members, row.acknowledgedBy(), row.acknowledgedAt(),
                row.closedBy(), row.closedAt(), row.closeNote());
    }

    @Transactional
    public AlertDetail acknowledge(Actor actor, long id) {
        Row row = triageable(actor, id, "alerts.acknowledge");
        if (row.summary().status() != AlertStatus.NEW) {
            throw new ConflictException("alert " + id + " is " + row.summary().status().code()
                    + "; only a new alert can be acknowledged");
        }
        Instant now = clock.instant();
        jdbc.sql("""
                update detection_alert set status = 'acknowledged', acknowledged_at = :now, acknowledged_by = :by,
                       updated_at = :now, finding = jsonb_set(jsonb_set(finding, '{status_id}', '2'), '{status}', '"In Progress"')
                where id = :id
                """).param("now", Timestamp.from(now)).param("by", actor.auditName()).param("id", id).update();
        audit.record(actor, AuditEntry.success("alerts.acknowledge", "detection_alert", Long.toString(id),
                row.summary().institution()));
        return get(actor, id);
    }

    @Transactional
    public AlertDetail close(Actor actor, long id, CloseReason reason, String note) {
        if (reason == null) {
            throw new InvalidInputException("reason", "is required to close an alert");
        }
        if (note != null && note.length() > 2_000) {
            throw new InvalidInputException("note", "must be at most 2000 characters");
        }
        Row row = triageable(actor, id, "alerts.close");
        if (row.summary().status() == AlertStatus.CLOSED) {
            throw new ConflictException("alert " + id + " is already closed");
        }
        Instant now = clock.instant();
        jdbc.sql("""
                update detection_alert set status = 'closed', close_reason = :reason, close_note = :note,
                       closed_at = :now, closed_by = :by,
                       updated_at = :now, finding = jsonb_set(jsonb_set(finding, '{status_id}', '4'), '{status}', '"Resolved"')
                where id = :id
                """).param("reason", reason.code()).param("note", note == null || note.isBlank() ? null : note.strip())
                .param("now", Timestamp.from(now)).param("by", actor.auditName()).param("id", id).update();
        AuditEntry entry = AuditEntry.success("alerts.close", "detection_alert", Long.toString(id),
                row.summary().institution()).with("reason", reason.code());
        audit.record(actor, note == null || note.isBlank() ? entry : entry.with("note", note.strip()));
        return get(actor, id);
    }

    private record Row(AlertSummary summary, String acknowledgedBy, Instant acknowledgedAt, String closedBy,
                       Instant closedAt, String closeNote) {
    }

    private Row readable(Actor actor, long id, String action) {
        access.scope(actor, Permission.ALERTS_READ, null, action, "detection_alert");
        boolean own = isOwnReader(actor);
        String viewer = own ? actor.institutionId().value() : null;
        List<Row> rows = jdbc.sql("select " + COLUMNS + " from detection_alert a left join sector_alert_member m"
                        + " on m.alert_id = a.id and m.institution_id = :viewer where a.id = :id")
                .param("viewer", viewer).param("id", id)
                .query((rs, n) -> new Row(summary(rs, own), rs.getString("acknowledged_by"),
                        instant(rs.getTimestamp("acknowledged_at")), rs.getString("closed_by"),
                        instant(rs.getTimestamp("closed_at")), rs.getString("close_note"))).list();
        if (rows.isEmpty()) {
            throw new NotFoundException("detection_alert", Long.toString(id));
        }
        Row row = rows.getFirst();
        if (own && !row.summary().institution().equals(actor.institutionId())) {
            boolean member = jdbc.sql("select count(*) from sector_alert_member where alert_id = :id and institution_id = :i")
                    .param("id", id).param("i", viewer).query(Long.class).single() > 0;
            if (!member) {
                throw access.refuseOtherTenant(actor, action, "detection_alert", Long.toString(id),
                        row.summary().institution());
            }
        }
        return row;
    }

    private Row triageable(Actor actor, long id, String action) {
        Row row = readable(actor, id, action);
        if (row.summary().kind() == AlertKind.SECTOR) {
            access.requireAll(actor, Permission.ALERTS_TRIAGE, action, "detection_alert", Long.toString(id));
        } else {
            access.check(actor, Permission.ALERTS_TRIAGE, row.summary().institution(), action, "detection_alert",
                    Long.toString(id));
        }
        return row;
    }

    private static boolean isOwnReader(Actor actor) {
        return actor.grants().get(Permission.ALERTS_READ) != Permission.Reach.ALL;
    }

    private static AlertSummary summary(ResultSet rs, boolean ownPart) throws SQLException {
        boolean memberRow = ownPart && rs.getTimestamp("m_first") != null;
        String group = rs.getString("group_text");
        Map<String, String> groupValues = group == null ? Map.of()
                : JSON.readValue(group, new TypeReference<Map<String, String>>() { });
        long members = rs.getLong("members");
        return new AlertSummary(rs.getLong("id"), rs.getObject("uid", UUID.class),
                InstitutionId.of(rs.getString("institution_id")), AlertKind.fromCode(rs.getString("kind")),
                rs.getString("rule_key"), rs.getString("rule_title"), rs.getString("level"),
                rs.getInt("severity_id"), AlertStatus.fromCode(rs.getString("status")),
                rs.getString("close_reason"),
                memberRow ? rs.getTimestamp("m_first").toInstant() : rs.getTimestamp("first_seen").toInstant(),
                memberRow ? rs.getTimestamp("m_last").toInstant() : rs.getTimestamp("last_seen").toInstant(),
                memberRow ? rs.getLong("m_hits") : rs.getLong("hits"), groupValues,
                ownPart ? (memberRow ? 1 : 0) : (int) members, rs.getTimestamp("created_at").toInstant(),
                techniques(rs.getArray("attack_techniques")));
    }

    private static List<TechniqueId> techniques(java.sql.Array array) throws SQLException {
        List<TechniqueId> out = new java.util.ArrayList<>();
        for (Object id : (Object[]) array.getArray()) {
            if (TechniqueId.isValid((String) id)) {
                out.add(TechniqueId.of((String) id));
            }
        }
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static List<Long> longs(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        List<Long> out = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            out.add(((Number) o).longValue());
        }
        return out;
    }
}
