package org.finres.events.search;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.finres.core.Actor;
import org.finres.core.AuditTrail;
import org.finres.core.InstitutionId;
import org.finres.core.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Searches stored events within the caller's tenancy. Pages are keyset pages on (event_time, event_id)
 * descending, so that events arriving while someone pages neither repeat nor shift rows between pages.
 */
@Service
public class EventSearch {

    private static final String COLUMNS = """
            institution_id, event_time, event_id, received_at, category_uid, class_uid, type_uid, severity_id,
            priority, incident_level, source_name, host(src_ip) as src_ip, host(dst_ip) as dst_ip, user_name,
            device_name, observables, message""";

    private final JdbcClient jdbc;
    private final EventTenancy tenancy;
    private final AuditTrail audit;

    public EventSearch(JdbcClient jdbc, EventTenancy tenancy, AuditTrail audit) {
        this.jdbc = jdbc;
        this.tenancy = tenancy;
        this.audit = audit;
    }

    /** A page of typed columns only, as the explorer's table shows them. */
    public EventPage search(Actor actor, EventQuery query) {
        return search(actor, query, false);
    }

    /** @param documents whether each row carries its OCSF JSON, as the API's answer does */
    public EventPage search(Actor actor, EventQuery query, boolean documents) {
        InstitutionId scope = tenancy.scope(actor, query.institution(), "events.search", "security_event");
        Where where = where(query.withInstitution(scope));
        if (query.cursor() != null) {
            where.and("(event_time, event_id) < (:cursorTime, :cursorId)")
                    .param("cursorTime", Timestamp.from(query.cursor().eventTime()))
                    .param("cursorId", query.cursor().eventId());
        }
        // One row more than asked tells whether there is a next page without counting.
        List<EventSummary> rows = jdbc.sql("select " + COLUMNS + (documents ? ", ocsf::text as ocsf_text" : "")
                        + " from security_event where " + where.sql
                        + " order by event_time desc, event_id desc limit :limit")
                .params(where.params).param("limit", query.limit() + 1)
                .query(EventSearch::summary).list();
        if (rows.size() > query.limit()) {
            List<EventSummary> page = rows.subList(0, query.limit());
            return new EventPage(page, page.getLast().cursor());
        }
        return new EventPage(rows, null);
    }

    /** Counts per bucket for the query's filters (its cursor and limit do not apply). */
    public EventHistogram histogram(Actor actor, EventQuery query) {
        InstitutionId scope = tenancy.scope(actor, query.institution(), "events.histogram", "security_event");
        Duration bucket = EventHistogram.bucketFor(query.from(), query.to());
        Where where = where(query.withInstitution(scope));
        Map<Instant, Long> counts = new HashMap<>();
        jdbc.sql("select date_bin(cast(:bucket as interval), event_time, timestamptz '1970-01-01 00:00:00+00') as b,"
                        + " count(*) from security_event where " + where.sql + " group by b")
                .params(where.params).param("bucket", bucket.toSeconds() + " seconds")
                .query((rs, n) -> counts.put(rs.getTimestamp(1).toInstant(), rs.getLong(2))).list();
        List<EventHistogram.Bucket> buckets = new ArrayList<>();
        long size = bucket.toSeconds();
        Instant start = Instant.ofEpochSecond(Math.floorDiv(query.from().getEpochSecond(), size) * size);
        for (Instant b = start; b.isBefore(query.to()); b = b.plus(bucket)) {
            buckets.add(new EventHistogram.Bucket(b, counts.getOrDefault(b, 0L)));
        }
        return new EventHistogram(query.from(), query.to(), bucket, buckets);
    }

    /**
     * One event in full. Opening raw events is a restricted read, recorded in the audit trail; another
     * institution's event is answered exactly like one that does not exist.
     */
    public EventDetail get(Actor actor, InstitutionId institution, UUID eventId, Instant eventTime) {
        tenancy.check(actor, institution, "events.read", "security_event", eventId.toString());
        // The time narrows the lookup to one day partition; without it every partition of the institution is probed.
        EventDetail detail = jdbc.sql("select " + COLUMNS + ", ocsf::text as ocsf_text from security_event"
                        + " where institution_id = :i and event_id = :id"
                        + (eventTime == null ? "" : " and event_time = :t"))
                .param("i", institution.value()).param("id", eventId)
                .params(eventTime == null ? Map.of() : Map.of("t", Timestamp.from(eventTime)))
                .query((rs, n) -> new EventDetail(summary(rs, n)))
                .optional().orElseThrow(() -> new NotFoundException("security_event", eventId.toString()));
        audit.recordRead(actor, "security_event", eventId.toString(), institution);
        return detail;
    }

    private static Where where(EventQuery query) {
        Where where = new Where();
        where.and("event_time >= :from and event_time < :to")
                .param("from", Timestamp.from(query.from())).param("to", Timestamp.from(query.to()));
        if (query.institution() != null) {
            where.and("institution_id = :institution").param("institution", query.institution().value());
        }
        if (query.classUid() != null) {
            where.and("class_uid = :classUid").param("classUid", query.classUid());
        }
        if (query.minSeverity() != null) {
            where.and("severity_id >= :minSeverity").param("minSeverity", query.minSeverity());
        }
        if (query.text() != null) {
            where.and("message ilike :text escape '\\'").param("text", "%" + likeLiteral(query.text()) + "%");
        }
        if (query.observable() != null) {
            where.and("observables @> array[cast(:observable as text)]").param("observable", query.observable());
        }
        return where;
    }

    /** The text matched as typed: % and _ are ordinary characters in a search box, not wildcards. */
    static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Conditions are added only when given, so the planner sees the real predicates and prunes partitions. */
    private static final class Where {
        private final StringBuilder sql = new StringBuilder("true");
        private final Map<String, Object> params = new LinkedHashMap<>();

        Where and(String condition) {
            sql.append(" and ").append(condition);
            return this;
        }

        Where param(String name, Object value) {
            params.put(name, value);
            return this;
        }
    }

    private static EventSummary summary(ResultSet rs, int row) throws SQLException {
        Array observables = rs.getArray("observables");
        Integer incidentLevel = rs.getObject("incident_level") == null ? null : rs.getInt("incident_level");
        return new EventSummary(InstitutionId.of(rs.getString("institution_id")),
                rs.getTimestamp("event_time").toInstant(), rs.getObject("event_id", UUID.class),
                rs.getTimestamp("received_at").toInstant(), rs.getInt("category_uid"), rs.getInt("class_uid"),
                rs.getLong("type_uid"), rs.getInt("severity_id"), rs.getInt("priority"),
                incidentLevel, rs.getString("source_name"), rs.getString("src_ip"),
                rs.getString("dst_ip"), rs.getString("user_name"), rs.getString("device_name"),
                observables == null ? List.of() : List.of((String[]) observables.getArray()), rs.getString("message"),
                documents(rs) ? rs.getString("ocsf_text") : null);
    }

    private static boolean documents(ResultSet rs) throws SQLException {
        var meta = rs.getMetaData();
        for (int i = meta.getColumnCount(); i > 0; i--) {
            if ("ocsf_text".equals(meta.getColumnLabel(i))) {
                return true;
            }
        }
        return false;
    }
}
